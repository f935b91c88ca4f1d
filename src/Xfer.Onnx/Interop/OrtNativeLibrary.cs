using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xfer.Core.Errors;

namespace Xfer.Onnx.Interop;

/// <summary>
/// Finds and loads the ONNX Runtime shared library at run time and obtains its API table. Probe order:
/// <list type="number">
/// <item><c>XFER_ONNXRUNTIME</c> (a library file, or a directory holding <c>libonnxruntime.so.1</c> or
/// <c>libonnxruntime.so</c>); when set, nothing else is tried, so a wrong path is reported rather than shadowed;</item>
/// <item>the cache that <c>scripts/setup.sh models</c> fills: <c>$XFER_CACHE/onnxruntime/1.30.0/libonnxruntime.so.1</c>,
/// then any other version there, newest first;</item>
/// <item>the system loader (<c>libonnxruntime.so.1</c>, <c>libonnxruntime.so</c> on the library path).</item>
/// </list>
/// Every attempt and its outcome go into the failure message, with the two fixes.
/// </summary>
internal static unsafe class OrtNativeLibrary
{
    /// <summary>The ONNX Runtime version <c>scripts/setup.sh models</c> fetches (from npm's onnxruntime-node).</summary>
    public const string PinnedVersion = "1.30.0";

    /// <summary>The environment variable naming a library (or its directory) to use instead of the cache.</summary>
    public const string EnvironmentVariable = "XFER_ONNXRUNTIME";

    private const string Remedy = "Run scripts/setup.sh models, or set XFER_ONNXRUNTIME=/path/to/libonnxruntime.so.1.";

    private static readonly string[] s_fileNames = OperatingSystem.IsMacOS()
        ? ["libonnxruntime.dylib", "libonnxruntime.1.dylib"]
        : ["libonnxruntime.so.1", "libonnxruntime.so"];

    /// <summary>A loaded runtime: the library handle, where it came from, its version and API table.</summary>
    public sealed record Loaded(nint Handle, string Path, string Version, OrtApi Api);

    /// <summary>Loads the first usable library; throws <see cref="NativeDependencyException"/> listing every attempt.</summary>
    public static Loaded Load()
    {
        var tried = new List<string>();
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            var fromEnv = Directory.Exists(env) ? s_fileNames.Select(f => Path.Combine(env, f)).ToArray() : [env];
            foreach (string path in fromEnv)
            {
                if (TryLoad(path, isPath: true, tried) is Loaded loaded)
                {
                    return loaded;
                }
            }

            throw new NativeDependencyException(
                $"ONNX Runtime could not be loaded from {EnvironmentVariable}={env}. Tried: {string.Join("; ", tried)}. "
                + $"Set {EnvironmentVariable} to a libonnxruntime.so.1 (version 1.8 or newer), or unset it and run scripts/setup.sh models.");
        }

        foreach (string path in CacheCandidates())
        {
            if (TryLoad(path, isPath: true, tried) is Loaded loaded)
            {
                return loaded;
            }
        }

        foreach (string name in s_fileNames)
        {
            if (TryLoad(name, isPath: false, tried) is Loaded loaded)
            {
                return loaded;
            }
        }

        throw new NativeDependencyException($"ONNX Runtime is not available. Tried: {string.Join("; ", tried)}. {Remedy}");
    }

    /// <summary>The cached libraries, pinned version first, then other versions newest first.</summary>
    private static IEnumerable<string> CacheCandidates()
    {
        string root = XferCache.PathOf("onnxruntime");
        yield return Path.Combine(root, PinnedVersion, s_fileNames[0]);
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var others = Directory.GetDirectories(root)
            .Select(Path.GetFileName)
            .Where(v => v is not null && v != PinnedVersion && Version.TryParse(v, out _))
            .OrderByDescending(v => Version.Parse(v!));
        foreach (string? version in others)
        {
            yield return Path.Combine(root, version!, s_fileNames[0]);
        }
    }

    private static Loaded? TryLoad(string pathOrName, bool isPath, List<string> tried)
    {
        string label = isPath ? pathOrName : "system library " + pathOrName;
        if (isPath && !File.Exists(pathOrName))
        {
            tried.Add(label + " (not found)");
            return null;
        }

        nint handle;
        try
        {
            handle = NativeLibrary.Load(pathOrName);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            tried.Add(label + (isPath ? " (failed to load: " + OnnxRuntimeException.OneLine(e.Message) + ")" : " (not found)"));
            return null;
        }

        if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out nint getApiBase))
        {
            tried.Add(label + " (no OrtGetApiBase export: not ONNX Runtime)");
            NativeLibrary.Free(handle);
            return null;
        }

        // const OrtApiBase* OrtGetApiBase(void); struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version);
        //                                                         const char* (*GetVersionString)(void); }
        var apiBase = ((delegate* unmanaged<nint*>)getApiBase)();
        var getApi = (delegate* unmanaged<uint, nint*>)apiBase[0];
        var getVersionString = (delegate* unmanaged<byte*>)apiBase[1];
        string version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "unknown";
        nint* table = getApi(OrtApi.RequestedVersion);
        if (table is null)
        {
            tried.Add($"{label} (ONNX Runtime {version} does not serve C API version {OrtApi.RequestedVersion}; need 1.{OrtApi.RequestedVersion} or newer)");
            NativeLibrary.Free(handle);
            return null;
        }

        string resolved = isPath ? Path.GetFullPath(pathOrName) : pathOrName;
        return new Loaded(handle, resolved, version, new OrtApi(table));
    }
}
