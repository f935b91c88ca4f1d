using System;
using System.Collections.Generic;
using System.Linq;
using Xfer.Onnx.Proto;
using Xfer.Onnx.Tfjs;

namespace Xfer.Onnx;

/// <summary>The layers a user can extract from a model, and which of them are the defaults.</summary>
/// <param name="Layers">Every candidate in graph order: name, op and output shape without the batch dimension (−1 where unknown).</param>
/// <param name="PooledLayer">The layer extracted when no <c>--layer</c> is given; null when none was identified.</param>
/// <param name="ProbabilitiesLayer">The classifier head's softmax output, if the model has one.</param>
/// <param name="ShapeSource">Where the shapes came from, for the user: "converter", "shape inference" or "a probe run (batch 1, zero input)".</param>
public sealed record LayerListing(IReadOnlyList<LayerInfo> Layers, string? PooledLayer, string? ProbabilitiesLayer, string ShapeSource);

/// <summary>
/// Lists the candidate layers of an ONNX model: every float32 tensor a node produces (node output name, op type,
/// output shape).
/// </summary>
/// <remarks>
/// <para>How: every node output is exposed as a graph output with its type left to ONNX Runtime
/// (<see cref="OutputTyping.InferByRuntime"/>), and the session reports each one's element type and shape. ONNX Runtime's
/// shapes combine the model's <c>value_info</c> with its own shape inference. Non-float values (shape arithmetic,
/// indices) are dropped.</para>
/// <para>When a shape still has an unknown dimension besides the batch, and the model has one float input whose
/// dimensions other than the first are fixed, the rewritten model is run once on zeros of the declared input shape
/// with batch 1, and the shapes of that run are reported. Shapes are listed without the leading (batch) dimension.</para>
/// <para>Defaults: the pooled layer is the data input of the last <c>Gemm</c>/<c>MatMul</c> node (the penultimate
/// layer, the usual feature layer) when a node produces it, else the first graph output; the probabilities layer is
/// a graph output produced by <c>Softmax</c>, if any.</para>
/// </remarks>
public static class OnnxLayerLister
{
    /// <summary>Lists the layers of <paramref name="model"/>; <paramref name="source"/> names it in messages.</summary>
    public static LayerListing List(ModelProto model, string source, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var candidates = OnnxGraphRewriter.NodeOutputs(model);
        var exposed = OnnxGraphRewriter.ExposeOutputs(model, candidates.Select(c => c.Name), OutputTyping.InferByRuntime);
        using var session = OnnxSession.FromModel(exposed, source, options);
        var infos = session.Outputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var kept = candidates
            .Where(c => infos.TryGetValue(c.Name, out var t) && t.ElementType == TensorElementType.Float)
            .ToList();
        var shapes = kept.ToDictionary(c => c.Name, c => infos[c.Name].Shape, StringComparer.Ordinal);
        string shapeSource = "shape inference";
        bool incomplete = shapes.Values.Any(s => s.Length == 0 || s.Skip(1).Any(d => d < 0));
        if (incomplete && ProbeInput(session) is FloatTensor zeros)
        {
            var names = kept.Select(c => c.Name).ToArray();
            session.Run([new KeyValuePair<string, FloatTensor>(session.Inputs[0].Name, zeros)], names, (i, _, shape) => shapes[names[i]] = shape.ToArray());
            shapeSource = "a probe run (batch 1, zero input)";
        }

        var layers = kept.Select(c => new LayerInfo(c.Name, c.Op, WithoutBatch(shapes[c.Name]))).ToList();
        return new LayerListing(layers, DefaultPooled(model, kept), DefaultProbabilities(model), shapeSource);
    }

    private static FloatTensor? ProbeInput(OnnxSession session)
    {
        if (session.Inputs.Count != 1)
        {
            return null;
        }

        var input = session.Inputs[0];
        if (input.ElementType != TensorElementType.Float || !input.HasFixedSampleShape)
        {
            return null;
        }

        var shape = input.Shape.ToArray();
        shape[0] = shape[0] < 0 ? 1 : shape[0];
        long count = shape.Aggregate(1L, (a, b) => a * b);
        return new FloatTensor(new float[count], shape);
    }

    private static int[] WithoutBatch(long[] shape) => shape.Skip(1).Select(d => d < 0 ? -1 : checked((int)d)).ToArray();

    private static string? DefaultPooled(ModelProto model, List<(string Name, string Op)> kept)
    {
        var floatValues = new HashSet<string>(kept.Select(k => k.Name), StringComparer.Ordinal);
        var last = model.Graph.Node.LastOrDefault(n => n.OpType is "Gemm" or "MatMul" && n.Input.Count > 0);
        if (last is not null && floatValues.Contains(last.Input[0]))
        {
            return last.Input[0];
        }

        return model.Graph.Output.Select(o => o.Name).FirstOrDefault(floatValues.Contains);
    }

    private static string? DefaultProbabilities(ModelProto model)
    {
        var outputs = new HashSet<string>(model.Graph.Output.Select(o => o.Name), StringComparer.Ordinal);
        return model.Graph.Node.Where(n => n.OpType == "Softmax").SelectMany(n => n.Output).FirstOrDefault(outputs.Contains);
    }
}
