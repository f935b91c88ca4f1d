using System;

namespace Xfer.Onnx.Interop;

/// <summary>
/// The entries of ONNX Runtime's <c>OrtApi</c> function table that xfer calls, read by index from the table that
/// <c>OrtGetApiBase()-&gt;GetApi(RequestedVersion)</c> returns.
/// </summary>
/// <remarks>
/// <para><c>OrtApi</c> is a struct of function pointers that only ever grows at the end: an entry's index never changes
/// once released ("DO NOT MODIFY ABOVE" in the header). The indices below count the members of <c>struct OrtApi</c> in
/// <c>include/onnxruntime/core/session/onnxruntime_c_api.h</c> of microsoft/onnxruntime at commit
/// 58d44b53aa39bba6476d1fc52f7631b6ee416a79 (<c>ORT_API_VERSION 8</c>), from <c>CreateStatus</c> = 0; every entry used is
/// in that header, so the table of any runtime that accepts <see cref="RequestedVersion"/> has them at these indices.</para>
/// <para>Each pointer is typed with <c>delegate* unmanaged</c> (C calling convention, no marshalling stubs); the comment
/// above each gives its C signature. Every <c>OrtStatus*</c> result goes through <see cref="OrtStatus.ThrowIfError"/>.</para>
/// </remarks>
internal sealed unsafe class OrtApi
{
    /// <summary>
    /// The C API version requested from <c>GetApi</c>. ONNX Runtime 1.N serves every version from 1 to N with the same
    /// table (a newer runtime accepts an older request), so asking for the lowest version that holds every entry used
    /// here (8: ONNX Runtime 1.8, 2021) keeps older copies (e.g. a distribution's or sherpa-onnx's) usable; the pinned
    /// runtime is 1.30.0. Raise it only when binding an entry added later.
    /// </summary>
    public const uint RequestedVersion = 8;

    /// <summary>Reads the entries from <paramref name="table"/> (the <c>const OrtApi*</c> returned by <c>GetApi</c>).</summary>
    public OrtApi(nint* table)
    {
        GetErrorCode = (delegate* unmanaged<nint, OrtErrorCode>)table[1];
        GetErrorMessage = (delegate* unmanaged<nint, byte*>)table[2];
        CreateEnv = (delegate* unmanaged<OrtLoggingLevel, byte*, nint*, nint>)table[3];
        CreateSession = (delegate* unmanaged<nint, byte*, nint, nint*, nint>)table[7];
        CreateSessionFromArray = (delegate* unmanaged<nint, void*, nuint, nint, nint*, nint>)table[8];
        Run = (delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)table[9];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)table[10];
        SetSessionExecutionMode = (delegate* unmanaged<nint, ExecutionMode, nint>)table[13];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, int, nint>)table[23];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)table[24];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)table[25];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)table[30];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)table[31];
        SessionGetInputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)table[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)table[34];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, nint*, nint>)table[36];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, nint*, nint>)table[37];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)table[49];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)table[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<nint, nint*, nint>)table[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged<nint, ONNXType*, nint>)table[56];
        GetTensorElementType = (delegate* unmanaged<nint, int*, nint>)table[60];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)table[61];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)table[62];
        GetSymbolicDimensions = (delegate* unmanaged<nint, byte**, nuint, nint>)table[63];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)table[65];
        CreateCpuMemoryInfo = (delegate* unmanaged<OrtAllocatorType, OrtMemType, nint*, nint>)table[69];
        AllocatorFree = (delegate* unmanaged<nint, void*, nint>)table[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)table[78];
        ReleaseEnv = (delegate* unmanaged<nint, void>)table[92];
        ReleaseStatus = (delegate* unmanaged<nint, void>)table[93];
        ReleaseMemoryInfo = (delegate* unmanaged<nint, void>)table[94];
        ReleaseSession = (delegate* unmanaged<nint, void>)table[95];
        ReleaseValue = (delegate* unmanaged<nint, void>)table[96];
        ReleaseTypeInfo = (delegate* unmanaged<nint, void>)table[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)table[99];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)table[100];
        AddSessionConfigEntry = (delegate* unmanaged<nint, byte*, byte*, nint>)table[130];
        foreach (int index in UsedIndices)
        {
            if (table[index] == 0)
            {
                throw new InvalidOperationException($"ONNX Runtime's API table has no entry {index}.");
            }
        }
    }

    private static ReadOnlySpan<int> UsedIndices =>
        [1, 2, 3, 7, 8, 9, 10, 13, 23, 24, 25, 30, 31, 33, 34, 36, 37, 49, 51, 55, 56, 60, 61, 62, 63, 65, 69, 76, 78, 92, 93, 94, 95, 96, 98, 99, 100, 130];

    // [1] OrtErrorCode GetErrorCode(const OrtStatus* status)
    public readonly delegate* unmanaged<nint, OrtErrorCode> GetErrorCode;

    // [2] const char* GetErrorMessage(const OrtStatus* status)   (owned by the status; do not free)
    public readonly delegate* unmanaged<nint, byte*> GetErrorMessage;

    // [3] OrtStatus* CreateEnv(OrtLoggingLevel logging_level, const char* logid, OrtEnv** out)
    public readonly delegate* unmanaged<OrtLoggingLevel, byte*, nint*, nint> CreateEnv;

    // [7] OrtStatus* CreateSession(const OrtEnv* env, const ORTCHAR_T* model_path, const OrtSessionOptions* options, OrtSession** out)
    //     ORTCHAR_T is char (UTF-8) on Linux and macOS.
    public readonly delegate* unmanaged<nint, byte*, nint, nint*, nint> CreateSession;

    // [8] OrtStatus* CreateSessionFromArray(const OrtEnv* env, const void* model_data, size_t model_data_length,
    //                                       const OrtSessionOptions* options, OrtSession** out)
    public readonly delegate* unmanaged<nint, void*, nuint, nint, nint*, nint> CreateSessionFromArray;

    // [9] OrtStatus* Run(OrtSession* sess, const OrtRunOptions* run_options, const char* const* input_names,
    //                    const OrtValue* const* input, size_t input_len, const char* const* output_names,
    //                    size_t output_names_len, OrtValue** output)
    public readonly delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run;

    // [10] OrtStatus* CreateSessionOptions(OrtSessionOptions** options)
    public readonly delegate* unmanaged<nint*, nint> CreateSessionOptions;

    // [13] OrtStatus* SetSessionExecutionMode(OrtSessionOptions* options, ExecutionMode execution_mode)
    public readonly delegate* unmanaged<nint, ExecutionMode, nint> SetSessionExecutionMode;

    // [23] OrtStatus* SetSessionGraphOptimizationLevel(OrtSessionOptions* options, GraphOptimizationLevel graph_optimization_level)
    public readonly delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel;

    // [24] OrtStatus* SetIntraOpNumThreads(OrtSessionOptions* options, int intra_op_num_threads)
    public readonly delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads;

    // [25] OrtStatus* SetInterOpNumThreads(OrtSessionOptions* options, int inter_op_num_threads)
    public readonly delegate* unmanaged<nint, int, nint> SetInterOpNumThreads;

    // [30] OrtStatus* SessionGetInputCount(const OrtSession* sess, size_t* out)
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount;

    // [31] OrtStatus* SessionGetOutputCount(const OrtSession* sess, size_t* out)
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount;

    // [33] OrtStatus* SessionGetInputTypeInfo(const OrtSession* sess, size_t index, OrtTypeInfo** type_info)
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo;

    // [34] OrtStatus* SessionGetOutputTypeInfo(const OrtSession* sess, size_t index, OrtTypeInfo** type_info)
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;

    // [36] OrtStatus* SessionGetInputName(const OrtSession* sess, size_t index, OrtAllocator* allocator, char** value)
    //      (value is allocated with allocator; free it with AllocatorFree)
    public readonly delegate* unmanaged<nint, nuint, nint, nint*, nint> SessionGetInputName;

    // [37] OrtStatus* SessionGetOutputName(const OrtSession* sess, size_t index, OrtAllocator* allocator, char** value)
    public readonly delegate* unmanaged<nint, nuint, nint, nint*, nint> SessionGetOutputName;

    // [49] OrtStatus* CreateTensorWithDataAsOrtValue(const OrtMemoryInfo* info, void* p_data, size_t p_data_len,
    //                                                const int64_t* shape, size_t shape_len,
    //                                                ONNXTensorElementDataType type, OrtValue** out)
    //      (p_data stays owned by the caller and must outlive the value)
    public readonly delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;

    // [51] OrtStatus* GetTensorMutableData(OrtValue* value, void** out)   (valid until the value is released)
    public readonly delegate* unmanaged<nint, void**, nint> GetTensorMutableData;

    // [55] OrtStatus* CastTypeInfoToTensorInfo(const OrtTypeInfo* type_info, const OrtTensorTypeAndShapeInfo** out)
    //      (out is owned by the type info; do not free; null when the type is not a tensor)
    public readonly delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo;

    // [56] OrtStatus* GetOnnxTypeFromTypeInfo(const OrtTypeInfo* type_info, enum ONNXType* out)
    public readonly delegate* unmanaged<nint, ONNXType*, nint> GetOnnxTypeFromTypeInfo;

    // [60] OrtStatus* GetTensorElementType(const OrtTensorTypeAndShapeInfo* info, enum ONNXTensorElementDataType* out)
    public readonly delegate* unmanaged<nint, int*, nint> GetTensorElementType;

    // [61] OrtStatus* GetDimensionsCount(const OrtTensorTypeAndShapeInfo* info, size_t* out)
    public readonly delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount;

    // [62] OrtStatus* GetDimensions(const OrtTensorTypeAndShapeInfo* info, int64_t* dim_values, size_t dim_values_length)
    //      (-1 for a dimension that is not fixed)
    public readonly delegate* unmanaged<nint, long*, nuint, nint> GetDimensions;

    // [63] OrtStatus* GetSymbolicDimensions(const OrtTensorTypeAndShapeInfo* info, const char* dim_params[], size_t dim_params_length)
    //      (strings owned by the info; "" for a dimension without a name)
    public readonly delegate* unmanaged<nint, byte**, nuint, nint> GetSymbolicDimensions;

    // [65] OrtStatus* GetTensorTypeAndShape(const OrtValue* value, OrtTensorTypeAndShapeInfo** out)   (release with ReleaseTensorTypeAndShapeInfo)
    public readonly delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape;

    // [69] OrtStatus* CreateCpuMemoryInfo(enum OrtAllocatorType type, enum OrtMemType mem_type, OrtMemoryInfo** out)
    public readonly delegate* unmanaged<OrtAllocatorType, OrtMemType, nint*, nint> CreateCpuMemoryInfo;

    // [76] OrtStatus* AllocatorFree(OrtAllocator* ptr, void* p)
    public readonly delegate* unmanaged<nint, void*, nint> AllocatorFree;

    // [78] OrtStatus* GetAllocatorWithDefaultOptions(OrtAllocator** out)   (a process-wide instance; never freed)
    public readonly delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions;

    // [92] void ReleaseEnv(OrtEnv* input)   (every Release* accepts NULL)
    public readonly delegate* unmanaged<nint, void> ReleaseEnv;

    // [93] void ReleaseStatus(OrtStatus* input)
    public readonly delegate* unmanaged<nint, void> ReleaseStatus;

    // [94] void ReleaseMemoryInfo(OrtMemoryInfo* input)
    public readonly delegate* unmanaged<nint, void> ReleaseMemoryInfo;

    // [95] void ReleaseSession(OrtSession* input)
    public readonly delegate* unmanaged<nint, void> ReleaseSession;

    // [96] void ReleaseValue(OrtValue* input)
    public readonly delegate* unmanaged<nint, void> ReleaseValue;

    // [98] void ReleaseTypeInfo(OrtTypeInfo* input)
    public readonly delegate* unmanaged<nint, void> ReleaseTypeInfo;

    // [99] void ReleaseTensorTypeAndShapeInfo(OrtTensorTypeAndShapeInfo* input)
    public readonly delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo;

    // [100] void ReleaseSessionOptions(OrtSessionOptions* input)
    public readonly delegate* unmanaged<nint, void> ReleaseSessionOptions;

    // [130] OrtStatus* AddSessionConfigEntry(OrtSessionOptions* options, const char* config_key, const char* config_value)
    public readonly delegate* unmanaged<nint, byte*, byte*, nint> AddSessionConfigEntry;
}
