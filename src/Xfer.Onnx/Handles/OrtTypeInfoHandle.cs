namespace Xfer.Onnx.Handles;

/// <summary>Owns an <c>OrtTypeInfo*</c>; released with <c>ReleaseTypeInfo</c>.</summary>
internal sealed unsafe class OrtTypeInfoHandle : OrtHandle
{
    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtTypeInfoHandle(nint pointer)
        : base(pointer)
    {
    }

    /// <inheritdoc />
    protected override void Release(nint pointer)
    {
        OnnxRuntime.Api.ReleaseTypeInfo(pointer);
    }
}
