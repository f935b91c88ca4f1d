using System;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics;

/// <summary>
/// Native and managed providers give the same answers on random inputs, to 1e-10 relative to the largest entry
/// (the products agree to about 1e-15; the decompositions differ in algorithm, not in result).
/// </summary>
[RequiresNativeLinearAlgebra]
public sealed class ProviderAgreementTests
{
    private const double Tolerance = 1e-10;

    private readonly Lazy<NativeLinearAlgebraProvider> _native = new(() => new NativeLinearAlgebraProvider());
    private readonly ManagedLinearAlgebraProvider _managed = new();

    [ContractFact]
    public void Gemm_agrees_for_every_transpose_combination_with_padded_leading_dimensions()
    {
        int seed = 1;
        foreach (var (m, n, k) in new[] { (5, 3, 4), (70, 90, 300), (257, 130, 61) })
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    int lda = (ta ? m : k) + 7, ldb = (tb ? k : n) + 1, ldc = n + 3;
                    var a = TestData.Gaussian(ta ? k : m, lda, seed++).Data;
                    var b = TestData.Gaussian(tb ? n : k, ldb, seed++).Data;
                    var c1 = TestData.Gaussian(m, ldc, seed++).Data;
                    var c2 = (double[])c1.Clone();
                    _native.Value.Gemm(ta, tb, m, n, k, -1.25, a, lda, b, ldb, 2.0, c1, ldc);
                    _managed.Gemm(ta, tb, m, n, k, -1.25, a, lda, b, ldb, 2.0, c2, ldc);
                    AssertAgree(c1, c2, $"gemm {m}×{n}×{k} transA={ta} transB={tb}");
                }
            }
        }
    }

    [ContractFact]
    public void Gram_agrees()
    {
        foreach (var (n, k) in new[] { (1, 1), (40, 10), (200, 333) })
        {
            var a = TestData.Gaussian(k, n + 2, n).Data;
            var g1 = new double[n * n];
            var g2 = new double[n * n];
            _native.Value.Gram(n, k, 1.0, a, n + 2, 0.0, g1);
            _managed.Gram(n, k, 1.0, a, n + 2, 0.0, g2);
            AssertAgree(g1, g2, $"gram n={n} k={k}");
        }
    }

    [ContractFact]
    public void Eigenvalues_and_eigenvectors_agree_up_to_sign()
    {
        // Well-separated planted spectrum, so each eigenvector is determined up to sign.
        int n = 60;
        var spectrum = new double[n];
        for (int i = 0; i < n; i++)
        {
            spectrum[i] = (i * 0.75) - 20;
        }

        var a = LinearAlgebraReference.SymmetricWithSpectrum(spectrum, 11);
        var (w1, v1) = Eigen(_native.Value, a);
        var (w2, v2) = Eigen(_managed, a);
        AssertAgree(w1, w2, "eigenvalues");
        for (int j = 0; j < n; j++)
        {
            double dot = 0;
            for (int i = 0; i < n; i++)
            {
                dot += v1[i, j] * v2[i, j];
            }

            NumericAssert.Close(1.0, Math.Abs(dot), Tolerance, 0, $"eigenvector {j}");
        }

        // And on an unstructured random symmetric matrix (values only).
        var r = TestData.Gaussian(90, 90, 12);
        for (int i = 0; i < 90; i++)
        {
            for (int j = 0; j < i; j++)
            {
                r[i, j] = r[j, i];
            }
        }

        AssertAgree(Eigen(_native.Value, r).Values, Eigen(_managed, r).Values, "random symmetric eigenvalues");
    }

    [ContractFact]
    public void Singular_values_agree_for_tall_wide_and_square()
    {
        foreach (var (m, n) in new[] { (80, 30), (30, 80), (45, 45), (1, 9) })
        {
            var a = TestData.Gaussian(m, n, m + n);
            int r = Math.Min(m, n);
            var s1 = new double[r];
            var s2 = new double[r];
            _native.Value.Svd(m, n, a.Clone().Data, s1, new double[m * r], new double[r * n]);
            _managed.Svd(m, n, a.Clone().Data, s2, new double[m * r], new double[r * n]);
            AssertAgree(s1, s2, $"singular values {m}×{n}");
        }
    }

    [ContractFact]
    public void Cholesky_factors_and_solves_agree()
    {
        int n = 70;
        var a = LinearAlgebraReference.SymmetricPositiveDefinite(n, 21);
        var l1 = a.Clone();
        var l2 = a.Clone();
        Assert.True(_native.Value.Cholesky(n, l1.Data));
        Assert.True(_managed.Cholesky(n, l2.Data));
        AssertAgree(l1.Data, l2.Data, "Cholesky factor");

        var b = TestData.Gaussian(n, 3, 22);
        var x1 = b.Clone();
        var x2 = b.Clone();
        _native.Value.CholeskySolve(n, l1.Data, 3, x1.Data);
        _managed.CholeskySolve(n, l2.Data, 3, x2.Data);
        AssertAgree(x1.Data, x2.Data, "Cholesky solve");

        var g = TestData.Gaussian(n, n, 23);
        for (int i = 0; i < n; i++)
        {
            g[i, i] += n;
        }

        var y1 = b.Clone();
        var y2 = b.Clone();
        Assert.True(_native.Value.Solve(n, g.Clone().Data, 3, y1.Data));
        Assert.True(_managed.Solve(n, g.Clone().Data, 3, y2.Data));
        AssertAgree(y1.Data, y2.Data, "LU solve");
    }

    private static (double[] Values, Matrix Vectors) Eigen(ILinearAlgebraProvider p, Matrix a)
    {
        var v = a.Clone();
        var w = new double[a.Rows];
        p.SymmetricEigen(a.Rows, v.Data, w, computeVectors: true);
        return (w, v);
    }

    private static void AssertAgree(double[] expected, double[] actual, string what)
        => NumericAssert.Close(expected, actual, 0, Tolerance * LinearAlgebraReference.MaxAbs(expected), what);
}
