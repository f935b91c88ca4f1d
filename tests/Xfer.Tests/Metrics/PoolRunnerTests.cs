using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Metrics;
using Xfer.Metrics.Catalog;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Metrics;

/// <summary>The pool runner of <c>xfer rank</c> and the pool-relative metrics' pool behaviour.</summary>
public class PoolRunnerTests
{
    private static readonly ITransferabilityMetric NctiMetric = MetricCatalog.Find("ncti");
    private static readonly ITransferabilityMetric ETranMetric = MetricCatalog.Find("etran");

    /// <summary>The fixture pool of generate_suite_metrics.py (4 candidates of widths 80, 48, 100, 64 on the same 400 labels).</summary>
    private static (ClassLabels Labels, List<(string Name, Matrix F, JsonElement Expected)> Pool) FixturePool()
    {
        using var doc = Fixtures.Json("metrics", "suite_metrics.json");
        var pool = doc.RootElement.GetProperty("pool");
        var y = SplitMixData.Labels(pool.GetProperty("labelSeed").GetUInt64(), pool.GetProperty("n").GetInt32(), pool.GetProperty("c").GetInt32());
        var list = pool.GetProperty("candidates").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!,
            SplitMixData.Features(c.GetProperty("featureSeed").GetUInt64(), y, c.GetProperty("d").GetInt32(), c.GetProperty("sep").GetDouble(), c.GetProperty("scale").GetDouble()),
            c.Clone())).ToList();
        return (y, list);
    }

    private static PoolResult Run(ClassLabels y, IEnumerable<(string Name, Matrix F)> pool, params ITransferabilityMetric[] metrics)
        => PoolRunner.Run(pool.Select(p => new PoolCandidate(p.Name, () => new TransferTask(p.F, y, null, p.Name))).ToList(), metrics, new MetricSettings());

    [Fact]
    public void Pool_metrics_through_the_runner_equal_the_sklearn_fixture_and_expose_raw_terms()
    {
        var (y, pool) = FixturePool();
        var result = Run(y, pool.Select(p => (p.Name, p.F)), NctiMetric, ETranMetric, MetricCatalog.Find("logme"));
        foreach (var (name, _, expected) in pool)
        {
            var ncti = result.Outcome(name, "ncti");
            NumericAssert.Close(expected.GetProperty("ncti").GetDouble(), ncti.Value!.Value, 0, 1e-10, name);
            NumericAssert.Close(expected.GetProperty("ncti_components").GetProperty("seli").GetDouble(), ncti.Details["seli"], 1e-11);
            Assert.InRange(ncti.Details["normalized.ncc"], 0, 1);
            var etran = result.Outcome(name, "etran");
            NumericAssert.Close(expected.GetProperty("etran").GetDouble(), etran.Value!.Value, 0, 1e-10, name);
            NumericAssert.Close(expected.GetProperty("etran_energy").GetDouble(), etran.Details["energy"], 1e-12);
        }

        // Candidate-major order, as given.
        Assert.Equal(pool.Select(p => p.Name), result.Candidates.Select(c => c.Name));
        Assert.Equal(["ncti", "etran", "logme"], result.Outcomes.Take(3).Select(o => o.Metric.Id));
    }

    [Fact]
    public void Reordering_the_candidates_reorders_the_pool_scores_and_nothing_else()
    {
        var (y, pool) = FixturePool();
        var a = Run(y, pool.Select(p => (p.Name, p.F)), NctiMetric, ETranMetric);
        var b = Run(y, pool.AsEnumerable().Reverse().Select(p => (p.Name, p.F)), NctiMetric, ETranMetric);
        foreach (var (name, _, _) in pool)
        {
            foreach (var id in new[] { "ncti", "etran" })
            {
                NumericAssert.Close(a.Outcome(name, id).Value!.Value, b.Outcome(name, id).Value!.Value, 0, 1e-12, name + " " + id);
            }
        }
    }

    [Fact]
    public void Pool_scores_are_invariant_to_sample_order_and_class_renaming()
    {
        var (y, pool) = FixturePool();
        var perm = new SeededRandom(3).Permutation(y.Count);
        var y2 = ClassLabels.FromIndices(perm.Select(i => y[i]).ToArray());
        var renamed = TestData.Rename(y, 9);
        var a = Run(y, pool.Select(p => (p.Name, p.F)), NctiMetric, ETranMetric);
        var b = Run(y2, pool.Select(p => (p.Name, p.F.SelectRows(perm))), NctiMetric, ETranMetric);
        var c = Run(renamed, pool.Select(p => (p.Name, p.F)), NctiMetric, ETranMetric);
        foreach (var (name, _, _) in pool)
        {
            foreach (var id in new[] { "ncti", "etran" })
            {
                NumericAssert.Close(a.Outcome(name, id).Value!.Value, b.Outcome(name, id).Value!.Value, 0, 1e-9, name + " " + id + " sample order");
                NumericAssert.Close(a.Outcome(name, id).Value!.Value, c.Outcome(name, id).Value!.Value, 0, 1e-9, name + " " + id + " class renaming");
            }
        }
    }

    [Fact]
    public void A_single_candidate_has_no_pool_score_but_keeps_its_raw_terms()
    {
        var (y, pool) = FixturePool();
        var result = Run(y, [(pool[0].Name, pool[0].F)], NctiMetric, ETranMetric);
        var ncti = result.Outcome(pool[0].Name, "ncti");
        Assert.Null(ncti.Value);
        Assert.Contains("at least two", ncti.Unavailable!, StringComparison.Ordinal);
        NumericAssert.Close(pool[0].Expected.GetProperty("ncti_components").GetProperty("vc").GetDouble(), ncti.Details["vc"], 1e-11);
        Assert.Null(result.Outcome(pool[0].Name, "etran").Value);
    }

    [Fact]
    public void A_term_equal_for_every_candidate_contributes_zero_with_a_warning()
    {
        var (y, pool) = FixturePool();
        var result = Run(y, [("a", pool[0].F), ("b", pool[0].F.Clone())], NctiMetric);
        foreach (var name in new[] { "a", "b" })
        {
            var o = result.Outcome(name, "ncti");
            Assert.Equal(0.0, o.Value);
            Assert.Contains(o.Warnings, w => w.Contains("equal for every candidate", StringComparison.Ordinal));
        }
    }

    /// <summary>Lower is better, value = D.</summary>
    private sealed class Width : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new("width", "Width", "none", MetricInputs.Features, HigherIsBetter: false, PoolRelative: false, Stochastic: false, "O(1)", "test");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
            => task.FeatureCount == 3 ? throw new MetricUnavailableException("three is unlucky") : new MetricValue(task.FeatureCount);
    }

    [Fact]
    public void Rankings_honour_the_direction_and_list_unavailable_candidates_last()
    {
        var y = ClassLabels.FromIndices(Enumerable.Range(0, 30).Select(i => i % 3).ToArray());
        var pool = new[] { 5, 3, 2, 9 }.Select(d => ("w" + d, TestData.Gaussian(30, d, d)));
        var ranking = Run(y, pool, new Width()).Ranking("width");
        Assert.Equal(["w2", "w5", "w9", "w3"], ranking.Select(o => o.Candidate));
        Assert.Equal("three is unlucky", ranking[^1].Unavailable);
    }

    [Fact]
    public void Candidates_are_loaded_once_each_and_released_after_scoring()
    {
        var y = ClassLabels.FromIndices(Enumerable.Range(0, 60).Select(i => i % 3).ToArray());
        var loads = new List<string>();
        var tasks = new List<WeakReference>();
        var pool = Enumerable.Range(0, 3).Select(k => new PoolCandidate("c" + k, () =>
        {
            loads.Add("c" + k);
            var t = new TransferTask(TestData.Gaussian(60, 8 + k, k), y, null, "c" + k);
            tasks.Add(new WeakReference(t));
            return t;
        })).ToList();
        var result = PoolRunner.Run(pool, [NctiMetric, ETranMetric, MetricCatalog.Find("gbc")], new MetricSettings());
        Assert.Equal(["c0", "c1", "c2"], loads);
        Assert.All(result.Outcomes, o => Assert.NotNull(o.Value));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.All(tasks, w => Assert.False(w.IsAlive, "a candidate's task (features, moments, PCA) is still referenced after the run"));
    }

    [Fact]
    public void Candidates_with_different_sample_counts_are_rejected_with_their_names()
    {
        var y = ClassLabels.FromIndices(Enumerable.Range(0, 30).Select(i => i % 3).ToArray());
        var y2 = ClassLabels.FromIndices(Enumerable.Range(0, 27).Select(i => i % 3).ToArray());
        var pool = new List<PoolCandidate>
        {
            new("a", () => new TransferTask(TestData.Gaussian(30, 4, 1), y)),
            new("b", () => new TransferTask(TestData.Gaussian(27, 4, 2), y2)),
        };
        var e = Assert.Throws<XferException>(() => PoolRunner.Run(pool, [MetricCatalog.Find("logme")], new MetricSettings()));
        Assert.Contains("'b' has 27 samples but 'a' has 30", e.Message, StringComparison.Ordinal);
        var dup = Assert.Throws<XferException>(() => PoolRunner.Run([pool[0], pool[0]], [MetricCatalog.Find("logme")], new MetricSettings()));
        Assert.Contains("used 2 times", dup.Message, StringComparison.Ordinal);
    }
}
