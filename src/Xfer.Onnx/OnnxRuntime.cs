using System;
using System.Threading;
using Xfer.Core.Errors;
using Xfer.Onnx.Handles;
using Xfer.Onnx.Interop;

namespace Xfer.Onnx;

/// <summary>
/// The ONNX Runtime shared library, loaded on first use (see <c>docs/models.md</c>: <c>XFER_ONNXRUNTIME</c>, then the
/// cache filled by <c>scripts/setup.sh models</c>, then the system loader), and the process-wide objects every session
/// shares: one <c>OrtEnv</c>, the default allocator and a CPU memory description.
/// </summary>
/// <remarks>
/// ONNX Runtime writes its own log lines to stderr; xfer creates the environment at the FATAL level so that errors
/// arrive only through <see cref="OnnxRuntimeException"/>. <c>XFER_ORT_LOG=verbose|info|warning|error|fatal</c>
/// chooses another level (for debugging a model).
/// </remarks>
public static unsafe class OnnxRuntime
{
    /// <summary>The environment variable naming the library (or its directory).</summary>
    public const string LibraryEnvironmentVariable = OrtNativeLibrary.EnvironmentVariable;

    /// <summary>The ONNX Runtime version that <c>scripts/setup.sh models</c> installs into the cache.</summary>
    public const string PinnedVersion = OrtNativeLibrary.PinnedVersion;

    private static readonly object s_gate = new();
    private static OrtApi? s_api;
    private static State? s_state;

    /// <summary>The loaded runtime's version, e.g. "1.30.0". Loads the library; throws <see cref="NativeDependencyException"/> when it is missing.</summary>
    public static string Version => Load().Library.Version;

    /// <summary>Where the loaded library came from (a path, or the system library name).</summary>
    public static string LibraryPath => Load().Library.Path;

    /// <summary>The C API version requested from the runtime (see <c>OrtApi.RequestedVersion</c>).</summary>
    public static int ApiVersion => (int)OrtApi.RequestedVersion;

    /// <summary>Native ONNX Runtime objects (sessions, values, type infos, ...) currently owned by xfer; for leak checks.</summary>
    public static long LiveNativeObjects => OrtHandle.Live;

    /// <summary>Loads the runtime if possible; on failure returns false with the one-line reason (what was tried and the fix).</summary>
    public static bool TryLoad(out string? problem)
    {
        try
        {
            Load();
            problem = null;
            return true;
        }
        catch (NativeDependencyException e)
        {
            problem = e.Message;
            return false;
        }
    }

    /// <summary>The API table; valid once the runtime is loaded (every handle exists only after that).</summary>
    internal static OrtApi Api => s_api ?? Load().Library.Api;

    /// <summary>The process-wide environment.</summary>
    internal static OrtEnvHandle Env => Load().Env;

    /// <summary><c>OrtAllocator*</c> from <c>GetAllocatorWithDefaultOptions</c>: process-wide, never freed.</summary>
    internal static nint DefaultAllocator => Load().DefaultAllocator;

    /// <summary>Describes plain CPU memory, for tensors created over managed buffers.</summary>
    internal static OrtMemoryInfoHandle CpuMemory => Load().CpuMemory;

    private static State Load()
    {
        var state = Volatile.Read(ref s_state);
        if (state is not null)
        {
            return state;
        }

        lock (s_gate)
        {
            if (s_state is not null)
            {
                return s_state;
            }

            var library = OrtNativeLibrary.Load();
            var api = library.Api;
            s_api = api;

            // The environment and memory info live for the whole process: sessions may be created at any time, and
            // ONNX Runtime documents that the environment must outlive every session.
            nint env, memory, allocator;
            fixed (byte* logId = "xfer"u8)
            {
                OrtStatus.ThrowIfError(api, api.CreateEnv(LogLevel(), logId, &env), "create its environment");
            }

#pragma warning disable CA2000 // The environment and memory info are kept for the process in s_state; the catch blocks release them on failure.
            var envHandle = new OrtEnvHandle(env);
            try
            {
                OrtStatus.ThrowIfError(api, api.CreateCpuMemoryInfo(OrtAllocatorType.OrtDeviceAllocator, OrtMemType.OrtMemTypeDefault, &memory), "describe CPU memory");
                var memoryHandle = new OrtMemoryInfoHandle(memory);
                try
                {
                    OrtStatus.ThrowIfError(api, api.GetAllocatorWithDefaultOptions(&allocator), "get its default allocator");
                    Volatile.Write(ref s_state, new State(library, envHandle, memoryHandle, allocator));
                }
                catch
                {
                    memoryHandle.Dispose();
                    throw;
                }
            }
            catch
            {
                envHandle.Dispose();
                throw;
            }

#pragma warning restore CA2000
            return s_state!;
        }
    }

    private static OrtLoggingLevel LogLevel() => Environment.GetEnvironmentVariable("XFER_ORT_LOG")?.Trim().ToUpperInvariant() switch
    {
        "VERBOSE" => OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE,
        "INFO" => OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO,
        "WARNING" => OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
        "ERROR" => OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        _ => OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
    };

    private sealed record State(OrtNativeLibrary.Loaded Library, OrtEnvHandle Env, OrtMemoryInfoHandle CpuMemory, nint DefaultAllocator);
}
