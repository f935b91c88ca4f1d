using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Xfer.Core.Errors;
using Xfer.Numerics.Interop;
using Xfer.Numerics.LinearAlgebra.Kernels;

namespace Xfer.Numerics.LinearAlgebra;

/// <summary>
/// OpenBLAS (CBLAS dgemm, dsyrk) and LAPACKE (dsyevd, dgesdd, dpotrf, dpotrs, dgesv) through P/Invoke, on the
/// row-major buffers as they are (<c>CblasRowMajor</c>, <c>LAPACK_ROW_MAJOR</c>; the SVD passes the buffer as the
/// column-major transpose instead, which needs no copy).
/// </summary>
/// <remarks>
/// <para>The libraries are found and checked once per process (<see cref="NativeLibraryProbe"/>). OpenBLAS has one
/// thread pool per process, so <see cref="SetThreads"/> affects every instance; the first instance in a process sets
/// it to <see cref="Xfer.Core.Parallelism.Threads"/> (<c>XFER_THREADS</c>, else all cores), which overrides
/// <c>OPENBLAS_NUM_THREADS</c>.</para>
/// <para>LAPACK <c>info</c> codes: negative means a rejected argument and throws (arguments are validated first, so
/// it is a bug or a NaN caught by LAPACKE's NaN check); positive means not positive definite (Cholesky returns
/// false), exactly singular (Solve returns false) or no convergence (eigen/SVD throw <see cref="ArithmeticException"/>).</para>
/// </remarks>
public sealed unsafe class NativeLinearAlgebraProvider : ILinearAlgebraProvider
{
    /// <summary>What to do when the libraries are missing; the end of every "could not load" message.</summary>
    public const string InstallHint = "Install libopenblas0-pthread and liblapacke (scripts/setup.sh native), or set XFER_LINALG=managed.";

    private static int s_threadsInitialised;

    private readonly NativeLibrarySet _native;

    /// <summary>Loads OpenBLAS and LAPACKE.</summary>
    /// <exception cref="NativeDependencyException">They cannot be loaded; the message lists what was tried and the fix.</exception>
    public NativeLinearAlgebraProvider()
        : this(NativeLibraryProbe.Default)
    {
    }

    private NativeLinearAlgebraProvider(NativeProbeOutcome outcome)
    {
        _native = outcome.Libraries ?? throw new NativeDependencyException(FailureMessage(outcome.Failure!));

        // Once per process: a later instance must not undo a SetThreads made through an earlier one.
        if (Interlocked.Exchange(ref s_threadsInitialised, 1) == 0)
        {
            SetThreads(Xfer.Core.Parallelism.Threads);
        }
    }

    /// <inheritdoc />
    public string Name => "native (" + _native.Description + ")";

    /// <summary>Where the libraries were loaded from (symlinks resolved), for diagnostics.</summary>
    public string LibraryPaths => _native.LapackPath is string lapack && lapack != _native.OpenBlasPath && lapack != _native.LapackePath
        ? $"{_native.OpenBlasPath}, {_native.LapackePath} (LAPACK: {lapack})"
        : $"{_native.OpenBlasPath}, {_native.LapackePath}";

    /// <inheritdoc />
    public int Threads => _native.Blas.GetNumThreads();

    /// <summary>Creates the provider, or returns false with the reason (one line: what was tried and the fix).</summary>
    public static bool TryCreate([NotNullWhen(true)] out NativeLinearAlgebraProvider? provider, [NotNullWhen(false)] out string? failure)
        => TryCreate(NativeLibraryProbe.Default, out provider, out failure);

    /// <summary>As <see cref="TryCreate(out NativeLinearAlgebraProvider?, out string?)"/> for a given probe outcome (tests).</summary>
    internal static bool TryCreate(NativeProbeOutcome outcome, [NotNullWhen(true)] out NativeLinearAlgebraProvider? provider, [NotNullWhen(false)] out string? failure)
    {
        if (outcome.Libraries is null)
        {
            provider = null;
            failure = FailureMessage(outcome.Failure!);
            return false;
        }

        provider = new NativeLinearAlgebraProvider(outcome);
        failure = null;
        return true;
    }

    /// <summary>The one-line message for a failed probe.</summary>
    internal static string FailureMessage(string tried)
        => "Could not load native linear algebra (OpenBLAS + LAPACKE). Tried " + tried + ". " + InstallHint;

    /// <inheritdoc />
    public void SetThreads(int threads) => _native.Blas.SetNumThreads(Math.Max(1, threads));

    /// <inheritdoc />
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        ProviderArguments.Gemm(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (double* pa = a, pb = b, pc = c)
        {
            _native.Blas.Dgemm(Cblas.RowMajor, transposeA ? Cblas.Trans : Cblas.NoTrans, transposeB ? Cblas.Trans : Cblas.NoTrans,
                m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    /// <inheritdoc />
    public void Gram(int n, int k, double alpha, ReadOnlySpan<double> a, int lda, double beta, Span<double> c)
    {
        ProviderArguments.Gram(n, k, a.Length, lda, c.Length);
        if (n == 0)
        {
            return;
        }

        fixed (double* pa = a, pc = c)
        {
            // Row-major A is k×n, so AᵀA is dsyrk with Trans; it writes the upper triangle only.
            _native.Blas.Dsyrk(Cblas.RowMajor, Cblas.Upper, Cblas.Trans, n, k, alpha, pa, lda, beta, pc, n);
        }

        Triangle.MirrorUpperToLower(c, n);
    }

    /// <inheritdoc />
    public void SymmetricEigen(int n, Span<double> a, Span<double> w, bool computeVectors)
    {
        ProviderArguments.Square("A", n, a.Length);
        ProviderArguments.Vector("w", n, w.Length);
        if (n == 0)
        {
            return;
        }

        int info;
        fixed (double* pa = a, pw = w)
        {
            info = _native.Lapack.Dsyevd(Lapacke.RowMajor, computeVectors ? (byte)'V' : (byte)'N', (byte)'U', n, pa, n, pw);
        }

        LapackInfo.ThrowIfNotConverged(info, "LAPACKE_dsyevd", "the divide-and-conquer eigensolver");
    }

    /// <inheritdoc />
    public void Svd(int m, int n, Span<double> a, Span<double> s, Span<double> u, Span<double> vt)
    {
        int r = Math.Min(m, n);
        ProviderArguments.Dense("A", m, n, a.Length);
        ProviderArguments.Vector("s", r, s.Length);
        bool vectors = !u.IsEmpty;
        if (vectors)
        {
            ProviderArguments.Vector("U", (long)m * r, u.Length);
            ProviderArguments.Vector("Vᵀ", (long)r * n, vt.Length);
        }

        if (r == 0)
        {
            return;
        }

        // The row-major m×n buffer is, read column-major, Aᵀ (n×m, lda = n), and Aᵀ = V·S·Uᵀ. So dgesdd on that
        // column-major Aᵀ returns our row-major Vᵀ (r×n) in its "U" (n×r, ldu = n) and our row-major U (m×r) in its
        // "Vᵀ" (r×m, ldvt = r), with no transposed copies. (It also avoids LAPACKE 3.11's row-major jobz = 'N' path,
        // which rejects ldvt = 1: "Wrong parameter 11 in LAPACKE_dgesdd_work".)
        int info;
        fixed (double* pa = a, ps = s, pu = u, pvt = vt)
        {
            info = vectors
                ? _native.Lapack.Dgesdd(Lapacke.ColumnMajor, (byte)'S', n, m, pa, n, ps, pvt, n, pu, r)
                : _native.Lapack.Dgesdd(Lapacke.ColumnMajor, (byte)'N', n, m, pa, n, ps, null, 1, null, 1);
        }

        LapackInfo.ThrowIfNotConverged(info, "LAPACKE_dgesdd", "the bidiagonal divide-and-conquer SVD (dbdsdc)");
    }

    /// <inheritdoc />
    public bool Cholesky(int n, Span<double> a)
    {
        ProviderArguments.Square("A", n, a.Length);
        if (n == 0)
        {
            return true;
        }

        int info;
        fixed (double* pa = a)
        {
            info = _native.Lapack.Dpotrf(Lapacke.RowMajor, (byte)'L', n, pa, n);
        }

        LapackInfo.ThrowIfArgumentError(info, "LAPACKE_dpotrf");
        if (info > 0)
        {
            // The leading minor of order info is not positive definite.
            return false;
        }

        Triangle.ClearStrictUpper(a, n);
        return true;
    }

    /// <inheritdoc />
    public void CholeskySolve(int n, ReadOnlySpan<double> l, int nrhs, Span<double> b)
    {
        ProviderArguments.Square("L", n, l.Length);
        ProviderArguments.RightHandSide(n, nrhs, b.Length);
        if (n == 0 || nrhs == 0)
        {
            return;
        }

        int info;
        fixed (double* pl = l, pb = b)
        {
            info = _native.Lapack.Dpotrs(Lapacke.RowMajor, (byte)'L', n, nrhs, pl, n, pb, nrhs);
        }

        LapackInfo.ThrowIfArgumentError(info, "LAPACKE_dpotrs");
    }

    /// <inheritdoc />
    public bool Solve(int n, Span<double> a, int nrhs, Span<double> b)
    {
        ProviderArguments.Square("A", n, a.Length);
        ProviderArguments.RightHandSide(n, nrhs, b.Length);
        if (n == 0)
        {
            return true;
        }

        var pivots = new int[n];
        int info;
        fixed (double* pa = a, pb = b)
        fixed (int* ipiv = pivots)
        {
            info = _native.Lapack.Dgesv(Lapacke.RowMajor, n, nrhs, pa, n, ipiv, pb, Math.Max(1, nrhs));
        }

        LapackInfo.ThrowIfArgumentError(info, "LAPACKE_dgesv");

        // info > 0: U(info, info) is exactly zero, so A is singular and no solution was computed.
        return info == 0;
    }
}
