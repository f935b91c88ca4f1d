using System;
using System.Linq;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Metrics;

/// <summary>Hand-derived cases and documented properties of the suite metrics (values from the formulas, not from the code).</summary>
public class SuiteMetricsPropertyTests
{
    private static Matrix Column(params double[] v) => Matrix.FromRows(v.Select(x => new[] { x }).ToArray());

    [Theory]
    [InlineData(GbcGaussianType.Spherical)]
    [InlineData(GbcGaussianType.Diagonal)]
    public void Gbc_of_two_unit_variance_classes_four_apart_is_minus_two_e_to_the_minus_two(GbcGaussianType type)
    {
        // 1-D: class 0 = {−1, −3} (mean −2, biased variance 1), class 1 = {1, 3} (mean 2, variance 1). PCA of one column is the
        // centred column. D_B = ⅛·4²/1 + ½·(log 1 − ½ log 1 − ½ log 1) = 2 for each ordered pair: GBC = −2·e⁻².
        var r = Gbc.Score(Column(-1, -3, 1, 3), ClassLabels.FromIndices([0, 0, 1, 1]), new GbcOptions(GaussianType: type));
        NumericAssert.Close(-2 * Math.Exp(-2), r.Score, 1e-14);
        Assert.Equal(1, r.Components);
    }

    [Fact]
    public void Gbc_floors_zero_variances_at_1e_minus_4()
    {
        // Constant classes {0, 0} and {1, 1}: variances floored to 1e-4, D_B = ⅛·1/1e-4 = 1250, BC = e^-1250 = 0.
        var r = Gbc.Score(Column(0, 0, 1, 1), ClassLabels.FromIndices([0, 0, 1, 1]));
        Assert.Equal(0.0, r.Score);
        // Two classes 0.01 apart with unit-spaced spread: D_B = ⅛·0.01²/σ̄ + 0 exactly when both variances are equal.
        var close = Gbc.Score(Column(-1, 1, -0.99, 1.01), ClassLabels.FromIndices([0, 0, 1, 1]));
        NumericAssert.Close(-2 * Math.Exp(-0.01 * 0.01 / 8), close.Score, 1e-14);
    }

    [Fact]
    public void Gbc_spherical_log_term_is_not_multiplied_by_the_dimension()
    {
        // Two 2-D classes with equal means and per-class variances (1, 1) and (4, 4): spherical σ = 1 and 4, σ̄ = 2.5;
        // the reference's D_B = ½·[log 2.5 − ½ log 1 − ½ log 4] (once, not twice as an isotropic 2-D Gaussian would give).
        double db = 0.5 * (Math.Log(2.5) - (0.5 * Math.Log(4)));
        double expected = -2 * Math.Exp(-db);
        NumericAssert.Close(expected, -2 * Math.Exp(-Gbc.BhattacharyyaDistance([0, 0], [0, 0], [1], [4])), 1e-15);
        NumericAssert.Close(-2 * Math.Exp(-2 * db), -2 * Math.Exp(-Gbc.BhattacharyyaDistance([0, 0], [0, 0], [1, 1], [4, 4])), 1e-15);
    }

    [Fact]
    public void Shrinkage_hscore_with_one_feature_is_n_over_n_minus_1_times_the_hscore()
    {
        // D = 1: scikit-learn's shrinkage is 0, cov_α = S_T/N, and cov(g) keeps the N − 1 denominator: H_α = N/(N − 1)·H.
        var (x, y) = TestData.Clusters(40, 1, 3, 1.0, seed: 4);
        var r = HScoreShrinkage.Score(x, y);
        Assert.Equal(0.0, r.Shrinkage);
        NumericAssert.Close(40.0 / 39.0 * HScore.Score(x, y).Score, r.Score, 1e-12);
    }

    [Fact]
    public void LogMe_thuml_agrees_with_the_exact_evidence_when_N_is_much_larger_than_D()
    {
        var (x, y) = TestData.Clusters(2000, 12, 4, 0.8, seed: 8);
        double thuml = LogMeThuml.Score(x, y).Score, exact = LogMe.Score(x, y).Score;
        // The evidence is stationary at the optimum, so the early stop (1e-3 on λ) and the 1e-5 fudges change it only slightly.
        NumericAssert.Close(exact, thuml, 1e-4);
        Assert.NotEqual(exact, thuml);
    }

    [Theory]
    [InlineData(TransRateOfficialVariant.Centralized)]
    [InlineData(TransRateOfficialVariant.Projection)]
    public void TransRate_official_is_invariant_to_the_feature_scale(TransRateOfficialVariant variant)
    {
        // Row normalisation (centralized) and the trace normalisation of the eigenvalues (projection) remove the scale.
        var (x, y) = TestData.Clusters(90, 6, 3, 1.0, seed: 5);
        var scaled = x.Clone();
        for (int i = 0; i < scaled.Data.Length; i++)
        {
            scaled.Data[i] *= 37.5;
        }

        var o = new TransRateOfficialOptions(Variant: variant);
        NumericAssert.Close(TransRateOfficial.Score(x, y, o).Score, TransRateOfficial.Score(scaled, y, o).Score, 1e-10);
    }

    [Fact]
    public void Sfda_with_a_fixed_shrinkage_is_scale_invariant_the_adaptive_one_is_not()
    {
        var (x, y) = TestData.Clusters(120, 5, 3, 1.0, seed: 6);
        var scaled = x.Clone();
        for (int i = 0; i < scaled.Data.Length; i++)
        {
            scaled.Data[i] *= 0.3;
        }

        var fixedShrinkage = new SfdaOptions(0.05);
        NumericAssert.Close(Sfda.Score(x, y, fixedShrinkage).Score, Sfda.Score(scaled, y, fixedShrinkage).Score, 1e-10);
        var a = Sfda.Score(x, y);
        var b = Sfda.Score(scaled, y);
        Assert.True(b.Shrinkage > 10 * a.Shrinkage, $"shrinkage {a.Shrinkage} vs {b.Shrinkage}: exp(−5·λ_max) grows as the features shrink");
    }

    [Fact]
    public void Ncti_terms_are_invariant_to_rotating_and_translating_the_features()
    {
        // PCA first: the components only change sign, to which LDA, nuclear norms and probabilities are blind.
        var (x, y) = TestData.Clusters(150, 10, 4, 1.0, seed: 12);
        var svd = Linalg.Svd(TestData.Gaussian(10, 10, 99));
        var rotated = Linalg.Multiply(x, Linalg.Multiply(svd.U!, svd.VT!));
        var shifted = x.Clone();
        for (int i = 0; i < shifted.Rows; i++)
        {
            for (int j = 0; j < shifted.Columns; j++)
            {
                shifted[i, j] += 5 - j;
            }
        }

        var a = Ncti.Components(x, y);
        foreach (var other in new[] { Ncti.Components(rotated, y), Ncti.Components(shifted, y) })
        {
            NumericAssert.Close(a.Seli, other.Seli, 1e-9);
            NumericAssert.Close(a.Ncc, other.Ncc, 1e-9);
            NumericAssert.Close(a.Vc, other.Vc, 1e-9);
        }
    }

    [Fact]
    public void ETran_released_classifier_is_the_nearest_class_mean_rule()
    {
        // Hand check: 1-D, class means −1 and +1, equal priors: p(1|x) = σ(x·(1 − (−1)) − ½(1 − 1)) = σ(2x).
        var x = Column(-1.5, -0.5, 0.5, 1.5);
        var y = ClassLabels.FromIndices([0, 0, 1, 1]);
        double expected = (Sigmoid(3) + Sigmoid(1) + Sigmoid(1) + Sigmoid(3)) / 4;
        NumericAssert.Close(expected, ETran.Components(x, y).Lda, 1e-14);

        static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));
    }

    [Fact]
    public void ETran_uses_at_least_one_sample_for_the_energy_and_says_so_when_N_is_small()
    {
        var (x, y) = TestData.Clusters(150, 4, 3, 1.0, seed: 2);
        var metric = (IPoolRelativeMetric)MetricCatalog.Find("etran");
        var c = metric.ComputeComponents(new TransferTask(x, y), new MetricSettings(), CancellationToken.None);
        Assert.Equal(1.0, c.Values["energySamples"]);
        Assert.Contains(c.Warnings!, w => w.Contains("too small", StringComparison.Ordinal));
        var min = Enumerable.Range(0, x.Rows).Min(i =>
        {
            var row = x.Row(i).ToArray();
            double m = row.Max();
            return m + Math.Log(row.Sum(v => Math.Exp(v - m)));
        });
        NumericAssert.Close(min, c.Values["energy"], 1e-14);
        Assert.Equal(5, ETran.EnergySampleCount(1000, 0.5));
        Assert.Equal(1, ETran.EnergySampleCount(399, 0.5));
        Assert.Equal(2, ETran.EnergySampleCount(400, 0.5));
    }
}
