using System;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Xfer.Numerics.LinearAlgebra.Kernels;

namespace Xfer.Numerics.LinearAlgebra;

/// <summary>
/// Pure managed provider: cache-blocked SIMD kernels for the products (<see cref="BlockedGemm"/>), MathNet.Numerics
/// 5.0.0 (managed) for the decompositions. Used when OpenBLAS/LAPACKE are not installed, or with <c>XFER_LINALG=managed</c>.
/// </summary>
/// <remarks>
/// Reads the same triangles as the native provider (upper for the eigendecomposition, lower for Cholesky) so both
/// give the same answer for an input that is only symmetric up to rounding.
/// </remarks>
public sealed class ManagedLinearAlgebraProvider : ILinearAlgebraProvider
{
    private int _threads = Xfer.Core.Parallelism.Threads;

    /// <inheritdoc />
    public string Name => "managed (blocked SIMD products, MathNet.Numerics 5.0.0 decompositions)";

    /// <inheritdoc />
    public int Threads => _threads;

    /// <inheritdoc />
    public void SetThreads(int threads) => _threads = Math.Max(1, threads);

    /// <inheritdoc />
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        ProviderArguments.Gemm(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        BlockedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, upperOnly: false, _threads);
    }

    /// <inheritdoc />
    public void Gram(int n, int k, double alpha, ReadOnlySpan<double> a, int lda, double beta, Span<double> c)
    {
        ProviderArguments.Gram(n, k, a.Length, lda, c.Length);

        // dsyrk semantics: AᵀA is op(A)·op(B) with op(A) = Aᵀ and op(B) = A; only the upper triangle is computed.
        BlockedGemm.Multiply(true, false, n, n, k, alpha, a, lda, a, lda, beta, c, n, upperOnly: true, _threads);
        Triangle.MirrorUpperToLower(c, n);
    }

    /// <inheritdoc />
    public void SymmetricEigen(int n, Span<double> a, Span<double> w, bool computeVectors)
    {
        ProviderArguments.Square("A", n, a.Length);
        ProviderArguments.Vector("w", n, w.Length);
        Triangle.MirrorUpperToLower(a, n);

        // Symmetric, so the row-major buffer is also the column-major matrix.
        var evd = Matrix<double>.Build.DenseOfColumnMajor(n, n, a[..(n * n)].ToArray()).Evd(Symmetricity.Symmetric);
        var values = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = evd.EigenValues[i].Real;
            order[i] = i;
        }

        Array.Sort(values, order);
        values.CopyTo(w);
        if (computeVectors)
        {
            var vectors = evd.EigenVectors;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[(i * n) + j] = vectors[i, order[j]];
                }
            }
        }
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

        if (m < n)
        {
            // Aᵀ = V·S·Uᵀ: decompose the tall transpose and swap the roles of U and Vᵀ.
            var t = new double[n * m];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    t[(j * m) + i] = a[(i * n) + j];
                }
            }

            var ut = vectors ? new double[n * m] : Array.Empty<double>();
            var vtt = vectors ? new double[m * m] : Array.Empty<double>();
            TallSvd(n, m, t, s, ut, vtt, vectors);
            if (vectors)
            {
                // U = (Vᵀ of Aᵀ)ᵀ (m×m), Vᵀ = (U of Aᵀ)ᵀ (m×n).
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < m; j++)
                    {
                        u[(i * m) + j] = vtt[(j * m) + i];
                    }
                }

                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        vt[(i * n) + j] = ut[(j * m) + i];
                    }
                }
            }

            return;
        }

        TallSvd(m, n, a.ToArray(), s, u, vt, vectors);
    }

    /// <inheritdoc />
    public bool Cholesky(int n, Span<double> a)
    {
        ProviderArguments.Square("A", n, a.Length);
        Triangle.MirrorLowerToUpper(a, n);
        var m = Matrix<double>.Build.DenseOfColumnMajor(n, n, a[..(n * n)].ToArray()); // symmetric: layout irrelevant
        Cholesky<double> factor;
        try
        {
            factor = m.Cholesky();
        }
        catch (ArgumentException)
        {
            // MathNet throws when a pivot is not positive, i.e. the matrix is not positive definite.
            return false;
        }

        var l = factor.Factor;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[(i * n) + j] = j <= i ? l[i, j] : 0.0;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public void CholeskySolve(int n, ReadOnlySpan<double> l, int nrhs, Span<double> b)
    {
        ProviderArguments.Square("L", n, l.Length);
        ProviderArguments.RightHandSide(n, nrhs, b.Length);

        // Row-oriented substitutions, so every update is a contiguous row operation on B:
        // L·Y = B: y_i = (b_i − Σ_{p<i} L_ip y_p) / L_ii;  Lᵀ·X = Y: x_i = (y_i − Σ_{p>i} L_pi x_p) / L_ii.
        for (int i = 0; i < n; i++)
        {
            var bi = b.Slice(i * nrhs, nrhs);
            for (int p = 0; p < i; p++)
            {
                Axpy(-l[(i * n) + p], b.Slice(p * nrhs, nrhs), bi);
            }

            Scale(1.0 / l[(i * n) + i], bi);
        }

        for (int i = n - 1; i >= 0; i--)
        {
            var bi = b.Slice(i * nrhs, nrhs);
            for (int p = i + 1; p < n; p++)
            {
                Axpy(-l[(p * n) + i], b.Slice(p * nrhs, nrhs), bi);
            }

            Scale(1.0 / l[(i * n) + i], bi);
        }
    }

    /// <inheritdoc />
    public bool Solve(int n, Span<double> a, int nrhs, Span<double> b)
    {
        ProviderArguments.Square("A", n, a.Length);
        ProviderArguments.RightHandSide(n, nrhs, b.Length);
        var lu = Matrix<double>.Build.DenseOfRowMajor(n, n, a[..(n * n)].ToArray()).LU();

        // Singular exactly when partial pivoting meets a zero pivot, as dgesv reports it (info > 0). Testing the
        // determinant instead would also flag large well-conditioned matrices whose pivot product underflows.
        var u = lu.U;
        for (int i = 0; i < n; i++)
        {
            if (u[i, i] == 0.0)
            {
                return false;
            }
        }

        var x = lu.Solve(Matrix<double>.Build.DenseOfRowMajor(n, nrhs, b[..(n * nrhs)].ToArray())).ToRowMajorArray();
        x.CopyTo(b);
        return true;
    }

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (alpha != 0.0)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x, alpha, y, y);
        }
    }

    private static void Scale(double alpha, Span<double> x) => System.Numerics.Tensors.TensorPrimitives.Multiply(x, alpha, x);

    // Thin SVD of a tall m×n (m ≥ n) row-major matrix: thin QR (A = Q·R), then the full SVD of the n×n R.
    // Avoids MathNet's full m×m U, and is as accurate as a direct SVD (no squaring of the condition number).
    private static void TallSvd(int m, int n, double[] rowMajor, Span<double> s, Span<double> u, Span<double> vt, bool vectors)
    {
        var am = Matrix<double>.Build.Dense(m, n, (i, j) => rowMajor[(i * n) + j]);
        var qr = am.QR(QRMethod.Thin);
        var svd = qr.R.Svd(vectors);
        for (int i = 0; i < n; i++)
        {
            s[i] = svd.S[i];
        }

        if (!vectors)
        {
            return;
        }

        var uFull = qr.Q * svd.U; // m×n
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                u[(i * n) + j] = uFull[i, j];
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                vt[(i * n) + j] = svd.VT[i, j];
            }
        }
    }
}
