using System.Collections.Generic;
using Xfer.Onnx.Proto;

namespace Xfer.Onnx.Tfjs;

/// <summary>
/// Imports a TensorFlow.js Layers model (model.json + weight shards, float or quantised; or nsfwjs's
/// <c>model.min.js</c> wrapper with base64 shards) and converts it to an ONNX graph that ONNX Runtime runs.
/// </summary>
/// <remarks>Contract: the ONNX graph takes one float32 input in NHWC layout (batch dimension symbolic, named after the
/// Keras input layer), and every Keras layer's output is the ONNX value named exactly after the layer, in Keras's NHWC
/// layout, so <c>--layer block_16_project_BN</c> names the same tensor in both worlds. The graph outputs are the Keras
/// model's outputs. Image-valued layers are computed in NCHW internally (<c>&lt;layer&gt;/nchw</c>); the NHWC views are
/// Transpose nodes that nothing else consumes, so a runner should prune nodes that no requested output needs.
/// See docs/tfjs-import.md.</remarks>
public static class TfjsLayersImporter
{
    /// <summary>Imports the model at <paramref name="modelPath"/> (<c>model.json</c> or a <c>model.min.js</c> wrapper).</summary>
    /// <exception cref="Core.Errors.InputFileException">A file is missing or malformed, or a layer is not supported (one line naming the layer and its type).</exception>
    public static TfjsImportResult Import(string modelPath) => KerasOnnxConverter.Convert(TfjsModelFiles.Read(modelPath));
}

/// <summary>The converted model and what is known about its layers.</summary>
/// <param name="Model">The ONNX model.</param>
/// <param name="InputName">Name of the NHWC float32 input.</param>
/// <param name="InputShape">Input shape without the batch dimension: height, width, channels.</param>
/// <param name="Layers">Every layer in topological order with its op and output shape (without batch).</param>
/// <param name="PooledLayer">The backbone's pooled feature layer (e.g. 1280-d for MobileNetV2), if identified.</param>
/// <param name="ProbabilitiesLayer">The classifier head's softmax output, if the model has one.</param>
public sealed record TfjsImportResult(
    ModelProto Model,
    string InputName,
    int[] InputShape,
    IReadOnlyList<LayerInfo> Layers,
    string? PooledLayer,
    string? ProbabilitiesLayer);

/// <summary>One layer (graph value) a user can extract.</summary>
/// <param name="Name">Layer name as the source model spells it (Keras layer name, or ONNX node output).</param>
/// <param name="Op">Layer type or ONNX op, e.g. "Conv2D" or "Conv".</param>
/// <param name="OutputShape">Output shape without the batch dimension; empty when unknown.</param>
public sealed record LayerInfo(string Name, string Op, int[] OutputShape);
