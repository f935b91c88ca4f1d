using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Xfer.Numerics.Interop;

/// <summary>Finds, loads and checks OpenBLAS and LAPACKE once per process.</summary>
/// <remarks>
/// Each library is tried at its soname first (the loader's search path, <c>LD_LIBRARY_PATH</c> included), then
/// at Debian's fixed paths. A candidate counts only if it exports everything the provider calls. LAPACKE
/// falls back to OpenBLAS itself, since non-Debian OpenBLAS builds usually bundle it. A tiny dgemm and dpotrf
/// with known results must come out right before the libraries are used.
/// </remarks>
internal static class NativeLibraryProbe
{
    private static readonly Lazy<NativeProbeOutcome> s_default =
        new(() => Probe(Libraries.OpenBlasCandidates, Libraries.LapackeCandidates));

    /// <summary>The outcome for the standard candidate lists (probed on first access, then cached).</summary>
    public static NativeProbeOutcome Default => s_default.Value;

    /// <summary>Probes the given candidates (file names or paths, in order).</summary>
    public static NativeProbeOutcome Probe(IReadOnlyList<string> openBlasCandidates, IReadOnlyList<string> lapackeCandidates)
    {
        var tried = new List<string>();
        nint blas = FirstWithExports(openBlasCandidates, Cblas.RequiredExports, tried, out string? blasName);
        if (blas == 0)
        {
            return new NativeProbeOutcome(null, "OpenBLAS: " + string.Join("; ", tried));
        }

        var triedLapacke = new List<string>();
        nint lapacke = FirstWithExports(lapackeCandidates, Lapacke.RequiredExports, triedLapacke, out string? lapackeName);
        if (lapacke == 0)
        {
            if (!HasAll(blas, Lapacke.RequiredExports, out var missing))
            {
                triedLapacke.Add(blasName + " (lacks " + missing + ")");
                return new NativeProbeOutcome(null, "LAPACKE: " + string.Join("; ", triedLapacke));
            }

            lapacke = blas;
        }

        var blasApi = Cblas.Resolve(blas);
        var lapackApi = Lapacke.Resolve(lapacke);
        string? selfCheck = SelfCheck(blasApi, lapackApi);
        if (selfCheck is not null)
        {
            return new NativeProbeOutcome(null, selfCheck);
        }

        string blasPath = LoadedPath(blas, "cblas_dgemm") ?? blasName!;
        string lapackePath = LoadedPath(lapacke, "LAPACKE_dsyevd") ?? lapackeName ?? blasPath;
        string? lapackPath = LoadedPath(lapacke, "dsyevd_");
        return new NativeProbeOutcome(new NativeLibrarySet(blasApi, lapackApi, blasPath, lapackePath, lapackPath), null);
    }

    private static nint FirstWithExports(IReadOnlyList<string> candidates, string[] exports, List<string> tried, out string? loadedFrom)
    {
        foreach (string candidate in candidates)
        {
            if (!TryLoad(candidate, out nint handle, out string why))
            {
                tried.Add(candidate + " (" + why + ")");
                continue;
            }

            if (!HasAll(handle, exports, out string missing))
            {
                tried.Add(candidate + " (lacks " + missing + ")");
                continue;
            }

            loadedFrom = candidate;
            return handle;
        }

        loadedFrom = null;
        return 0;
    }

    private static bool TryLoad(string candidate, out nint handle, out string why)
    {
        handle = 0;
        bool isPath = candidate.Contains('/', StringComparison.Ordinal);
        if (isPath && !File.Exists(candidate))
        {
            why = "no such file";
            return false;
        }

        try
        {
            handle = NativeLibrary.Load(candidate);
            why = string.Empty;
            return true;
        }
        catch (DllNotFoundException e)
        {
            // The message ends with dlerror()'s text after an advice paragraph; keep only that last line.
            string last = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? e.Message;
            why = !isPath && last.Contains("No such file", StringComparison.Ordinal) ? "not found by the loader" : last.TrimEnd('.');
            return false;
        }
        catch (BadImageFormatException)
        {
            why = "not a library for this process's architecture";
            return false;
        }
    }

    private static bool HasAll(nint handle, string[] exports, out string missing)
    {
        missing = string.Join(", ", exports.Where(e => !NativeLibrary.TryGetExport(handle, e, out _)));
        return missing.Length == 0;
    }

    // Known answers: [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]; chol([4 2; 2 5]) = [2 0; 1 2]. A wrong answer means the
    // library does not have the ABI we call it with (e.g. a 64-bit-integer build under the LP64 name).
    private static unsafe string? SelfCheck(Cblas blas, Lapacke lapack)
    {
        double* a = stackalloc double[] { 1, 2, 3, 4 };
        double* b = stackalloc double[] { 5, 6, 7, 8 };
        double* c = stackalloc double[] { -1, -1, -1, -1 };
        blas.Dgemm(Cblas.RowMajor, Cblas.NoTrans, Cblas.NoTrans, 2, 2, 2, 1.0, a, 2, b, 2, 0.0, c, 2);
        if (c[0] != 19 || c[1] != 22 || c[2] != 43 || c[3] != 50)
        {
            return string.Format(CultureInfo.InvariantCulture,
                "OpenBLAS self-check failed: cblas_dgemm gave [{0} {1}; {2} {3}] instead of [19 22; 43 50] (is it a 64-bit-integer build?)",
                c[0], c[1], c[2], c[3]);
        }

        double* s = stackalloc double[] { 4, 2, 2, 5 };
        int info = lapack.Dpotrf(Lapacke.RowMajor, (byte)'L', 2, s, 2);
        if (info != 0 || s[0] != 2 || s[2] != 1 || s[3] != 2)
        {
            return string.Format(CultureInfo.InvariantCulture,
                "LAPACKE self-check failed: LAPACKE_dpotrf gave info {0} and L = [{1} _; {2} {3}] instead of 0 and [2 _; 1 2]",
                info, s[0], s[2], s[3]);
        }

        return null;
    }

    /// <summary>The file (symlinks resolved) that holds <paramref name="symbol"/> as seen from <paramref name="handle"/>, via dladdr.</summary>
    private static unsafe string? LoadedPath(nint handle, string symbol)
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryGetExport(handle, symbol, out nint address)
            || !NativeLibrary.TryLoad(Libraries.LibC, out nint libc) || !NativeLibrary.TryGetExport(libc, "dladdr", out nint dladdr))
        {
            return null;
        }

        // int dladdr(const void* addr, Dl_info* info); Dl_info = { const char* dli_fname; void* dli_fbase; const char* dli_sname; void* dli_saddr; }
        nint* info = stackalloc nint[4];
        if (((delegate* unmanaged<nint, nint*, int>)dladdr)(address, info) == 0 || info[0] == 0)
        {
            return null;
        }

        string? path = Marshal.PtrToStringUTF8(info[0]);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return path;
        }
    }
}

/// <summary>Either the loaded libraries or why they could not be used (one line listing what was tried).</summary>
internal sealed record NativeProbeOutcome(NativeLibrarySet? Libraries, string? Failure);

/// <summary>The resolved native entry points and where they were loaded from.</summary>
internal sealed record NativeLibrarySet(Cblas Blas, Lapacke Lapack, string OpenBlasPath, string LapackePath, string? LapackPath)
{
    /// <summary>E.g. "OpenBLAS 0.3.21 pthread, Haswell kernels; LAPACKE, LAPACK 3.11.0".</summary>
    public string Description
    {
        get
        {
            string[] config = Blas.Config.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string openBlas = config.Length >= 2 && config[0] == "OpenBLAS" ? "OpenBLAS " + config[1] : "OpenBLAS";
            if (Blas.Parallel is string parallel)
            {
                openBlas += " " + parallel;
            }

            if (!string.IsNullOrEmpty(Blas.CoreName))
            {
                openBlas += ", " + Blas.CoreName + " kernels";
            }

            string lapack = Lapack.LapackVersion is string v ? "LAPACKE, LAPACK " + v : "LAPACKE";
            return openBlas + "; " + lapack;
        }
    }
}
