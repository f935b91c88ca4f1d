namespace Xfer.Onnx.Interop;

// Enums of the ONNX Runtime C API with their native names and values (onnxruntime_c_api.h; see OrtApi.cs for the
// header version). Interop keeps native spelling, as the .NET runtime's interop code does.
#pragma warning disable CA1707, CA1712 // Native names (underscores, type-name prefixes) on purpose.

/// <summary><c>OrtErrorCode</c>.</summary>
internal enum OrtErrorCode
{
    ORT_OK = 0,
    ORT_FAIL = 1,
    ORT_INVALID_ARGUMENT = 2,
    ORT_NO_SUCHFILE = 3,
    ORT_NO_MODEL = 4,
    ORT_ENGINE_ERROR = 5,
    ORT_RUNTIME_EXCEPTION = 6,
    ORT_INVALID_PROTOBUF = 7,
    ORT_MODEL_LOADED = 8,
    ORT_NOT_IMPLEMENTED = 9,
    ORT_INVALID_GRAPH = 10,
    ORT_EP_FAIL = 11,
}

/// <summary><c>OrtLoggingLevel</c>.</summary>
internal enum OrtLoggingLevel
{
    ORT_LOGGING_LEVEL_VERBOSE = 0,
    ORT_LOGGING_LEVEL_INFO = 1,
    ORT_LOGGING_LEVEL_WARNING = 2,
    ORT_LOGGING_LEVEL_ERROR = 3,
    ORT_LOGGING_LEVEL_FATAL = 4,
}

/// <summary><c>ONNXType</c>.</summary>
internal enum ONNXType
{
    ONNX_TYPE_UNKNOWN = 0,
    ONNX_TYPE_TENSOR = 1,
    ONNX_TYPE_SEQUENCE = 2,
    ONNX_TYPE_MAP = 3,
    ONNX_TYPE_OPAQUE = 4,
    ONNX_TYPE_SPARSETENSOR = 5,
}

/// <summary><c>OrtAllocatorType</c>.</summary>
internal enum OrtAllocatorType
{
    OrtInvalidAllocator = -1,
    OrtDeviceAllocator = 0,
    OrtArenaAllocator = 1,
}

/// <summary><c>OrtMemType</c>.</summary>
internal enum OrtMemType
{
    OrtMemTypeCPUInput = -2,
    OrtMemTypeCPUOutput = -1,
    OrtMemTypeDefault = 0,
}

/// <summary><c>ExecutionMode</c>.</summary>
internal enum ExecutionMode
{
    ORT_SEQUENTIAL = 0,
    ORT_PARALLEL = 1,
}
