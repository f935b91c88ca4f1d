using System;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.Onnx;
using Xfer.Onnx.Proto;
using Xfer.Tests.Support;
using Xunit;
using static Xfer.Tests.Onnx.TinyModels;

namespace Xfer.Tests.Onnx;

public class OnnxGraphRewriterTests
{
    [Fact]
    public void Expose_outputs_appends_new_outputs_and_leaves_the_original_untouched()
    {
        var model = Mlp();
        var exposed = OnnxGraphRewriter.ExposeOutputs(model, ["relu", "hidden", "y", "relu"]);
        Assert.Equal(["y", "relu", "hidden"], exposed.Graph.Output.Select(o => o.Name));
        Assert.Equal(["y"], model.Graph.Output.Select(o => o.Name));
        var declared = exposed.Graph.Output[1].Type.TensorType;
        Assert.Equal((int)TensorProto.Types.DataType.Float, declared.ElemType);
        Assert.Null(declared.Shape);
    }

    [Fact]
    public void Expose_outputs_copies_the_value_info_when_the_graph_has_one()
    {
        var model = Mlp();
        model.Graph.ValueInfo.Add(Float("relu", -1, 4));
        var exposed = OnnxGraphRewriter.ExposeOutputs(model, ["relu"]);
        Assert.Equal(2, exposed.Graph.Output[1].Type.TensorType.Shape.Dim.Count);
        Assert.Equal(4, exposed.Graph.Output[1].Type.TensorType.Shape.Dim[1].DimValue);
    }

    [Fact]
    public void Expose_outputs_rejects_a_name_no_node_produces()
    {
        var e = Assert.Throws<XferException>(() => OnnxGraphRewriter.ExposeOutputs(Mlp(), ["W1"]));
        Assert.Equal("no node of the model produces a value named 'W1' (e.g. hidden, relu, y); run 'xfer layers --model ...' to list them.", e.Message);
    }

    [OrtFact]
    public void Exposed_intermediate_values_equal_an_independent_forward_pass()
    {
        const int n = 64;
        var rng = new Random(7);
        var x = Enumerable.Range(0, n * 3).Select(_ => (float)((rng.NextDouble() * 6) - 3)).ToArray();
        using var session = OnnxSession.FromModel(OnnxGraphRewriter.ExposeOutputs(Mlp(), ["hidden", "relu"]), "mlp+");
        var outputs = session.Run(new FloatTensor(x, n, 3));
        var hidden = Affine(x.Select(v => (double)v).ToArray(), n, 3, W1, B1, 4);
        var relu = Relu(hidden);
        var y = Affine(relu, n, 4, W2, B2, 2);

        // float32 sums of 3–4 products of magnitude ≤ 6: 1e-5 relative with a 1e-5 floor covers the rounding.
        NumericAssert.Close(hidden, AsDoubles(outputs["hidden"]), rtol: 1e-5, atol: 1e-5);
        NumericAssert.Close(relu, AsDoubles(outputs["relu"]), rtol: 1e-5, atol: 1e-5);
        NumericAssert.Close(y, AsDoubles(outputs["y"]), rtol: 1e-5, atol: 1e-5);
        Assert.Equal([(long)n, 4L], outputs["relu"].Shape);
    }

    [Fact]
    public void Select_outputs_keeps_only_what_the_outputs_depend_on()
    {
        // Side branches: "side" hangs off relu and nothing consumes it; W2/b2 and the second Gemm only feed y.
        var model = Mlp();
        model.Graph.Node.Add(Node("Sigmoid", ["relu"], ["side"]));
        model.Graph.ValueInfo.Add(Float("relu", -1, 4));
        model.Graph.ValueInfo.Add(Float("y", -1, 2));
        var selected = OnnxGraphRewriter.SelectOutputs(model, ["relu", "hidden"]);
        Assert.Equal(["relu", "hidden"], selected.Graph.Output.Select(o => o.Name));
        Assert.Equal(["Gemm", "Relu"], selected.Graph.Node.Select(n => n.OpType));
        Assert.Equal(["W1", "b1"], selected.Graph.Initializer.Select(i => i.Name));
        Assert.Equal(["relu"], selected.Graph.ValueInfo.Select(v => v.Name));
        Assert.Equal(["x"], selected.Graph.Input.Select(i => i.Name));
        Assert.Equal(4, model.Graph.Node.Count); // the original is untouched
    }

    [OrtFact]
    public void Selected_outputs_run_and_equal_an_independent_forward_pass()
    {
        var x = new float[] { 1, 2, 3, -1, 0.5f, 0 };
        using var session = OnnxSession.FromModel(OnnxGraphRewriter.SelectOutputs(Mlp(), ["relu"]), "mlp-relu");
        Assert.Equal(["relu"], session.Outputs.Select(o => o.Name));

        // Hand-derived in OnnxSessionTests: relu rows [0, 5.5, 2.5, 2.5] and [0, 1.5, 0, 0], exact in float32.
        Assert.Equal([0f, 5.5f, 2.5f, 2.5f, 0f, 1.5f, 0f, 0f], session.Run(new FloatTensor(x, 2, 3))["relu"].Span.ToArray());
    }

    [OrtFact]
    public void Layer_listing_gives_ops_shapes_and_defaults()
    {
        var listing = OnnxLayerLister.List(Mlp(), "mlp");
        Assert.Equal(["hidden", "relu", "y"], listing.Layers.Select(l => l.Name));
        Assert.Equal(["Gemm", "Relu", "Gemm"], listing.Layers.Select(l => l.Op));
        Assert.Equal([4], listing.Layers[0].OutputShape);
        Assert.Equal([2], listing.Layers[2].OutputShape);
        Assert.Equal("relu", listing.PooledLayer);
        Assert.Null(listing.ProbabilitiesLayer);
        Assert.Equal("shape inference", listing.ShapeSource);
    }

    [OrtFact]
    public void Layer_listing_drops_non_float_values_and_finds_a_softmax_head()
    {
        var model = Mlp();
        model.Graph.Output.Clear();
        model.Graph.Node.Add(Node("Shape", ["relu"], ["relu_shape"]));
        model.Graph.Node.Add(Node("Softmax", ["y"], ["probs"], Int("axis", 1)));
        model.Graph.Output.Add(Float("probs", -1, 2));
        var listing = OnnxLayerLister.List(model, "mlp-softmax");
        Assert.Equal(["hidden", "relu", "y", "probs"], listing.Layers.Select(l => l.Name));
        Assert.Equal("probs", listing.ProbabilitiesLayer);
        Assert.Equal("relu", listing.PooledLayer);
    }

    [OrtFact]
    public void Layer_listing_runs_a_probe_when_inference_leaves_a_shape_open()
    {
        // y = ConstantOfShape(Shape(x) · [1, 2]) has a data-dependent shape [N, 6] that static inference cannot see.
        var g = new GraphProto { Name = "probe" };
        g.Input.Add(Float("x", -1, 3));
        var two = new TensorProto { Name = "scale", DataType = (int)TensorProto.Types.DataType.Int64 };
        two.Dims.Add(2);
        two.Int64Data.AddRange([1, 2]);
        g.Initializer.Add(two);
        g.Node.Add(Node("Relu", ["x"], ["r"]));
        g.Node.Add(Node("Shape", ["r"], ["s"]));
        g.Node.Add(Node("Mul", ["s", "scale"], ["s2"]));
        g.Node.Add(Node("ConstantOfShape", ["s2"], ["y"]));
        g.Output.Add(Float("y", -1, -1));
        var listing = OnnxLayerLister.List(Model(g), "probe");
        Assert.Equal(["r", "y"], listing.Layers.Select(l => l.Name));
        Assert.Equal([3], listing.Layers[0].OutputShape);
        Assert.Equal([6], listing.Layers[1].OutputShape);
        Assert.Equal("a probe run (batch 1, zero input)", listing.ShapeSource);
    }

    private static double[] AsDoubles(FloatTensor t) => t.Span.ToArray().Select(v => (double)v).ToArray();
}
