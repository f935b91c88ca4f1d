namespace Xfer.Onnx.Handles;

/// <summary>Owns an <c>OrtValue*</c>; released with <c>ReleaseValue</c>. For a tensor created over managed memory, the memory must stay pinned until release.</summary>
internal sealed unsafe class OrtValueHandle : OrtHandle
{
    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtValueHandle(nint pointer)
        : base(pointer)
    {
    }

    /// <inheritdoc />
    protected override void Release(nint pointer)
    {
        OnnxRuntime.Api.ReleaseValue(pointer);
    }
}
