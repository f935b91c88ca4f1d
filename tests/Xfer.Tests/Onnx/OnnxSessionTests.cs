using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xfer.Core.Errors;
using Xfer.Onnx;
using Xfer.Onnx.Proto;
using Xfer.Tests.Support;
using Xunit;
using static Xfer.Tests.Onnx.TinyModels;

namespace Xfer.Tests.Onnx;

public class OnnxSessionTests
{
    [OrtFact]
    public void Version_is_reported_by_the_loaded_library()
    {
        Assert.Matches(new Regex(@"^1\.\d+\.\d+"), OnnxRuntime.Version);
        Assert.False(string.IsNullOrEmpty(OnnxRuntime.LibraryPath));
    }

    [OrtFact]
    public void Session_describes_names_types_and_shapes()
    {
        using var session = OnnxSession.FromModel(Mlp(), "mlp");
        var input = Assert.Single(session.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(TensorElementType.Float, input.ElementType);
        Assert.Equal([-1L, 3L], input.Shape);
        Assert.Equal(["N", string.Empty], input.DimensionNames);
        Assert.Equal("[N, 3]", input.ShapeText);
        var output = Assert.Single(session.Outputs);
        Assert.Equal("y", output.Name);
        Assert.Equal([-1L, 2L], output.Shape);
    }

    [OrtFact]
    public void Gemm_relu_gemm_matches_the_hand_computed_outputs()
    {
        // Derivation (TinyModels.Mlp weights): x = [1, 2, 3] → x·W1 + b1 = [-4.75, 5.5, 2.5, 2.5] → relu [0, 5.5, 2.5, 2.5]
        // → ·W2 + b2 = [0.875, 9.5]. x = [-1, 0.5, 0] → [-0.75, 1.5, 0, -1.5] → [0, 1.5, 0, 0] → [-1.375, 2.75].
        // Every intermediate is exactly representable in float32, so ONNX Runtime must return these values exactly.
        using var session = OnnxSession.FromModel(Mlp(), "mlp");
        var y = session.Run(new FloatTensor(new float[] { 1, 2, 3, -1, 0.5f, 0 }, 2, 3))["y"];
        Assert.Equal([2L, 2L], y.Shape);
        Assert.Equal([0.875f, 9.5f, -1.375f, 2.75f], y.Span.ToArray());
    }

    [OrtFact]
    public void Random_batch_matches_an_independent_float64_forward_pass()
    {
        const int n = 257;
        var rng = new Random(20240601);
        var x = new float[n * 3];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((rng.NextDouble() * 8) - 4);
        }

        using var session = OnnxSession.FromModel(Mlp(), "mlp");
        var y = session.Run(new FloatTensor(x, n, 3))["y"];
        var xd = x.Select(v => (double)v).ToArray();
        var expected = Affine(Relu(Affine(xd, n, 3, W1, B1, 4)), n, 4, W2, B2, 2);

        // float32 arithmetic over 3 + 4 terms of magnitude ≤ ~30: a few float32 ulps, so 1e-5 relative with a 1e-5 floor.
        NumericAssert.Close(expected, y.Span.ToArray().Select(v => (double)v).ToArray(), rtol: 1e-5, atol: 1e-5);
    }

    [OrtFact]
    public void Conv_with_padding_and_stride_matches_the_hand_computed_outputs()
    {
        // x = [[1,2,3],[4,5,6],[7,8,9]], kernel [[1,2],[3,4]], bias 0.5, pads 1, strides 2: each output sums the
        // in-bounds products of one 2×2 window of the zero-padded 5×5 image:
        // (0,0): 1·4 = 4; (0,1): 2·3 + 3·4 = 18; (1,0): 4·2 + 7·4 = 36; (1,1): 5·1 + 6·2 + 8·3 + 9·4 = 77; plus 0.5.
        var g = new GraphProto { Name = "conv" };
        g.Input.Add(Float("x", 1, 1, 3, 3));
        g.Output.Add(Float("y", 1, 1, 2, 2));
        g.Initializer.Add(Initializer("k", [1, 1, 2, 2], 1, 2, 3, 4));
        g.Initializer.Add(Initializer("b", [1], 0.5f));
        g.Node.Add(Node("Conv", ["x", "k", "b"], ["y"], Ints("kernel_shape", 2, 2), Ints("pads", 1, 1, 1, 1), Ints("strides", 2, 2)));
        using var session = OnnxSession.FromModel(Model(g), "conv");
        var y = session.Run(new FloatTensor(Enumerable.Range(1, 9).Select(v => (float)v).ToArray(), 1, 1, 3, 3))["y"];
        Assert.Equal([4.5f, 18.5f, 36.5f, 77.5f], y.Span.ToArray());
    }

    [OrtFact]
    public void Visitor_overload_reads_outputs_in_place_and_accepts_a_slice_of_a_reused_buffer()
    {
        using var session = OnnxSession.FromModel(Mlp(), "mlp");
        var buffer = new float[] { 1, 2, 3, -1, 0.5f, 0, 99, 99, 99 };
        var seen = new List<(int Index, float[] Data, long[] Shape)>();
        session.Run(
            [new KeyValuePair<string, FloatTensor>("x", new FloatTensor(buffer.AsMemory(3, 3), 1, 3))],
            ["y", "y"],
            (i, data, shape) => seen.Add((i, data.ToArray(), shape.ToArray())));
        Assert.Equal(2, seen.Count);
        Assert.All(seen, s => Assert.Equal([-1.375f, 2.75f], s.Data));
        Assert.Equal([0, 1], seen.Select(s => s.Index));
        Assert.Equal([1L, 2L], seen[0].Shape);
    }

    [OrtFact]
    public void Session_from_a_file_runs_like_the_in_memory_model()
    {
        string path = Path.Combine(Path.GetTempPath(), "xfer-test-mlp-" + Environment.ProcessId + ".onnx");
        try
        {
            OnnxModelFile.Write(path, Mlp());
            using var session = OnnxSession.FromFile(path, new OnnxSessionOptions { IntraOpThreads = 1, Optimization = GraphOptimization.None, AllowSpinning = false });
            Assert.Equal(path, session.Source);
            Assert.Equal([0.875f, 9.5f], session.Run(new FloatTensor(new float[] { 1, 2, 3 }, 1, 3))["y"].Span.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [OrtFact]
    public void Bad_model_file_gives_one_line_naming_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), "xfer-test-garbage-" + Environment.ProcessId + ".onnx");
        try
        {
            File.WriteAllBytes(path, [0x08, 0x07, 0x12, 0xff, 0xff, 0x00, 0x42, 0x13, 0x37]);
            var e = Assert.Throws<InputFileException>(() => OnnxSession.FromFile(path));
            Assert.Equal(path, e.Path);
            Assert.StartsWith(path + ": ONNX Runtime cannot load this model (", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [OrtFact]
    public void Missing_model_file_is_reported_before_reaching_the_runtime()
    {
        var e = Assert.Throws<InputFileException>(() => OnnxSession.FromFile("/nonexistent/model.onnx"));
        Assert.Equal("/nonexistent/model.onnx: file not found.", e.Message);
    }

    [OrtFact]
    public void Model_with_an_unknown_operator_fails_with_the_runtime_message()
    {
        var g = new GraphProto { Name = "bad" };
        g.Input.Add(Float("x", 1, 3));
        g.Output.Add(Float("y", 1, 3));
        g.Node.Add(Node("NoSuchOperator", ["x"], ["y"]));
        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromModel(Model(g), "bad-graph"));
        Assert.Contains("NoSuchOperator", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("ONNX Runtime could not load the model bad-graph (ORT_", e.Message, StringComparison.Ordinal);
    }

    [OrtFact]
    public void Wrong_input_shape_names_the_dimension_and_both_shapes()
    {
        using var session = OnnxSession.FromModel(Mlp(), "mlp");
        var e = Assert.Throws<XferException>(() => session.Run(new FloatTensor(new float[8], 2, 4)));
        Assert.Equal("input 'x' of mlp has shape [2, 4] but the model expects [N, 3]: dimension 1 is 4 but must be 3.", e.Message);
        var rank = Assert.Throws<XferException>(() => session.Run(new FloatTensor(new float[3], 3)));
        Assert.Equal("input 'x' of mlp has shape [3] but the model expects [N, 3]: it has 1 dimensions but the model expects 2.", rank.Message);
    }

    [OrtFact]
    public void Unknown_input_and_output_names_list_the_real_ones()
    {
        using var session = OnnxSession.FromModel(Mlp(), "mlp");
        var input = Assert.Throws<XferException>(() => session.Run(new Dictionary<string, FloatTensor> { ["z"] = new(new float[3], 1, 3) }));
        Assert.Equal("mlp has no input 'z'; its inputs are x.", input.Message);
        var output = Assert.Throws<XferException>(() => session.Run(new FloatTensor(new float[3], 1, 3), ["relu"]));
        Assert.Equal("mlp has no output 'relu'; its outputs are y.", output.Message);
    }

    [OrtFact]
    public void Runtime_errors_during_run_become_one_line_exceptions_and_the_session_stays_usable()
    {
        // Reshape to a shape whose size does not match fails inside Run, after the input tensor was created.
        var g = new GraphProto { Name = "reshape" };
        g.Input.Add(Float("x", -1, 3));
        g.Output.Add(Float("y", -1, 2));
        var shape = new TensorProto { Name = "shape", DataType = (int)TensorProto.Types.DataType.Int64 };
        shape.Dims.Add(2);
        shape.Int64Data.AddRange([-1, 2]);
        g.Initializer.Add(shape);
        g.Node.Add(Node("Reshape", ["x", "shape"], ["y"]));
        using var session = OnnxSession.FromModel(Model(g), "reshape");
        var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(new FloatTensor(new float[3], 1, 3)));
        Assert.StartsWith("ONNX Runtime could not run the model reshape (ORT_", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal([3L, 2L], session.Run(new FloatTensor(new float[6], 2, 3))["y"].Shape);
    }

    [OrtFact]
    public void Disposed_session_refuses_to_run()
    {
        var session = OnnxSession.FromModel(Mlp(), "mlp");
        session.Dispose();
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.Run(new FloatTensor(new float[3], 1, 3)));
    }
}
