namespace Xfer.Onnx.Handles;

/// <summary>Owns an <c>OrtEnv*</c>; released with <c>ReleaseEnv</c>. One per process (see <see cref="OnnxRuntime"/>).</summary>
internal sealed unsafe class OrtEnvHandle : OrtHandle
{
    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtEnvHandle(nint pointer)
        : base(pointer)
    {
    }

    /// <inheritdoc />
    protected override void Release(nint pointer)
    {
        OnnxRuntime.Api.ReleaseEnv(pointer);
    }
}
