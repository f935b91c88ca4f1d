using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Evaluation.Correlation;
using Xfer.Evaluation.Harness;
using Xfer.Evaluation.Probing;
using Xfer.Metrics;
using Xfer.Metrics.Catalog;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Evaluation;

public class EvaluationHarnessTests
{
    /// <summary>A test metric: the separation the candidate was generated with, negated (lower is better), read from a lookup.</summary>
    private sealed class NegatedSeparation(Dictionary<string, double> separation) : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new("negsep", "NegSep", "none", MetricInputs.Features, HigherIsBetter: false, PoolRelative: false, Stochastic: false, "O(1)", "test");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken) => new(-separation[task.Name]);
    }

    /// <summary>A pool-relative test metric: each candidate's feature dimension divided by the pool's largest.</summary>
    private sealed class RelativeWidth : IPoolRelativeMetric
    {
        public MetricDescriptor Descriptor { get; } = new("relwidth", "RelWidth", "none", MetricInputs.Features, HigherIsBetter: true, PoolRelative: true, Stochastic: false, "O(1)", "test");

        public PoolComponents ComputeComponents(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
            => new(new Dictionary<string, double> { ["width"] = task.FeatureCount });

        public IReadOnlyList<MetricValue> Combine(IReadOnlyList<PoolComponents> pool, MetricSettings settings)
        {
            double max = pool.Max(p => p.Values["width"]);
            return pool.Select(p => new MetricValue(p.Values["width"] / max)).ToList();
        }
    }

    /// <summary>A metric that can never be computed.</summary>
    private sealed class Broken : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new("broken", "Broken", "none", MetricInputs.Features, true, false, false, "O(1)", "test");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken) => throw new MetricUnavailableException("always unavailable");
    }

    private static (ClassLabels Labels, List<EvaluationCandidate> Pool, Dictionary<string, double> Separation) Pool()
    {
        const int n = 240, c = 3;
        var y = Enumerable.Range(0, n).Select(i => i % c).ToArray();
        var labels = ClassLabels.FromIndices(y);
        var separation = new Dictionary<string, double> { ["weak"] = 0.1, ["mid"] = 0.6, ["strong"] = 2.0, ["best"] = 4.0 };
        var pool = separation.Select((kv, index) => new EvaluationCandidate(kv.Key, () =>
        {
            int d = 4 + index;
            var (x, _) = TestData.Clusters(n, d, c, kv.Value, seed: 10 + index);
            return new CandidateData(x, null, null);
        })).ToList();
        return (labels, pool, separation);
    }

    [Fact]
    public void Scores_probes_and_correlates_a_pool_end_to_end()
    {
        var (labels, pool, separation) = Pool();
        var options = new EvaluationOptions
        {
            Metrics = [new NegatedSeparation(separation), new RelativeWidth(), new Broken()],
            Probe = new LinearProbeOptions { Folds = 3, L2Grid = [1e-3, 1e-1] },
            Agreement = new RankAgreementOptions([1, 2], new BootstrapOptions(Resamples: 200)),
            Seed = 4,
        };
        var report = EvaluationHarness.Run(labels, null, pool, options);

        Assert.Equal(["weak", "mid", "strong", "best"], report.Candidates.Select(c => c.Name));
        Assert.All(report.Candidates, c => Assert.Equal(48, c.TestSamples)); // 20 % of 240, stratified
        var acc = report.Candidates.Select(c => c.Truth.Accuracy).ToArray();
        Assert.True(acc[0] < acc[1] && acc[1] < acc[2] && acc[2] <= acc[3], "accuracy should grow with separation: " + string.Join(", ", acc));

        // The lower-is-better metric ranks perfectly once flipped; its measures match a direct computation.
        var neg = report.Agreements.Single(a => a.MetricId == "negsep");
        Assert.False(neg.HigherIsBetter);
        var expected = RankAgreement.Compute(separation.Values.Select(v => -v).ToArray(), acc, higherIsBetter: false, options.Agreement with { Bootstrap = new BootstrapOptions(200, 0.95, 4) });
        Assert.Equal(expected.WeightedTau, neg.Agreement!.WeightedTau);
        Assert.Equal(expected.Kendall, neg.Agreement.Kendall);
        Assert.Equal(1.0, neg.Agreement.Top1RelativeAccuracy);

        // The pool-relative metric was computed over the whole pool; the broken one is reported, not fatal.
        Assert.Equal([4.0 / 7, 5.0 / 7, 6.0 / 7, 1.0], report.Candidates.Select(c => c.Scores.Single(s => s.Metric.Id == "relwidth").Value!.Value));
        var broken = report.Agreements.Single(a => a.MetricId == "broken");
        Assert.Null(broken.Agreement);
        Assert.Contains(broken.Notes, n => n.Contains("always unavailable", StringComparison.Ordinal));
        Assert.Contains(report.Comparisons, c => c.MetricB == "relwidth" || c.MetricA == "relwidth");
        Assert.Contains("seed 4", report.Provenance.Split, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_tables_round_trip_through_the_correlate_readers()
    {
        var (labels, pool, separation) = Pool();
        var options = new EvaluationOptions
        {
            Metrics = [new NegatedSeparation(separation), new RelativeWidth()],
            Probe = new LinearProbeOptions { FixedL2 = 1e-2 },
            Agreement = new RankAgreementOptions([1, 3], null),
        };
        var report = EvaluationHarness.Run(labels, null, pool, options);
        var dir = Path.Combine(Path.GetTempPath(), "xfer-eval-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            EvaluationReportWriter.WriteAll(report, dir, "test");
            Assert.All(EvaluationReportWriter.FileNames, f => Assert.True(File.Exists(Path.Combine(dir, f)), f));
            var rows = ScoreTables.ReadScores("scores.csv", new StringReader(File.ReadAllText(Path.Combine(dir, "scores.csv"))));
            var truth = ScoreTables.ReadTruth("truth.csv", new StringReader(File.ReadAllText(Path.Combine(dir, "truth.csv"))));
            var (tables, source) = ScoreTables.ToMetricScores("scores.csv", rows, _ => null);
            Assert.Equal("file", source["negsep"]); // the direction travels in the 4th column
            var again = MetricAgreements.Compute(tables, truth, options.Agreement);
            static string[] Taus(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[6]).ToArray();
            Assert.Equal(2, Taus(AgreementOutput.Csv(report.Agreements, [1, 3])).Length);
            Assert.Equal(Taus(AgreementOutput.Csv(report.Agreements, [1, 3])), Taus(AgreementOutput.Csv(again, [1, 3])));
            string summary = File.ReadAllText(Path.Combine(dir, "summary.md"));
            Assert.Contains("xfer test", summary, StringComparison.Ordinal);
            Assert.Contains("fixed l2=0.01", summary, StringComparison.Ordinal);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "eval.json")));
            Assert.Equal(4, json.RootElement.GetProperty("candidates").GetArrayLength());
            Assert.True(json.RootElement.GetProperty("metrics")[0].TryGetProperty("weightedTau", out _));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Separate_test_labels_are_mapped_by_class_name()
    {
        var train = ClassLabels.FromIntegers([3L, 5, 7, 3, 5, 7]);
        var test = ClassLabels.FromIntegers([7L, 5, 7]); // class indices 0,1 here but 2,1 in training
        Assert.Equal([2, 1, 2], EvaluationHarness.MapTestLabels(train, test));
        var unseen = ClassLabels.FromIntegers([9L, 3]);
        var e = Assert.Throws<XferException>(() => EvaluationHarness.MapTestLabels(train, unseen));
        Assert.Contains("'9'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_pools_are_one_line_user_errors()
    {
        var (labels, pool, _) = Pool();
        Assert.Throws<XferException>(() => EvaluationHarness.Run(labels, null, pool.Take(1).ToList()));
        Assert.Throws<XferException>(() => EvaluationHarness.Run(labels, null, [pool[0], pool[0]]));
        var shortRows = new EvaluationCandidate("short", () => new CandidateData(new Matrix(10, 3), null, null));
        var e = Assert.Throws<XferException>(() => EvaluationHarness.Run(labels, null, [pool[0], shortRows], new EvaluationOptions { Metrics = [] }));
        Assert.Contains("short", e.Message, StringComparison.Ordinal);
    }
}
