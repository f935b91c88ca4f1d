using System;
using Xfer.Evaluation.Correlation;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Evaluation;

public class WeightedTauBootstrapTests
{
    private static readonly double[] Accuracy = [96.2, 97.5, 96.8, 97.7, 97.9, 97.2, 97.4, 97.4, 95.7, 96.8];
    private static readonly double[] HScore = [5.911, 6.363, 6.567, 6.901, 6.945, 6.210, 6.547, 6.706, 5.928, 6.018];
    private static readonly double[] Leep = [-1.385, -1.259, -1.010, -0.829, -0.838, -1.035, -0.934, -0.888, -1.100, -1.066];

    [Fact]
    public void Percentile_interpolates_linearly_like_numpy()
    {
        // numpy.percentile([1, 2, 3, 4], [2.5, 50, 97.5]) = [1.075, 2.5, 3.925].
        double[] sorted = [1, 2, 3, 4];
        NumericAssert.Close(1.075, WeightedTauBootstrap.Percentile(sorted, 0.025), 1e-14);
        NumericAssert.Close(2.5, WeightedTauBootstrap.Percentile(sorted, 0.5), 1e-15);
        NumericAssert.Close(3.925, WeightedTauBootstrap.Percentile(sorted, 0.975), 1e-14);
    }

    [Fact]
    public void Interval_brackets_the_estimate_and_is_reproducible()
    {
        var options = new BootstrapOptions(Resamples: 500, Seed: 11);
        var a = WeightedTauBootstrap.Interval(HScore, Accuracy, options);
        var b = WeightedTauBootstrap.Interval(HScore, Accuracy, options);
        Assert.Equal(a, b);
        NumericAssert.Close(WeightedTau.Compute(HScore, Accuracy), a.Estimate, 0);
        Assert.True(a.Lower < a.Estimate && a.Estimate <= a.Upper + 1e-12, $"interval [{a.Lower}, {a.Upper}] around {a.Estimate}");
        Assert.True(a.Upper <= 1.0 && a.Lower >= -1.0);
        Assert.True(a.Valid > 490, $"only {a.Valid} usable resamples");
        Assert.NotEqual(a, WeightedTauBootstrap.Interval(HScore, Accuracy, options with { Seed = 12 }));
    }

    [Fact]
    public void Perfect_agreement_stays_at_one_and_degenerate_resamples_are_dropped()
    {
        // With 3 candidates, some resamples draw one candidate three times (τ_w undefined); they are dropped, and every
        // other resample of a perfectly ordered pool has τ_w = 1.
        double[] s = [1, 2, 3];
        var r = WeightedTauBootstrap.Interval(s, s, new BootstrapOptions(Resamples: 400, Seed: 3));
        Assert.True(r.Valid < 400 && r.Valid > 300, $"valid {r.Valid}: P(all three draws equal) = 1/9");
        NumericAssert.Close(1.0, r.Lower, 1e-12);
        NumericAssert.Close(1.0, r.Upper, 1e-12);
    }

    [Fact]
    public void Paired_comparison_of_two_metrics_uses_the_same_resamples()
    {
        var options = new BootstrapOptions(Resamples: 300, Seed: 5);
        var self = WeightedTauBootstrap.Compare(HScore, HScore, Accuracy, options);
        Assert.Equal(0.0, self.Difference.Estimate);
        Assert.Equal(0.0, self.Difference.Lower);
        Assert.Equal(0.0, self.Difference.Upper);
        Assert.Equal(0.5, self.ProbabilityAGreater);

        var c = WeightedTauBootstrap.Compare(HScore, Leep, Accuracy, options);
        NumericAssert.Close(WeightedTau.Compute(HScore, Accuracy) - WeightedTau.Compute(Leep, Accuracy), c.Difference.Estimate, 1e-15);
        Assert.InRange(c.ProbabilityAGreater, 0.0, 1.0);
        Assert.True(c.Difference.Lower <= c.Difference.Upper);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedTauBootstrap.Interval(HScore, Accuracy, new BootstrapOptions(Resamples: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedTauBootstrap.Interval(HScore, Accuracy, new BootstrapOptions(Confidence: 1.0)));
    }
}
