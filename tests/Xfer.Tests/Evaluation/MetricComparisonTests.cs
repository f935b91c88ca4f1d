using System.Collections.Generic;
using System.Linq;
using Xfer.Evaluation.Correlation;
using Xfer.Evaluation.Harness;
using Xunit;

namespace Xfer.Tests.Evaluation;

/// <summary>Which metric the paired bootstrap comparisons are made against.</summary>
public class MetricComparisonTests
{
    [Fact]
    public void The_reference_metric_is_the_best_among_those_that_scored_every_candidate()
    {
        // Truth order a > b > c > d. "partial" skips d and ranks a, b, c perfectly (τ_w = 1 on its three); "full" scores all
        // four with the two middle ones swapped (τ_w < 1); "poor" scores all four in reverse. The leader must be "full":
        // "partial"'s τ_w is measured on a smaller pool.
        var truth = new[] { new KeyValuePair<string, double>("a", 0.9), new("b", 0.8), new("c", 0.7), new("d", 0.6) };
        var partial = new MetricScores("partial", "partial", true, new Dictionary<string, double> { ["a"] = 3, ["b"] = 2, ["c"] = 1 });
        var full = new MetricScores("full", "full", true, new Dictionary<string, double> { ["a"] = 4, ["b"] = 2, ["c"] = 3, ["d"] = 1 });
        var poor = new MetricScores("poor", "poor", true, new Dictionary<string, double> { ["a"] = 1, ["b"] = 2, ["c"] = 3, ["d"] = 4 });
        var metrics = new[] { partial, full, poor };
        var bootstrap = new BootstrapOptions(200, 0.95, 1);
        var agreements = MetricAgreements.Compute(metrics, truth, new RankAgreementOptions(null, bootstrap));
        Assert.Equal(1.0, agreements.Single(a => a.MetricId == "partial").Agreement!.WeightedTau, 12);
        Assert.True(agreements.Single(a => a.MetricId == "full").Agreement!.WeightedTau < 1);

        var comparisons = MetricAgreements.CompareWithBest(metrics, truth, agreements, bootstrap);
        Assert.All(comparisons, c => Assert.Equal("full", c.MetricA));
        Assert.Equal(["partial", "poor"], comparisons.Select(c => c.MetricB).Order());
        Assert.Equal(3, comparisons.Single(c => c.MetricB == "partial").Candidates);
        Assert.Equal(4, comparisons.Single(c => c.MetricB == "poor").Candidates);
    }
}
