namespace Xfer.Onnx.Handles;

/// <summary>Owns an <c>OrtMemoryInfo*</c>; released with <c>ReleaseMemoryInfo</c>.</summary>
internal sealed unsafe class OrtMemoryInfoHandle : OrtHandle
{
    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtMemoryInfoHandle(nint pointer)
        : base(pointer)
    {
    }

    /// <inheritdoc />
    protected override void Release(nint pointer)
    {
        OnnxRuntime.Api.ReleaseMemoryInfo(pointer);
    }
}
