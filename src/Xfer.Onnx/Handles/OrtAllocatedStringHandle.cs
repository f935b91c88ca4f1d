using System.Runtime.InteropServices;
using Xfer.Onnx.Interop;

namespace Xfer.Onnx.Handles;

/// <summary>
/// Owns a <c>char*</c> that ONNX Runtime allocated with its default allocator (input and output names); freed with
/// <c>AllocatorFree(allocator, p)</c>.
/// </summary>
internal sealed unsafe class OrtAllocatedStringHandle : OrtHandle
{
    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtAllocatedStringHandle(nint pointer)
        : base(pointer)
    {
    }

    /// <summary>The string (UTF-8 decoded).</summary>
    public string Value => Marshal.PtrToStringUTF8(Pointer) ?? string.Empty;

    /// <inheritdoc />
    protected override void Release(nint pointer)
    {
        var api = OnnxRuntime.Api;
        OrtStatus.Ignore(api, api.AllocatorFree(OnnxRuntime.DefaultAllocator, (void*)pointer));
    }
}
