using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Xfer.Onnx.Handles;

/// <summary>
/// Base of the ONNX Runtime object handles: owns one native pointer and releases it exactly once, with the matching
/// <c>OrtRelease*</c> function, on <see cref="SafeHandle.Dispose()"/> or finalisation. A handle exists only after the
/// runtime was loaded, so the release functions are always available.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    private static long s_live;

    /// <summary>Takes ownership of <paramref name="pointer"/> (may be zero, which makes the handle invalid).</summary>
    protected OrtHandle(nint pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        if (pointer != 0)
        {
            Interlocked.Increment(ref s_live);
        }
    }

    /// <summary>Native objects currently owned (created and not yet released), for leak checks.</summary>
    public static long Live => Interlocked.Read(ref s_live);

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Releases the native object; called once by <see cref="SafeHandle"/>.</summary>
    protected sealed override bool ReleaseHandle()
    {
        Release(handle);
        Interlocked.Decrement(ref s_live);
        return true;
    }

    /// <summary>Calls the matching <c>OrtRelease*</c> on <paramref name="pointer"/>.</summary>
    protected abstract void Release(nint pointer);

    /// <summary>The native pointer, for passing to the C API while the handle is alive.</summary>
    /// <remarks>Callers keep the handle reachable (a field or a <c>using</c>) for the duration of the native call.</remarks>
    public nint Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }
}
