using System;
using Xfer.Evaluation.Correlation;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Evaluation;

/// <summary>Every correlation on vectors small enough to derive by hand (derivations in the comments).</summary>
public class CorrelationHandComputedTests
{
    // x = [1,2,3], y = [1,3,2]: centred x = [−1,0,1], y = [−1,1,0]; Σxy = 1, Σx² = Σy² = 2 ⇒ r = 1/2.
    // Pairs: (0,1) +, (0,2) +, (1,2) − ⇒ P − Q = 1 of 3 untied pairs ⇒ τ_b = 1/3.
    // Weighted τ, ranks by decreasing x: [2,1,0] ⇒ weights 1/(r+1) = [1/3, 1/2, 1]; pair weights 5/6, 4/3, 3/2;
    // numerator 5/6 + 4/3 − 3/2 = 2/3, both denominators 11/3 ⇒ 2/11; the y-direction gives 2/11 too.
    private static readonly double[] X = [1, 2, 3];
    private static readonly double[] Y = [1, 3, 2];

    // With ties: x = [1,1,2], y = [1,2,2]. Average ranks [1.5,1.5,3] and [1,2.5,2.5] ⇒ ρ = 0.75/1.5 = 1/2 (Pearson on the
    // raw values is the same 1/2). Pairs: (0,1) tied in x, (0,2) concordant, (1,2) tied in y ⇒ τ_b = 1/(√2·√2) = 1/2.
    // Weighted τ: ranks [2,1,0] in both directions; numerator 4/3 (pair (0,2)); x-denominator 4/3 + 3/2 = 17/6,
    // y-denominator 5/6 + 4/3 = 13/6 ⇒ τ_w = (4/3)/√(17·13/36) = 8/√221.
    private static readonly double[] XTied = [1, 1, 2];
    private static readonly double[] YTied = [1, 2, 2];

    [Fact]
    public void Pearson_without_and_with_ties()
    {
        NumericAssert.Close(0.5, PearsonCorrelation.Compute(X, Y), 1e-15);
        NumericAssert.Close(0.5, PearsonCorrelation.Compute(XTied, YTied), 1e-15);
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties()
    {
        NumericAssert.Close(0.5, SpearmanCorrelation.Compute(X, Y), 1e-15);
        NumericAssert.Close(0.5, SpearmanCorrelation.Compute(XTied, YTied), 1e-15);
        Assert.Equal([1.5, 1.5, 3.0], Ranks.Average(XTied));
        Assert.Equal([1.0, 2.5, 2.5, 4.0], Ranks.Average([10.0, 20.0, 20.0, 30.0]));
    }

    [Fact]
    public void Kendall_tau_b_drops_tied_pairs_from_each_denominator()
    {
        NumericAssert.Close(1.0 / 3.0, KendallTau.Compute(X, Y), 1e-15);
        NumericAssert.Close(0.5, KendallTau.Compute(XTied, YTied), 1e-15);
    }

    [Fact]
    public void Weighted_tau_hand_derived()
    {
        NumericAssert.Close(2.0 / 11.0, WeightedTau.Compute(X, Y), 1e-15);
        NumericAssert.Close(8.0 / Math.Sqrt(221.0), WeightedTau.Compute(XTied, YTied), 1e-15);
    }

    [Fact]
    public void Weighted_tau_weighs_the_top_more_than_the_bottom()
    {
        // Swapping the two best candidates costs more than swapping the two worst.
        double[] truth = [5, 4, 3, 2, 1];
        double topSwap = WeightedTau.Compute([4, 5, 3, 2, 1], truth);
        double bottomSwap = WeightedTau.Compute([5, 4, 3, 1, 2], truth);
        Assert.True(topSwap < bottomSwap, $"top swap {topSwap} should score below bottom swap {bottomSwap}");
        NumericAssert.Close(1.0, WeightedTau.Compute(truth, truth), 1e-15);
        NumericAssert.Close(-1.0, WeightedTau.Compute([1, 2, 3, 4, 5], truth), 1e-15);
    }

    [Fact]
    public void Undefined_cases_are_NaN_as_in_SciPy()
    {
        Assert.True(double.IsNaN(PearsonCorrelation.Compute([1.0], [2.0])));
        Assert.True(double.IsNaN(PearsonCorrelation.Compute([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])));
        Assert.True(double.IsNaN(SpearmanCorrelation.Compute([1.0, 2.0], [3.0, 3.0])));
        Assert.True(double.IsNaN(KendallTau.Compute([2.0, 2.0], [1.0, 3.0])));
        Assert.True(double.IsNaN(WeightedTau.Compute([], [])));
        Assert.True(double.IsNaN(WeightedTau.Compute([4.0, 4.0, 4.0], [1.0, 2.0, 3.0])));
    }

    [Fact]
    public void Two_points_give_the_exact_sign()
    {
        Assert.Equal(-1.0, PearsonCorrelation.Compute([1.0, 2.0], [5.0, 3.0]));
        Assert.Equal(1.0, KendallTau.Compute([1.0, 2.0], [3.0, 5.0]));
    }

    [Fact]
    public void Mismatched_lengths_and_non_finite_values_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PearsonCorrelation.Compute([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => WeightedTau.Compute([1.0, double.NaN], [1.0, 2.0]));
    }

    [Fact]
    public void Lower_is_better_metrics_are_flipped_before_correlating()
    {
        double[] distances = [3, 1, 2];
        double[] truth = [1, 3, 2];
        var agreement = RankAgreement.Compute(distances, truth, higherIsBetter: false);
        NumericAssert.Close(1.0, agreement.Pearson, 1e-15);
        NumericAssert.Close(1.0, agreement.WeightedTau, 1e-15);
        NumericAssert.Close(1.0, agreement.Top1RelativeAccuracy, 1e-15);
        NumericAssert.Close(-1.0, RankAgreement.Compute(distances, truth, higherIsBetter: true).Kendall, 1e-15);
    }
}
