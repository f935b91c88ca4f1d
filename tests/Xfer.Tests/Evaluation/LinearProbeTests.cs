using System.Linq;
using System;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Evaluation.Probing;
using Xfer.Numerics.Statistics;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Evaluation;

public class LinearProbeTests
{
    [Fact]
    public void Folds_are_stratified_balanced_and_seeded()
    {
        int[] y = [.. Enumerable.Repeat(0, 10), .. Enumerable.Repeat(1, 7), .. Enumerable.Repeat(2, 3)];
        var folds = StratifiedSampling.Folds(y, 3, 5, seed: 1);
        Assert.Equal(folds, StratifiedSampling.Folds(y, 3, 5, seed: 1));
        Assert.NotEqual(folds, StratifiedSampling.Folds(y, 3, 5, seed: 2));
        for (int f = 0; f < 5; f++)
        {
            Assert.Equal(4, folds.Count(v => v == f)); // 20 samples over 5 folds
            Assert.Equal(2, Enumerable.Range(0, 10).Count(i => folds[i] == f)); // class 0: 10 over 5 folds
            Assert.InRange(Enumerable.Range(10, 7).Count(i => folds[i] == f), 1, 2);
        }
    }

    [Fact]
    public void Split_is_stratified_and_keeps_every_class_in_training()
    {
        int[] y = [.. Enumerable.Repeat(0, 10), .. Enumerable.Repeat(1, 5), 2];
        var (train, test) = StratifiedSampling.Split(y, 3, 0.2, seed: 3);
        Assert.Equal(16, train.Length + test.Length);
        Assert.Equal(2, test.Count(i => y[i] == 0));
        Assert.Equal(1, test.Count(i => y[i] == 1));
        Assert.Contains(train, i => y[i] == 2);
        Assert.True(train.SequenceEqual(train.Order()) && test.SequenceEqual(test.Order()));
    }

    [Fact]
    public void Separable_clusters_give_high_test_accuracy_and_a_full_report()
    {
        var (x, y) = TestData.Clusters(300, 6, 3, 3.0, seed: 1);
        var (xt, yt) = TestData.Clusters(300, 6, 3, 3.0, seed: 1); // same means (same seed), fresh noise below
        var noise = TestData.Gaussian(300, 6, 99);
        for (int i = 0; i < xt.Data.Length; i++)
        {
            xt.Data[i] += 0.1 * noise.Data[i];
        }

        var r = LinearProbe.Run(x, y, xt, yt.ToArray(), new LinearProbeOptions { Folds = 3, Seed = 5 });
        Assert.Equal("linear", r.Head);
        Assert.True(r.Accuracy > 0.95, $"accuracy {r.Accuracy}");
        Assert.True(r.CrossEntropy > 0 && r.CrossEntropy < 0.3, $"cross-entropy {r.CrossEntropy}");
        Assert.Equal(7, r.CrossValidation.Count);
        Assert.Equal(LinearProbeOptions.DefaultL2Grid, r.CrossValidation.Select(p => p.L2));
        Assert.Contains(r.L2, LinearProbeOptions.DefaultL2Grid);
        Assert.Equal(3, r.CrossValidation[0].FoldAccuracy.Length);
        Assert.True(r.Converged);
        Assert.Equal(300, r.TrainSize);
        Assert.Equal(300, r.TestSize);
        NumericAssert.Close(1.0 / (r.L2 * 300), r.Details["sklearnC"], 1e-15);

        // The selected l2 has the best mean validation accuracy.
        double best = r.CrossValidation.Max(p => p.MeanAccuracy);
        Assert.Equal(best, r.CrossValidation.Single(p => p.L2 == r.L2).MeanAccuracy);
    }

    [Fact]
    public void Same_seed_same_result_regardless_of_threads()
    {
        var (x, y) = TestData.Clusters(120, 5, 4, 1.0, seed: 6);
        var (xt, yt) = TestData.Clusters(60, 5, 4, 1.0, seed: 7);
        var options = new LinearProbeOptions { Folds = 4, Seed = 9, L2Grid = [1e-3, 1e-2, 1e-1] };
        int saved = Parallelism.Threads;
        try
        {
            Parallelism.Threads = 1;
            var one = LinearProbe.Run(x, y, xt, yt.ToArray(), options);
            Parallelism.Threads = 4;
            var four = LinearProbe.Run(x, y, xt, yt.ToArray(), options);
            Assert.Equal(one.Accuracy, four.Accuracy);
            Assert.Equal(one.CrossEntropy, four.CrossEntropy);
            Assert.Equal(one.L2, four.L2);
            Assert.Equal(one.CrossValidation.Select(p => p.MeanCrossEntropy), four.CrossValidation.Select(p => p.MeanCrossEntropy));
        }
        finally
        {
            Parallelism.Threads = saved;
        }
    }

    [Fact]
    public void Fixed_l2_skips_cross_validation_and_reproduces_the_direct_fit()
    {
        var f = LogisticFixture.Load("standardized5");
        var r = LinearProbe.Run(f.TrainX, ClassLabels.FromIndices(f.TrainY), f.TestX, f.TestY,
            new LinearProbeOptions { FixedL2 = f.L2, Optimizer = new(GradientTolerance: 1e-10, MaxIterations: 20000) });
        Assert.Empty(r.CrossValidation);
        Assert.Equal(0, r.Folds);
        NumericAssert.Close(f.Objective, r.Details["objective"], 1e-6);
        Assert.Equal(f.TestAccuracy, r.Accuracy);
        NumericAssert.Close(f.TestCrossEntropy, r.CrossEntropy, 1e-5);
    }

    [Fact]
    public void Bad_inputs_are_one_line_user_errors()
    {
        var (x, y) = TestData.Clusters(20, 3, 2, 1.0, seed: 1);
        var wrong = new Matrix(5, 4);
        Assert.Throws<XferException>(() => LinearProbe.Run(x, y, wrong, new int[5]));
        Assert.Throws<XferException>(() => LinearProbe.Run(x, y, new Matrix(5, 3), new int[4]));
        Assert.Throws<XferException>(() => LinearProbe.Run(x, y, new Matrix(1, 3), [7]));
        Assert.Throws<ArgumentException>(() => LinearProbe.Run(x, y, x, y.ToArray(), new LinearProbeOptions { Folds = 1 }));
    }
}
