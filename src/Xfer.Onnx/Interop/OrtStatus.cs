using System.Runtime.InteropServices;

namespace Xfer.Onnx.Interop;

/// <summary>Turns an <c>OrtStatus*</c> into an exception; the status is always released.</summary>
internal static unsafe class OrtStatus
{
    /// <summary>Does nothing for a null status (success); otherwise releases it and throws <see cref="OnnxRuntimeException"/>.</summary>
    /// <param name="api">The table the status came from.</param>
    /// <param name="status">The <c>OrtStatus*</c> a C API call returned.</param>
    /// <param name="operation">What was being done, for the message (e.g. "run the model").</param>
    public static void ThrowIfError(OrtApi api, nint status, string operation)
    {
        if (status == 0)
        {
            return;
        }

        OrtErrorCode code;
        string message;
        try
        {
            code = api.GetErrorCode(status);
            message = Marshal.PtrToStringUTF8((nint)api.GetErrorMessage(status)) ?? string.Empty;
        }
        finally
        {
            api.ReleaseStatus(status);
        }

        throw new OnnxRuntimeException(operation, code.ToString(), message);
    }

    /// <summary>Releases a status without throwing (for release paths, where there is nothing left to do about a failure).</summary>
    public static void Ignore(OrtApi api, nint status)
    {
        if (status != 0)
        {
            api.ReleaseStatus(status);
        }
    }
}
