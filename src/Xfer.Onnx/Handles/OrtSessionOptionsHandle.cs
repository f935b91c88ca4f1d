namespace Xfer.Onnx.Handles;

/// <summary>Owns an <c>OrtSessionOptions*</c>; released with <c>ReleaseSessionOptions</c>.</summary>
internal sealed unsafe class OrtSessionOptionsHandle : OrtHandle
{
    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtSessionOptionsHandle(nint pointer)
        : base(pointer)
    {
    }

    /// <inheritdoc />
    protected override void Release(nint pointer)
    {
        OnnxRuntime.Api.ReleaseSessionOptions(pointer);
    }
}
