using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FsCheck;
using FsCheck.Fluent;
using Xfer.Core;
using Xfer.Metrics;
using Xfer.Metrics.Catalog;
using Xfer.Tests.Support;
using Xunit;
using TestData = Xfer.Tests.Support.TestData;

namespace Xfer.Tests.Metrics;

/// <summary>
/// Every catalog metric through the invariances its mathematics promises (as scikit-learn's common metric tests do).
/// Adding a metric means adding its row to <see cref="Properties"/>; the suite fails for a metric without a row.
/// </summary>
public class MetricInvarianceTests
{
    [Flags]
    public enum Invariance
    {
        None = 0,
        SampleOrder = 1,
        ClassRenaming = 2,
        FeatureRotation = 4,
        FeatureTranslation = 8,
        SourceClassOrder = 16,
    }

    /// <summary>The invariance table: which property each metric has (derived from its formula; see each metric's docs).</summary>
    public static readonly IReadOnlyDictionary<string, Invariance> Properties = new Dictionary<string, Invariance>
    {
        ["transrate"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureRotation | Invariance.FeatureTranslation,
        ["logme"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureRotation, // no intercept: not translation-invariant
        ["leep"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.SourceClassOrder,
        ["nce"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.SourceClassOrder,
        ["hscore"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureRotation | Invariance.FeatureTranslation,
        ["transrate-official"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureRotation, // row normalisation before centring: not translation-invariant
        ["logme-thuml"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureRotation, // no intercept: not translation-invariant
        ["hscore-shrinkage"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureRotation | Invariance.FeatureTranslation,
        ["gbc"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureRotation | Invariance.FeatureTranslation, // PCA first; the variance floor breaks scale invariance
        ["sfda"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureTranslation, // 3-step power iteration from A·1: not rotation-invariant
        ["nleep"] = Invariance.ClassRenaming | Invariance.FeatureRotation | Invariance.FeatureTranslation, // k-means++ draws sample indices: not sample-order-invariant
        ["parc"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureRotation | Invariance.FeatureTranslation, // exact PCA with svd_flip signs
        ["pactran"] = Invariance.SampleOrder | Invariance.FeatureTranslation, // random W₀ is tied to class and feature order, and the fit stops at a tolerance
        ["knn"] = Invariance.SampleOrder | Invariance.ClassRenaming | Invariance.FeatureRotation | Invariance.FeatureTranslation, // Euclidean
        ["linear-probe"] = Invariance.FeatureTranslation, // folds depend on sample and class order; per-feature standardisation is not rotation-invariant
    };

    private static Config FsConfig => Config.QuickThrowOnFailure.WithMaxTest(12).WithReplay(20261122UL, 1UL);

    /// <summary>A random labelled task with source probabilities, from one seed (N, D, C drawn from it).</summary>
    private static TransferTask RandomTask(int seed)
    {
        var rng = new SeededRandom(seed);
        int c = rng.Next(2, 5), d = rng.Next(2, 9), n = (c * 6) + rng.Next(0, 30), cs = rng.Next(2, 6);
        var (x, y) = TestData.Clusters(n, d, c, 1.0 + rng.NextDouble(), seed);
        var logits = new Matrix(n, cs);
        for (int i = 0; i < logits.Data.Length; i++)
        {
            logits.Data[i] = 2 * rng.NextGaussian();
        }

        return new TransferTask(x, y, SourcePredictions.FromLogits(logits), "random");
    }

    private static double ScoreOf(ISingleTaskMetric metric, TransferTask task)
        => metric.Evaluate(task, new MetricSettings(), CancellationToken.None).Value;

    public static IEnumerable<object[]> SingleTaskMetrics()
        => MetricCatalog.All.OfType<ISingleTaskMetric>().Select(m => new object[] { m.Descriptor.Id });

    [Theory]
    [MemberData(nameof(SingleTaskMetrics))]
    public void Every_metric_has_a_row_in_the_invariance_table(string id)
        => Assert.True(Properties.ContainsKey(id), $"Add '{id}' to MetricInvarianceTests.Properties.");

    [Theory]
    [MemberData(nameof(SingleTaskMetrics))]
    public void Metrics_keep_their_declared_invariances(string id)
    {
        var metric = (ISingleTaskMetric)MetricCatalog.Find(id);
        var props = Properties[id];
        Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var task = RandomTask(seed);
            double baseline = ScoreOf(metric, task);
            var rng = new SeededRandom(seed + 1);
            if (props.HasFlag(Invariance.SampleOrder))
            {
                var perm = rng.Permutation(task.SampleCount);
                var labels = ClassLabels.FromIndices(perm.Select(i => task.Labels[i]).ToArray());
                var probs = SourcePredictions.FromProbabilities(task.Source!.Probabilities.SelectRows(perm));
                Same(baseline, ScoreOf(metric, new TransferTask(task.Features.SelectRows(perm), labels, probs)), "sample order");
            }

            if (props.HasFlag(Invariance.ClassRenaming))
            {
                Same(baseline, ScoreOf(metric, new TransferTask(task.Features, TestData.Rename(task.Labels, seed), task.Source)), "class renaming");
            }

            if (props.HasFlag(Invariance.FeatureRotation))
            {
                var q = Linalg(task.FeatureCount, seed);
                Same(baseline, ScoreOf(metric, new TransferTask(Xfer.Numerics.LinearAlgebra.Linalg.Multiply(task.Features, q), task.Labels, task.Source)), "orthogonal rotation");
            }

            if (props.HasFlag(Invariance.FeatureTranslation))
            {
                var shifted = task.Features.Clone();
                for (int i = 0; i < shifted.Rows; i++)
                {
                    for (int j = 0; j < shifted.Columns; j++)
                    {
                        shifted[i, j] += 3.0 + j;
                    }
                }

                Same(baseline, ScoreOf(metric, new TransferTask(shifted, task.Labels, task.Source)), "translation");
            }

            if (props.HasFlag(Invariance.SourceClassOrder))
            {
                var perm = rng.Permutation(task.Source!.SourceClassCount);
                var p = new Matrix(task.SampleCount, perm.Length);
                for (int i = 0; i < p.Rows; i++)
                {
                    for (int z = 0; z < perm.Length; z++)
                    {
                        p[i, perm[z]] = task.Source.Probabilities[i, z];
                    }
                }

                Same(baseline, ScoreOf(metric, new TransferTask(task.Features, task.Labels, SourcePredictions.FromProbabilities(p))), "source class order");
            }
        }).Check(FsConfig);
    }

    [Theory]
    [MemberData(nameof(SingleTaskMetrics))]
    public void Shuffled_labels_score_clearly_worse_than_real_ones(string id)
    {
        var metric = (ISingleTaskMetric)MetricCatalog.Find(id);
        var (x, y) = TestData.Clusters(400, 16, 4, 1.5, seed: 42);
        var perm = new SeededRandom(43).Permutation(y.Count);
        var shuffled = ClassLabels.FromIndices(perm.Select(i => y[i]).ToArray());

        // Source head that knows the classes a bit: logits = 2·onehot(y) + noise.
        var rng = new SeededRandom(44);
        var logits = new Matrix(y.Count, 6);
        for (int i = 0; i < y.Count; i++)
        {
            for (int z = 0; z < 6; z++)
            {
                logits[i, z] = rng.NextGaussian() + (z == y[i] ? 2.0 : 0.0);
            }
        }

        var probs = SourcePredictions.FromLogits(logits);
        double real = ScoreOf(metric, new TransferTask(x, y, probs));
        double fake = ScoreOf(metric, new TransferTask(x, shuffled, probs));
        bool better = metric.Descriptor.HigherIsBetter ? real > fake : real < fake;
        Assert.True(better, $"{id}: real labels {real} vs shuffled {fake}");
        Assert.True(Math.Abs(real - fake) > 0.05 * Math.Max(Math.Abs(real), Math.Abs(fake)), $"{id}: the gap {real} vs {fake} is not clear");
    }

    private static Matrix Linalg(int d, int seed)
    {
        // Orthogonal Q from the SVD of a random matrix.
        var svd = Xfer.Numerics.LinearAlgebra.Linalg.Svd(TestData.Gaussian(d, d, seed + 17));
        return Xfer.Numerics.LinearAlgebra.Linalg.Multiply(svd.U!, svd.VT!);
    }

    private static void Same(double expected, double actual, string what)
        => NumericAssert.Close(expected, actual, 1e-8, 1e-10, what);
}
