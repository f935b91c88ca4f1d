using Xfer.Core.Errors;
using Xfer.Onnx;
using Xfer.Onnx.Proto;
using Xunit;
using static Xfer.Tests.Onnx.TinyModels;

namespace Xfer.Tests.Onnx;

/// <summary>
/// Leak checks count the native objects xfer owns (<see cref="OnnxRuntime.LiveNativeObjects"/>), a process-wide
/// number, so they run alone: after every parallel test, with nothing else creating sessions.
/// </summary>
[CollectionDefinition(nameof(NativeLeakChecks), DisableParallelization = true)]
public sealed class NativeLeakChecks
{
}

[Collection(nameof(NativeLeakChecks))]
public class OrtLeakTests
{
    [OrtFact]
    public void Many_sessions_and_runs_release_every_native_object()
    {
        // Every native object xfer creates is counted while alive (OrtHandle). After 200 sessions with a run each, and
        // 400 failed runs (200 rejected before reaching the runtime, 200 failing inside ONNX Runtime after the input
        // tensors were created), the count is back where it started; a missing Release would leave it higher. Memory
        // that ONNX Runtime manages itself (arenas, thread pools) is not visible here; the count covers every object
        // whose release is xfer's job.
        var bytes = Bytes(Mlp());
        using (var warm = OnnxSession.FromBytes(bytes, "warm-up"))
        {
            warm.Run(new FloatTensor(new float[3], 1, 3));
        }

        using var failing = OnnxSession.FromModel(BadReshape(), "bad-reshape");
        long before = OnnxRuntime.LiveNativeObjects;
        for (int i = 0; i < 200; i++)
        {
            using var session = OnnxSession.FromBytes(bytes, "loop", new OnnxSessionOptions { IntraOpThreads = 1 });
            Assert.Equal(0.875f, session.Run(new FloatTensor(new float[] { 1, 2, 3 }, 1, 3))["y"].Span[0]);
            Assert.Throws<XferException>(() => session.Run(new FloatTensor(new float[4], 1, 4)));
            Assert.Throws<OnnxRuntimeException>(() => failing.Run(new FloatTensor(new float[3], 1, 3)));
        }

        Assert.Equal(before, OnnxRuntime.LiveNativeObjects);
    }

    private static ModelProto BadReshape()
    {
        // Reshape [1, 3] to [-1, 2] fails inside Run.
        var g = new GraphProto { Name = "reshape" };
        g.Input.Add(Float("x", -1, 3));
        g.Output.Add(Float("y", -1, 2));
        var shape = new TensorProto { Name = "shape", DataType = (int)TensorProto.Types.DataType.Int64 };
        shape.Dims.Add(2);
        shape.Int64Data.AddRange([-1, 2]);
        g.Initializer.Add(shape);
        g.Node.Add(Node("Reshape", ["x", "shape"], ["y"]));
        return Model(g);
    }
}
