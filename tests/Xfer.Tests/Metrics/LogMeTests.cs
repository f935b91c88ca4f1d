using System;
using System.Linq;
using Xfer.Core;
using Xfer.Metrics;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Metrics;

public class LogMeTests
{
    /// <summary>log N(y; 0, FFᵀ/α + I/β) by a dense N×N Cholesky: the closed form LogME's eigen-formula must equal.</summary>
    private static double DenseEvidence(Matrix f, double[] y, double alpha, double beta)
    {
        int n = f.Rows;
        var cov = Linalg.Multiply(f, f, transposeB: true);
        for (int i = 0; i < cov.Data.Length; i++)
        {
            cov.Data[i] /= alpha;
        }

        for (int i = 0; i < n; i++)
        {
            cov[i, i] += 1 / beta;
        }

        var chol = Linalg.Cholesky(cov)!;
        var sol = chol.Solve(y);
        double quad = y.Zip(sol, (a, b) => a * b).Sum();
        return -0.5 * (chol.LogDeterminant + quad + (n * Math.Log(2 * Math.PI)));
    }

    private static (double[] Sigma, double[] X2, double Residual) Spectrum(Matrix f, double[] y)
    {
        // Via the SVD of F (a different decomposition from the metric's eigen route).
        var svd = Linalg.Svd(f);
        var keep = svd.Values.Select((s, i) => (s, i)).Where(t => t.s > 1e-12 * svd.Values[0]).ToArray();
        var sigma = keep.Select(t => t.s * t.s).ToArray();
        var x2 = keep.Select(t =>
        {
            double xi = 0;
            for (int r = 0; r < f.Rows; r++)
            {
                xi += svd.U![r, t.i] * y[r];
            }

            return xi * xi;
        }).ToArray();
        return (sigma, x2, y.Sum(v => v * v) - x2.Sum());
    }

    [Theory]
    [InlineData(30, 5, 1.0, 1.0)]
    [InlineData(30, 5, 0.3, 7.0)]
    [InlineData(12, 40, 2.0, 0.5)] // D > N: the (D − k)·log α term matters
    public void Closed_form_evidence_at_fixed_alpha_beta_equals_the_dense_gaussian_likelihood(int n, int d, double alpha, double beta)
    {
        var f = TestData.Gaussian(n, d, seed: n + d);
        var y = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? 1.0 : 0.0).ToArray();
        var (sigma, x2, res) = Spectrum(f, y);
        double closed = LogMe.Evidence(sigma, x2, res, n, d, alpha, beta);
        NumericAssert.Close(DenseEvidence(f, y, alpha, beta), closed, 1e-10);
    }

    [Fact]
    public void Maximised_evidence_is_stationary_in_alpha_and_beta()
    {
        var (x, y) = TestData.Clusters(120, 10, 3, 0.8, seed: 5);
        var r = LogMe.Score(x, y);
        Assert.True(r.Converged);
        for (int k = 0; k < y.ClassCount; k++)
        {
            var t = Enumerable.Range(0, x.Rows).Select(i => y[i] == k ? 1.0 : 0.0).ToArray();
            double at(double a, double b) => DenseEvidence(x, t, a, b) / x.Rows;
            double e0 = at(r.Alphas[k], r.Betas[k]);
            NumericAssert.Close(e0, r.ClassEvidence[k], 1e-10);
            foreach (double h in new[] { 1e-3, -1e-3 })
            {
                Assert.True(at(r.Alphas[k] * Math.Exp(h), r.Betas[k]) <= e0 + 1e-13);
                Assert.True(at(r.Alphas[k], r.Betas[k] * Math.Exp(h)) <= e0 + 1e-13);
            }
        }
    }

    [Fact]
    public void Wide_features_use_the_kernel_route_and_still_match_the_dense_form()
    {
        var (x, y) = TestData.Clusters(20, 60, 2, 1.0, seed: 9);
        var r = LogMe.Score(x, y);
        for (int k = 0; k < 2; k++)
        {
            var t = Enumerable.Range(0, x.Rows).Select(i => y[i] == k ? 1.0 : 0.0).ToArray();
            NumericAssert.Close(DenseEvidence(x, t, r.Alphas[k], r.Betas[k]) / x.Rows, r.ClassEvidence[k], 1e-9);
        }
    }
}
