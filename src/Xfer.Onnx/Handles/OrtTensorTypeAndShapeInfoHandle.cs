namespace Xfer.Onnx.Handles;

/// <summary>Owns an <c>OrtTensorTypeAndShapeInfo*</c>; released with <c>ReleaseTensorTypeAndShapeInfo</c>.</summary>
internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle : OrtHandle
{
    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtTensorTypeAndShapeInfoHandle(nint pointer)
        : base(pointer)
    {
    }

    /// <inheritdoc />
    protected override void Release(nint pointer)
    {
        OnnxRuntime.Api.ReleaseTensorTypeAndShapeInfo(pointer);
    }
}
