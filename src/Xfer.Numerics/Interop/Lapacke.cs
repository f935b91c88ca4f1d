using System.Runtime.InteropServices;

namespace Xfer.Numerics.Interop;

/// <summary>The LAPACKE entry points the native provider uses, resolved once from <c>liblapacke.so.3</c>.</summary>
/// <remarks>
/// <c>lapack_int</c> is a 32-bit <c>int</c> (Debian's LP64 LAPACKE); <c>char</c> arguments are single bytes
/// ('V', 'N', 'S', 'U', 'L'). The high-level <c>LAPACKE_*</c> functions (not <c>*_work</c>) allocate their own
/// workspace and, with <see cref="RowMajor"/>, transpose into and out of column-major copies.
/// </remarks>
internal sealed unsafe class Lapacke
{
    /// <summary><c>LAPACK_ROW_MAJOR</c>.</summary>
    public const int RowMajor = 101;

    /// <summary><c>LAPACK_COL_MAJOR</c>.</summary>
    public const int ColumnMajor = 102;

    /// <summary>LAPACKE's <c>LAPACK_WORK_MEMORY_ERROR</c>: it could not allocate its workspace.</summary>
    public const int WorkMemoryError = -1010;

    /// <summary>LAPACKE's <c>LAPACK_TRANSPOSE_MEMORY_ERROR</c>: it could not allocate a transposed copy.</summary>
    public const int TransposeMemoryError = -1011;

    /// <summary>
    /// <c>lapack_int LAPACKE_dsyevd(int matrix_layout, char jobz, char uplo, lapack_int n, double* a,
    /// lapack_int lda, double* w)</c>: symmetric eigendecomposition, divide and conquer.
    /// </summary>
    public readonly delegate* unmanaged<int, byte, byte, int, double*, int, double*, int> Dsyevd;

    /// <summary>
    /// <c>lapack_int LAPACKE_dgesdd(int matrix_layout, char jobz, lapack_int m, lapack_int n, double* a,
    /// lapack_int lda, double* s, double* u, lapack_int ldu, double* vt, lapack_int ldvt)</c>: SVD, divide and conquer.
    /// </summary>
    public readonly delegate* unmanaged<int, byte, int, int, double*, int, double*, double*, int, double*, int, int> Dgesdd;

    /// <summary><c>lapack_int LAPACKE_dpotrf(int matrix_layout, char uplo, lapack_int n, double* a, lapack_int lda)</c>: Cholesky.</summary>
    public readonly delegate* unmanaged<int, byte, int, double*, int, int> Dpotrf;

    /// <summary>
    /// <c>lapack_int LAPACKE_dpotrs(int matrix_layout, char uplo, lapack_int n, lapack_int nrhs, const double* a,
    /// lapack_int lda, double* b, lapack_int ldb)</c>: solve with a Cholesky factor.
    /// </summary>
    public readonly delegate* unmanaged<int, byte, int, int, double*, int, double*, int, int> Dpotrs;

    /// <summary>
    /// <c>lapack_int LAPACKE_dgesv(int matrix_layout, lapack_int n, lapack_int nrhs, double* a, lapack_int lda,
    /// lapack_int* ipiv, double* b, lapack_int ldb)</c>: LU with partial pivoting and solve.
    /// </summary>
    public readonly delegate* unmanaged<int, int, int, double*, int, int*, double*, int, int> Dgesv;

    /// <summary><c>void LAPACKE_ilaver(lapack_int* major, lapack_int* minor, lapack_int* patch)</c>: version of the LAPACK underneath (optional export).</summary>
    public readonly delegate* unmanaged<int*, int*, int*, void> Ilaver;

    private Lapacke(nint handle)
    {
        Dsyevd = (delegate* unmanaged<int, byte, byte, int, double*, int, double*, int>)NativeLibrary.GetExport(handle, "LAPACKE_dsyevd");
        Dgesdd = (delegate* unmanaged<int, byte, int, int, double*, int, double*, double*, int, double*, int, int>)NativeLibrary.GetExport(handle, "LAPACKE_dgesdd");
        Dpotrf = (delegate* unmanaged<int, byte, int, double*, int, int>)NativeLibrary.GetExport(handle, "LAPACKE_dpotrf");
        Dpotrs = (delegate* unmanaged<int, byte, int, int, double*, int, double*, int, int>)NativeLibrary.GetExport(handle, "LAPACKE_dpotrs");
        Dgesv = (delegate* unmanaged<int, int, int, double*, int, int*, double*, int, int>)NativeLibrary.GetExport(handle, "LAPACKE_dgesv");
        Ilaver = NativeLibrary.TryGetExport(handle, "LAPACKE_ilaver", out nint ilaver) ? (delegate* unmanaged<int*, int*, int*, void>)ilaver : null;
    }

    /// <summary>The exports that must be present.</summary>
    public static readonly string[] RequiredExports =
        ["LAPACKE_dsyevd", "LAPACKE_dgesdd", "LAPACKE_dpotrf", "LAPACKE_dpotrs", "LAPACKE_dgesv"];

    /// <summary>Resolves the exports of a loaded LAPACKE; the caller has checked <see cref="RequiredExports"/>.</summary>
    public static Lapacke Resolve(nint handle) => new(handle);

    /// <summary>The LAPACK version reported by <c>LAPACKE_ilaver</c> (e.g. "3.11.0"), or null when the export is absent.</summary>
    public string? LapackVersion
    {
        get
        {
            if (Ilaver == null)
            {
                return null;
            }

            int major, minor, patch;
            Ilaver(&major, &minor, &patch);
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{major}.{minor}.{patch}");
        }
    }
}
