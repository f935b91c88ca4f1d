using System.Runtime.InteropServices;

namespace Xfer.Numerics.Interop;

/// <summary>The CBLAS and OpenBLAS entry points the native provider uses, resolved once from <c>libopenblas.so.0</c>.</summary>
/// <remarks>
/// Function pointers (not <c>DllImport</c>) so the library can be found by probing several paths at run time
/// and so a missing export is reported when the provider is created, not at the first call.
/// <c>blasint</c> is a 32-bit <c>int</c> in Debian's LP64 OpenBLAS; the enums are <c>int</c>-sized C enums.
/// </remarks>
internal sealed unsafe class Cblas
{
    /// <summary><c>CBLAS_ORDER.CblasRowMajor</c>.</summary>
    public const int RowMajor = 101;

    /// <summary><c>CBLAS_TRANSPOSE.CblasNoTrans</c>.</summary>
    public const int NoTrans = 111;

    /// <summary><c>CBLAS_TRANSPOSE.CblasTrans</c>.</summary>
    public const int Trans = 112;

    /// <summary><c>CBLAS_UPLO.CblasUpper</c>.</summary>
    public const int Upper = 121;

    /// <summary><c>CBLAS_UPLO.CblasLower</c>.</summary>
    public const int Lower = 122;

    /// <summary>
    /// <c>void cblas_dgemm(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE transA, enum CBLAS_TRANSPOSE transB,
    /// blasint m, blasint n, blasint k, double alpha, const double* a, blasint lda, const double* b, blasint ldb,
    /// double beta, double* c, blasint ldc)</c>.
    /// </summary>
    public readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm;

    /// <summary>
    /// <c>void cblas_dsyrk(enum CBLAS_ORDER order, enum CBLAS_UPLO uplo, enum CBLAS_TRANSPOSE trans,
    /// blasint n, blasint k, double alpha, const double* a, blasint lda, double beta, double* c, blasint ldc)</c>.
    /// </summary>
    public readonly delegate* unmanaged<int, int, int, int, int, double, double*, int, double, double*, int, void> Dsyrk;

    /// <summary><c>void openblas_set_num_threads(int num_threads)</c>.</summary>
    public readonly delegate* unmanaged<int, void> SetNumThreads;

    /// <summary><c>int openblas_get_num_threads(void)</c>.</summary>
    public readonly delegate* unmanaged<int> GetNumThreads;

    /// <summary><c>char* openblas_get_config(void)</c>, e.g. "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".</summary>
    public readonly delegate* unmanaged<byte*> GetConfig;

    /// <summary><c>int openblas_get_parallel(void)</c>: 0 sequential, 1 pthreads, 2 OpenMP (optional export).</summary>
    public readonly delegate* unmanaged<int> GetParallel;

    /// <summary><c>char* openblas_get_corename(void)</c>, the kernel set chosen at load time (optional export).</summary>
    public readonly delegate* unmanaged<byte*> GetCoreName;

    private Cblas(nint handle)
    {
        Dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_dgemm");
        Dsyrk = (delegate* unmanaged<int, int, int, int, int, double, double*, int, double, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_dsyrk");
        SetNumThreads = (delegate* unmanaged<int, void>)NativeLibrary.GetExport(handle, "openblas_set_num_threads");
        GetNumThreads = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "openblas_get_num_threads");
        GetConfig = (delegate* unmanaged<byte*>)NativeLibrary.GetExport(handle, "openblas_get_config");
        GetParallel = NativeLibrary.TryGetExport(handle, "openblas_get_parallel", out nint parallel) ? (delegate* unmanaged<int>)parallel : null;
        GetCoreName = NativeLibrary.TryGetExport(handle, "openblas_get_corename", out nint core) ? (delegate* unmanaged<byte*>)core : null;
    }

    /// <summary>The exports that must be present.</summary>
    public static readonly string[] RequiredExports =
        ["cblas_dgemm", "cblas_dsyrk", "openblas_set_num_threads", "openblas_get_num_threads", "openblas_get_config"];

    /// <summary>Resolves the exports of a loaded OpenBLAS; the caller has checked <see cref="RequiredExports"/>.</summary>
    public static Cblas Resolve(nint handle) => new(handle);

    /// <summary>The build description from <c>openblas_get_config</c>.</summary>
    public string Config => Marshal.PtrToStringUTF8((nint)GetConfig()) ?? string.Empty;

    /// <summary>The threading model: "pthread", "OpenMP", "sequential", or null when the export is absent.</summary>
    public string? Parallel => GetParallel == null ? null : GetParallel() switch
    {
        0 => "sequential",
        1 => "pthread",
        2 => "OpenMP",
        int other => "parallel mode " + other.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The kernel set OpenBLAS chose for this CPU (e.g. "Haswell"), or null when the export is absent.</summary>
    public string? CoreName => GetCoreName == null ? null : Marshal.PtrToStringUTF8((nint)GetCoreName());
}
