using System;
using System.Threading.Tasks;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Xfer.Numerics.LinearAlgebra;

/// <summary>
/// Pure managed provider: MathNet.Numerics 5.0.0 (managed) for the decompositions, plain parallel loops for products.
/// Used when OpenBLAS/LAPACKE are not installed, or with <c>XFER_LINALG=managed</c>.
/// </summary>
public sealed class ManagedLinearAlgebraProvider : ILinearAlgebraProvider
{
    private int _threads = Xfer.Core.Parallelism.Threads;

    /// <inheritdoc />
    public string Name => "managed (MathNet.Numerics 5.0.0 decompositions, parallel managed products)";

    /// <inheritdoc />
    public int Threads => _threads;

    /// <inheritdoc />
    public void SetThreads(int threads) => _threads = Math.Max(1, threads);

    /// <inheritdoc />
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        // Materialise op(A) row-major (m×k) and op(B)ᵀ row-major (n×k) so the inner loop is a contiguous dot product.
        var opA = new double[m * k];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
            {
                opA[(i * k) + p] = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
            }
        }

        var opBt = new double[n * k];
        for (int j = 0; j < n; j++)
        {
            for (int p = 0; p < k; p++)
            {
                opBt[(j * k) + p] = transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j];
            }
        }

        var result = new double[m * n];
        Parallel.For(0, m, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
        {
            var ai = opA.AsSpan(i * k, k);
            for (int j = 0; j < n; j++)
            {
                result[(i * n) + j] = Dot(ai, opBt.AsSpan(j * k, k));
            }
        });

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ref double cij = ref c[(i * ldc) + j];
                cij = (beta == 0.0 ? 0.0 : beta * cij) + (alpha * result[(i * n) + j]);
            }
        }
    }

    /// <inheritdoc />
    public void Gram(int n, int k, double alpha, ReadOnlySpan<double> a, int lda, double beta, Span<double> c)
    {
        // Columns of A as contiguous rows of Aᵀ.
        var at = new double[n * k];
        for (int p = 0; p < k; p++)
        {
            for (int j = 0; j < n; j++)
            {
                at[(j * k) + p] = a[(p * lda) + j];
            }
        }

        var g = new double[n * n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
        {
            var ri = at.AsSpan(i * k, k);
            for (int j = i; j < n; j++)
            {
                g[(i * n) + j] = Dot(ri, at.AsSpan(j * k, k));
            }
        });

        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                double v = alpha * g[(i * n) + j];
                double cij = beta == 0.0 ? v : (beta * c[(i * n) + j]) + v;
                c[(i * n) + j] = cij;
                c[(j * n) + i] = cij;
            }
        }
    }

    /// <inheritdoc />
    public void SymmetricEigen(int n, Span<double> a, Span<double> w, bool computeVectors)
    {
        // Row-major symmetric = column-major symmetric.
        var m = Matrix<double>.Build.DenseOfColumnMajor(n, n, a.ToArray());
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = evd.EigenValues[i].Real;
        }

        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort((double[])values.Clone(), order);
        for (int j = 0; j < n; j++)
        {
            w[j] = values[order[j]];
        }

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
        bool vectors = !u.IsEmpty;
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
        var m = Matrix<double>.Build.DenseOfColumnMajor(n, n, a.ToArray()); // symmetric: layout irrelevant
        try
        {
            var l = m.Cholesky().Factor;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[(i * n) + j] = j <= i ? l[i, j] : 0.0;
                }
            }

            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void CholeskySolve(int n, ReadOnlySpan<double> l, int nrhs, Span<double> b)
    {
        // Forward substitution L·Y = B, then back substitution Lᵀ·X = Y, column by column.
        for (int r = 0; r < nrhs; r++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = b[(i * nrhs) + r];
                for (int p = 0; p < i; p++)
                {
                    sum -= l[(i * n) + p] * b[(p * nrhs) + r];
                }

                b[(i * nrhs) + r] = sum / l[(i * n) + i];
            }

            for (int i = n - 1; i >= 0; i--)
            {
                double sum = b[(i * nrhs) + r];
                for (int p = i + 1; p < n; p++)
                {
                    sum -= l[(p * n) + i] * b[(p * nrhs) + r];
                }

                b[(i * nrhs) + r] = sum / l[(i * n) + i];
            }
        }
    }

    /// <inheritdoc />
    public bool Solve(int n, Span<double> a, int nrhs, Span<double> b)
    {
        var am = Matrix<double>.Build.Dense(n, n, (i, j) => 0.0);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                am[i, j] = a[(i * n) + j];
            }
        }

        var lu = am.LU();
        if (lu.Determinant == 0.0)
        {
            return false;
        }

        var bm = Matrix<double>.Build.Dense(n, nrhs, (i, j) => 0.0);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < nrhs; j++)
            {
                bm[i, j] = b[(i * nrhs) + j];
            }
        }

        var x = lu.Solve(bm);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < nrhs; j++)
            {
                b[(i * nrhs) + j] = x[i, j];
            }
        }

        return true;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        => System.Numerics.Tensors.TensorPrimitives.Dot(x, y);

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
