using Xfer.Core.Errors;

namespace Xfer.Onnx;

/// <summary>
/// ONNX Runtime reported an error (an <c>OrtStatus</c>). The message is one line: what xfer was doing, ONNX Runtime's
/// error code and its own message, e.g. <c>ONNX Runtime could not run the model (ORT_INVALID_ARGUMENT): Got invalid
/// dimensions for input: x ...</c>.
/// </summary>
public sealed class OnnxRuntimeException : XferException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What xfer asked ONNX Runtime to do, e.g. "run the model".</param>
    /// <param name="errorCode">ONNX Runtime's <c>OrtErrorCode</c> name, e.g. <c>ORT_INVALID_ARGUMENT</c>.</param>
    /// <param name="nativeMessage">ONNX Runtime's message.</param>
    public OnnxRuntimeException(string operation, string errorCode, string nativeMessage)
        : base("ONNX Runtime could not " + operation + " (" + errorCode + "): " + OneLine(nativeMessage))
    {
        ErrorCode = errorCode;
        NativeMessage = nativeMessage;
    }

    /// <summary>ONNX Runtime's error code name (<c>ORT_FAIL</c>, <c>ORT_INVALID_ARGUMENT</c>, <c>ORT_INVALID_GRAPH</c>, ...).</summary>
    public string ErrorCode { get; }

    /// <summary>ONNX Runtime's message as it gave it.</summary>
    public string NativeMessage { get; }

    internal static string OneLine(string text)
        => string.Join(' ', text.Split(['\r', '\n'], System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries));
}
