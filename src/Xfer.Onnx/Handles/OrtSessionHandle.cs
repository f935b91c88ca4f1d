namespace Xfer.Onnx.Handles;

/// <summary>Owns an <c>OrtSession*</c>; released with <c>ReleaseSession</c>. Releasing it also ends the session's thread pools.</summary>
internal sealed unsafe class OrtSessionHandle : OrtHandle
{
    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtSessionHandle(nint pointer)
        : base(pointer)
    {
    }

    /// <inheritdoc />
    protected override void Release(nint pointer)
    {
        OnnxRuntime.Api.ReleaseSession(pointer);
    }
}
