using System;

namespace Xfer.Numerics.LinearAlgebra;

/// <summary>
/// The narrow seam between the metrics and a dense linear-algebra implementation. Every buffer is
/// row-major float64 with an explicit leading dimension, as CBLAS/LAPACKE take them with
/// <c>CblasRowMajor</c>/<c>LAPACK_ROW_MAJOR</c>.
/// </summary>
/// <remarks>
/// Shapes and finiteness are validated once in the <see cref="Linalg"/> facade before a call reaches a
/// provider; providers still check dimensions, leading dimensions and buffer lengths (O(1)) on every call,
/// because CBLAS has no error return and a short buffer would be overrun in native code. Bad arguments throw
/// <see cref="ArgumentException"/>. Add a member only when a metric needs it.
/// </remarks>
public interface ILinearAlgebraProvider
{
    /// <summary>Human-readable description, e.g. "native (OpenBLAS 0.3.21, LAPACKE)".</summary>
    string Name { get; }

    /// <summary>Threads the provider's kernels use.</summary>
    int Threads { get; }

    /// <summary>Sets the thread count of the provider's kernels (at least 1).</summary>
    void SetThreads(int threads);

    /// <summary>C (m×n) ← α·op(A)·op(B) + β·C, where op(A) is m×k and op(B) is k×n (dgemm).</summary>
    void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc);

    /// <summary>
    /// C (n×n, leading dimension n) ← α·AᵀA + β·C for A of k rows × n columns (dsyrk); both triangles
    /// of C are written, so C is a full symmetric matrix on return. With β ≠ 0 only the upper triangle of C is read.
    /// </summary>
    void Gram(int n, int k, double alpha, ReadOnlySpan<double> a, int lda, double beta, Span<double> c);

    /// <summary>
    /// Eigendecomposition of a symmetric n×n matrix (dsyevd; only the upper triangle is read). On return <paramref name="w"/> holds the
    /// eigenvalues in ascending order and, when <paramref name="computeVectors"/> is set, column j of
    /// <paramref name="a"/> (elements a[i·n + j]) holds the unit eigenvector of w[j]; otherwise a is destroyed.
    /// </summary>
    void SymmetricEigen(int n, Span<double> a, Span<double> w, bool computeVectors);

    /// <summary>
    /// Thin SVD A = U·diag(s)·Vᵀ of an m×n matrix (dgesdd), r = min(m, n): s descending (length r),
    /// U m×r and Vᵀ r×n row-major. A is destroyed. Pass empty u and vt for singular values only.
    /// </summary>
    void Svd(int m, int n, Span<double> a, Span<double> s, Span<double> u, Span<double> vt);

    /// <summary>
    /// Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite n×n matrix (dpotrf; only the lower triangle is read). On success
    /// the lower triangle of a holds L and the strict upper triangle is zeroed. Returns false when A is
    /// not positive definite (a is then unspecified).
    /// </summary>
    bool Cholesky(int n, Span<double> a);

    /// <summary>Solves L·Lᵀ·X = B for X (dpotrs); l holds L from <see cref="Cholesky"/>, B (n×nrhs) is overwritten.</summary>
    void CholeskySolve(int n, ReadOnlySpan<double> l, int nrhs, Span<double> b);

    /// <summary>Solves A·X = B with LU and partial pivoting (dgesv); A is destroyed, B (n×nrhs) overwritten. False if A is singular.</summary>
    bool Solve(int n, Span<double> a, int nrhs, Span<double> b);
}
