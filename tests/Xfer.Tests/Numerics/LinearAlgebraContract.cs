using System;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics;

/// <summary>
/// What every <see cref="ILinearAlgebraProvider"/> must do, checked against naive references written in the tests,
/// hand-derived small cases and the defining identities (reconstruction, orthogonality). Each provider runs the
/// same tests through a subclass.
/// </summary>
public abstract class LinearAlgebraContract
{
    /// <summary>(m, n, k) triples covering 1×1, vectors, sizes that are not multiples of the managed micro-tile (6×8),
    /// inner dimensions past one packed slice (256), row blocks past 96 and columns past one 2048-wide panel.</summary>
    private static readonly (int M, int N, int K)[] GemmShapes =
        [(1, 1, 1), (1, 1, 9), (3, 1, 4), (1, 5, 3), (7, 9, 5), (37, 41, 300), (130, 97, 260), (1, 300, 200), (200, 1, 200), (7, 2100, 40)];

    /// <summary>The provider under test.</summary>
    protected abstract ILinearAlgebraProvider Provider { get; }

    [ContractFact]
    public void Gemm_matches_a_compensated_reference_for_every_transpose_combination_and_leading_dimension()
    {
        int seed = 10;
        foreach (var (m, n, k) in GemmShapes)
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    // Leading dimensions larger than the stored column counts, so padding must be skipped.
                    int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 2, ldc = n + 5;
                    var a = TestData.Gaussian(ta ? k : m, lda, seed++).Data;
                    var b = TestData.Gaussian(tb ? n : k, ldb, seed++).Data;
                    var c = TestData.Gaussian(m, ldc, seed++).Data;
                    var c0 = (double[])c.Clone();
                    const double alpha = 0.75, beta = -0.5;
                    Provider.Gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                    for (int i = 0; i < m; i++)
                    {
                        for (int j = 0; j < ldc; j++)
                        {
                            if (j >= n)
                            {
                                Assert.Equal(c0[(i * ldc) + j], c[(i * ldc) + j]); // padding untouched
                                continue;
                            }

                            var (expected, scale) = LinearAlgebraReference.GemmElement(ta, tb, i, j, k, alpha, a, lda, b, ldb, beta, c0[(i * ldc) + j]);

                            // Higham (2002), §3.5: |error| ≤ γ_k·|α|·|A||B| (+ one rounding of β·C); 1e-13 covers k ≤ 450 with room.
                            NumericAssert.Close(expected, c[(i * ldc) + j], 0, 1e-13 * scale + 1e-300,
                                $"gemm {m}×{n}×{k} transA={ta} transB={tb} at ({i}, {j})");
                        }
                    }
                }
            }
        }
    }

    [ContractFact]
    public void Gemm_with_beta_zero_overwrites_nan_in_c_and_with_k_zero_scales_c()
    {
        var a = new double[] { 1, 2, 3, 4 };
        var b = new double[] { 5, 6, 7, 8 };
        var c = new double[] { double.NaN, double.PositiveInfinity, double.NaN, double.NaN };
        Provider.Gemm(false, false, 2, 2, 2, 1.0, a, 2, b, 2, 0.0, c, 2);
        Assert.Equal(new double[] { 19, 22, 43, 50 }, c);

        // [1 2; 3 4]ᵀ·[5 6; 7 8]ᵀ = [1 3; 2 4]·[5 7; 6 8] = [23 31; 34 46].
        Provider.Gemm(true, true, 2, 2, 2, 1.0, a, 2, b, 2, 0.0, c, 2);
        Assert.Equal(new double[] { 23, 31, 34, 46 }, c);

        var d = new double[] { 1, 2, 3, 4 };
        Provider.Gemm(false, false, 2, 2, 0, 1.0, a, 1, b, 2, 3.0, d, 2);
        Assert.Equal(new double[] { 3, 6, 9, 12 }, d);
    }

    [ContractFact]
    public void Gram_matches_the_reference_is_exactly_symmetric_and_honours_alpha_beta_and_leading_dimension()
    {
        // (n = columns of A, k = rows of A): 1×1, D = 1, N < D, N = 1, and sizes past the managed blocking.
        (int N, int K)[] shapes = [(1, 1), (1, 300), (60, 20), (5, 1), (7, 9), (97, 600), (300, 70)];
        int seed = 100;
        foreach (var (n, k) in shapes)
        {
            int lda = n + 4;
            var a = TestData.Gaussian(k, lda, seed++).Data;
            var c0 = LinearAlgebraReference.SymmetricWithSpectrum(Spectrum(n, seed++), seed++).Data;
            var c = (double[])c0.Clone();
            const double alpha = 1.5, beta = 0.25;
            Provider.Gram(n, k, alpha, a, lda, beta, c);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    Assert.Equal(c[(i * n) + j], c[(j * n) + i]);
                    var (expected, scale) = LinearAlgebraReference.GemmElement(true, false, i, j, k, alpha, a, lda, a, lda, beta, c0[(i * n) + j]);
                    NumericAssert.Close(expected, c[(i * n) + j], 0, 1e-13 * scale + 1e-300, $"gram n={n} k={k} at ({i}, {j})");
                }
            }
        }
    }

    [ContractFact]
    public void Gram_of_n_below_d_is_positive_semidefinite_with_rank_n()
    {
        // 20 samples in 60 dimensions: XᵀX has rank 20, so exactly 40 eigenvalues are zero up to rounding.
        var x = TestData.Gaussian(20, 60, 7);
        var g = new double[60 * 60];
        Provider.Gram(60, 20, 1.0, x.Data, 60, 0.0, g);
        var w = new double[60];
        Provider.SymmetricEigen(60, g, w, computeVectors: false);
        double largest = w[^1];
        for (int i = 0; i < 40; i++)
        {
            Assert.True(Math.Abs(w[i]) < 1e-12 * largest, $"eigenvalue {i} = {w[i]} should vanish (largest {largest})");
        }

        Assert.True(w[40] > 1e-3 * largest, $"eigenvalue 40 = {w[40]} should be clearly positive");
    }

    [ContractFact]
    public void SymmetricEigen_of_known_matrices_gives_the_hand_derived_values_and_vectors()
    {
        // [2 1; 1 2]: λ = 1 with (1, −1)/√2 and λ = 3 with (1, 1)/√2.
        var a = new double[] { 2, 1, 1, 2 };
        var w = new double[2];
        Provider.SymmetricEigen(2, a, w, computeVectors: true);
        NumericAssert.Close(1.0, w[0], 1e-15);
        NumericAssert.Close(3.0, w[1], 1e-15);
        double s = 1 / Math.Sqrt(2);
        NumericAssert.Close(s, Math.Abs(a[0]), 1e-15);
        NumericAssert.Close(-1.0, a[0] * a[2] / (s * s), 1e-14); // components of the first column have opposite signs
        NumericAssert.Close(1.0, a[1] * a[3] / (s * s), 1e-14);

        // The 1-D Laplacian tridiag(−1, 2, −1) of order 3: λ_j = 2 − 2cos(jπ/4) = 2 − √2, 2, 2 + √2.
        var t = new double[] { 2, -1, 0, -1, 2, -1, 0, -1, 2 };
        var wt = new double[3];
        Provider.SymmetricEigen(3, t, wt, computeVectors: false);
        NumericAssert.Close(new[] { 2 - Math.Sqrt(2), 2.0, 2 + Math.Sqrt(2) }, wt, 1e-14);

        // 1×1.
        var one = new double[] { -4.5 };
        var w1 = new double[1];
        Provider.SymmetricEigen(1, one, w1, computeVectors: true);
        Assert.Equal(-4.5, w1[0]);
        Assert.Equal(1.0, Math.Abs(one[0]));
    }

    [ContractFact]
    public void SymmetricEigen_is_ascending_orthonormal_and_reconstructs_the_input()
    {
        foreach (int n in new[] { 2, 17, 120 })
        {
            var a = TestData.Gaussian(n, n, n);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    a[i, j] = a[j, i];
                }
            }

            var v = a.Clone();
            var w = new double[n];
            Provider.SymmetricEigen(n, v.Data, w, computeVectors: true);
            for (int i = 1; i < n; i++)
            {
                Assert.True(w[i - 1] <= w[i], $"eigenvalues not ascending at {i}");
            }

            double norm = LinearAlgebraReference.MaxAbs(w);

            // V·diag(w)·Vᵀ = A and VᵀV = I, to a small multiple of n·ε.
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double r = 0, o = 0;
                    for (int p = 0; p < n; p++)
                    {
                        r += v[i, p] * w[p] * v[j, p];
                        o += v[p, i] * v[p, j];
                    }

                    NumericAssert.Close(a[i, j], r, 0, 1e-13 * norm, $"reconstruction n={n} ({i}, {j})");
                    NumericAssert.Close(i == j ? 1.0 : 0.0, o, 0, 1e-13, $"orthogonality n={n} ({i}, {j})");
                }
            }

            // Values alone are the same values.
            var w2 = new double[n];
            Provider.SymmetricEigen(n, a.Clone().Data, w2, computeVectors: false);
            NumericAssert.Close(w, w2, 0, 1e-13 * norm);
        }
    }

    [ContractFact]
    public void SymmetricEigen_recovers_a_planted_spectrum_and_reads_only_the_upper_triangle()
    {
        var spectrum = new double[] { -3, -1e-3, 0.5, 2, 2.5, 7, 11, 40 };
        var a = LinearAlgebraReference.SymmetricWithSpectrum(spectrum, 3);
        var withGarbage = a.Clone();
        for (int i = 1; i < 8; i++)
        {
            for (int j = 0; j < i; j++)
            {
                withGarbage[i, j] = 1e6 * (i + j); // strictly lower: must not be read
            }
        }

        var w = new double[8];
        Provider.SymmetricEigen(8, withGarbage.Data, w, computeVectors: true);
        NumericAssert.Close(spectrum, w, 0, 1e-13 * 40);
    }

    [ContractFact]
    public void Svd_of_known_matrices_gives_the_hand_derived_singular_values()
    {
        // [3 0; 4 5]: AᵀA = [25 20; 20 25] has eigenvalues 45 and 5, so σ = 3√5, √5.
        var a = new double[] { 3, 0, 4, 5 };
        var s = new double[2];
        Provider.Svd(2, 2, a, s, Span<double>.Empty, Span<double>.Empty);
        NumericAssert.Close(new[] { 3 * Math.Sqrt(5), Math.Sqrt(5) }, s, 1e-15);

        // [1 1; 1 1; 0 0] has rank 1: σ = 2, 0.
        var r = new double[] { 1, 1, 1, 1, 0, 0 };
        var sr = new double[2];
        Provider.Svd(3, 2, r, sr, Span<double>.Empty, Span<double>.Empty);
        NumericAssert.Close(2.0, sr[0], 1e-15);
        NumericAssert.Close(0.0, sr[1], 0, 1e-15);

        // A row vector (1×3) and a column vector (3×1): σ = its Euclidean norm, √(1 + 4 + 4) = 3.
        foreach (var (m, n) in new[] { (1, 3), (3, 1) })
        {
            var x = new double[] { 1, -2, 2 };
            var sx = new double[1];
            var u = new double[m];
            var vt = new double[n];
            Provider.Svd(m, n, x, sx, u, vt);
            NumericAssert.Close(3.0, sx[0], 1e-15);
            var vec = m == 1 ? vt : u;
            var sign = m == 1 ? u[0] : vt[0];
            NumericAssert.Close(1.0, Math.Abs(sign), 1e-15);
            NumericAssert.Close(new[] { 1 / 3.0, -2 / 3.0, 2 / 3.0 }, new[] { vec[0] * sign, vec[1] * sign, vec[2] * sign }, 1e-15);
        }
    }

    [ContractFact]
    public void Svd_thin_factors_are_orthonormal_and_reconstruct_tall_wide_and_square_inputs()
    {
        foreach (var (m, n) in new[] { (1, 1), (40, 7), (7, 40), (30, 30), (150, 60) })
        {
            var a = TestData.Gaussian(m, n, (m * 1000) + n);
            int r = Math.Min(m, n);
            var work = a.Clone();
            var s = new double[r];
            var u = new Matrix(m, r);
            var vt = new Matrix(r, n);
            Provider.Svd(m, n, work.Data, s, u.Data, vt.Data);
            for (int i = 0; i < r; i++)
            {
                Assert.True(s[i] >= 0 && (i == 0 || s[i - 1] >= s[i]), $"singular values must be non-negative and descending ({m}×{n}, {i})");
            }

            double scale = s[0];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double x = 0;
                    for (int p = 0; p < r; p++)
                    {
                        x += u[i, p] * s[p] * vt[p, j];
                    }

                    NumericAssert.Close(a[i, j], x, 0, 1e-13 * scale, $"U·S·Vᵀ {m}×{n} at ({i}, {j})");
                }
            }

            for (int i = 0; i < r; i++)
            {
                for (int j = 0; j < r; j++)
                {
                    double uu = 0, vv = 0;
                    for (int p = 0; p < m; p++)
                    {
                        uu += u[p, i] * u[p, j];
                    }

                    for (int p = 0; p < n; p++)
                    {
                        vv += vt[i, p] * vt[j, p];
                    }

                    NumericAssert.Close(i == j ? 1.0 : 0.0, uu, 0, 1e-13, $"UᵀU {m}×{n} ({i}, {j})");
                    NumericAssert.Close(i == j ? 1.0 : 0.0, vv, 0, 1e-13, $"VᵀV {m}×{n} ({i}, {j})");
                }
            }

            var s2 = new double[r];
            Provider.Svd(m, n, a.Clone().Data, s2, Span<double>.Empty, Span<double>.Empty);
            NumericAssert.Close(s, s2, 0, 1e-13 * scale, $"values-only SVD {m}×{n}");
        }
    }

    [ContractFact]
    public void Cholesky_of_known_matrices_gives_the_hand_derived_factor()
    {
        // [4 12 −16; 12 37 −43; −16 −43 98] = L·Lᵀ with L = [2 0 0; 6 1 0; −8 5 3].
        var a = new double[] { 4, 12, -16, 12, 37, -43, -16, -43, 98 };
        Assert.True(Provider.Cholesky(3, a));
        NumericAssert.Close(new double[] { 2, 0, 0, 6, 1, 0, -8, 5, 3 }, a, 1e-15);

        var one = new double[] { 9 };
        Assert.True(Provider.Cholesky(1, one));
        Assert.Equal(3.0, one[0]);
    }

    [ContractFact]
    public void Cholesky_reconstructs_reads_only_the_lower_triangle_and_zeroes_the_upper()
    {
        foreach (int n in new[] { 2, 33, 140 })
        {
            var a = LinearAlgebraReference.SymmetricPositiveDefinite(n, n);
            var l = a.Clone();
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    l[i, j] = double.MaxValue; // strictly upper: must not be read
                }
            }

            Assert.True(Provider.Cholesky(n, l.Data));
            double scale = LinearAlgebraReference.MaxAbs(a.Data);
            for (int i = 0; i < n; i++)
            {
                Assert.True(l[i, i] > 0);
                for (int j = 0; j < n; j++)
                {
                    if (j > i)
                    {
                        Assert.Equal(0.0, l[i, j]);
                    }

                    double x = 0;
                    for (int p = 0; p <= Math.Min(i, j); p++)
                    {
                        x += l[i, p] * l[j, p];
                    }

                    NumericAssert.Close(a[i, j], x, 0, 1e-14 * scale, $"L·Lᵀ n={n} ({i}, {j})");
                }
            }
        }
    }

    [ContractFact]
    public void Cholesky_returns_false_for_matrices_that_are_not_positive_definite()
    {
        Assert.False(Provider.Cholesky(2, new double[] { 1, 2, 2, 1 }));   // eigenvalues 3, −1
        Assert.False(Provider.Cholesky(2, new double[] { 1, 1, 1, 1 }));   // semidefinite: second pivot is exactly 0
        Assert.False(Provider.Cholesky(1, new double[] { -1 }));
        Assert.False(Provider.Cholesky(1, new double[] { 0 }));
        Assert.False(Provider.Cholesky(3, new double[] { 4, 0, 0, 0, -1, 0, 0, 0, 9 }));
    }

    [ContractFact]
    public void CholeskySolve_recovers_a_planted_solution()
    {
        foreach (var (n, nrhs) in new[] { (1, 1), (5, 1), (40, 3) })
        {
            var a = LinearAlgebraReference.SymmetricPositiveDefinite(n, 7 * n);
            var x = TestData.Gaussian(n, nrhs, n + 1);
            var b = Multiply(a, x);
            var l = a.Clone();
            Assert.True(Provider.Cholesky(n, l.Data));
            Provider.CholeskySolve(n, l.Data, nrhs, b.Data);

            // A = XᵀX + nI is well conditioned (κ ≲ 10), so the solution is accurate to a few ε.
            NumericAssert.Close(x.Data, b.Data, 0, 1e-12 * LinearAlgebraReference.MaxAbs(x.Data), $"n={n} nrhs={nrhs}");
        }
    }

    [ContractFact]
    public void Solve_recovers_a_planted_solution_and_reports_exactly_singular_matrices()
    {
        foreach (var (n, nrhs) in new[] { (1, 1), (6, 1), (50, 4) })
        {
            // Diagonally dominant, so well conditioned; not symmetric, so LU is really exercised.
            var a = TestData.Gaussian(n, n, 3 * n);
            for (int i = 0; i < n; i++)
            {
                a[i, i] += n + 2;
            }

            var x = TestData.Gaussian(n, nrhs, (5 * n) + 1);
            var b = Multiply(a, x);
            Assert.True(Provider.Solve(n, a.Clone().Data, nrhs, b.Data));
            NumericAssert.Close(x.Data, b.Data, 0, 1e-12 * LinearAlgebraReference.MaxAbs(x.Data), $"n={n} nrhs={nrhs}");
        }

        var two = new double[] { 2, 0, 0, 4 };
        var rhs = new double[] { 6, 2 };
        Assert.True(Provider.Solve(2, two, 1, rhs));
        Assert.Equal(new[] { 3.0, 0.5 }, rhs);

        // Singular with elimination multipliers that are powers of two, so the zero pivot is exactly zero.
        Assert.False(Provider.Solve(2, new double[] { 1, 2, 2, 4 }, 1, new double[] { 1, 1 }));
        Assert.False(Provider.Solve(3, new double[] { 4, 8, 12, 2, 4, 6, 1, 1, 1 }, 2, new double[6]));
        Assert.False(Provider.Solve(1, new double[] { 0 }, 1, new double[] { 1 }));
    }

    [ContractFact]
    public void Short_buffers_and_small_leading_dimensions_are_rejected_before_any_work()
    {
        var ex = Assert.Throws<ArgumentException>(() => Provider.Gemm(false, false, 2, 2, 2, 1, new double[3], 2, new double[4], 2, 0, new double[4], 2));
        Assert.Contains("A is 2×2 with leading dimension 2, which needs 4 values, but its buffer holds 3", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => Provider.Gemm(false, true, 2, 3, 2, 1, new double[4], 2, new double[6], 1, 0, new double[6], 3));
        Assert.Contains("leading dimension of B is 1; a row-major 3×2 matrix needs at least 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Provider.Gram(3, 2, 1, new double[6], 3, 0, new double[8]));
        Assert.Throws<ArgumentException>(() => Provider.SymmetricEigen(3, new double[9], new double[2], true));
        Assert.Throws<ArgumentException>(() => Provider.Svd(3, 2, new double[6], new double[2], new double[5], new double[4]));
        Assert.Throws<ArgumentException>(() => Provider.Cholesky(2, new double[3]));
        Assert.Throws<ArgumentException>(() => Provider.Solve(2, new double[4], 2, new double[3]));
    }

    [ContractFact]
    public void SetThreads_is_reflected_by_Threads()
    {
        int before = Provider.Threads;
        try
        {
            Provider.SetThreads(1);
            Assert.Equal(1, Provider.Threads);
            Provider.SetThreads(0);
            Assert.Equal(1, Provider.Threads);
        }
        finally
        {
            Provider.SetThreads(before);
        }
    }

    /// <summary>Eigenvalues 1..n spread over a few orders of magnitude, for a test C of dsyrk.</summary>
    private static double[] Spectrum(int n, int seed)
    {
        var w = new double[n];
        var rng = new SeededRandom(seed);
        for (int i = 0; i < n; i++)
        {
            w[i] = 0.1 + (10 * rng.NextDouble());
        }

        return w;
    }

    /// <summary>Naive A·X (the tests' own product, independent of the provider).</summary>
    protected static Matrix Multiply(Matrix a, Matrix x)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        var b = new Matrix(a.Rows, x.Columns);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < x.Columns; j++)
            {
                double s = 0;
                for (int p = 0; p < a.Columns; p++)
                {
                    s += a[i, p] * x[p, j];
                }

                b[i, j] = s;
            }
        }

        return b;
    }
}
