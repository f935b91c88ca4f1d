using System;
using Xfer.Analysis.TaskTransfer;
using Xfer.Core;
using Xfer.Numerics.OptimalTransport;
using Xfer.Numerics.Statistics;
using Xfer.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Xfer.Tests.Analysis.TaskTransferScenarios;

namespace Xfer.Tests.Analysis;

public class TaskTransferAnalysisTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void With_the_official_random_start_the_label_map_is_a_sharp_pairing_and_the_bound_holds()
    {
        // The official B̃ ~ U(0,1) start decides the class pairing (Λ = 10⁶ dominates the plan), so the pairing need not
        // be the identity; B still becomes nearly one-hot per source class and the bound stays above the probe loss.
        var means = Means(1);
        var r = TaskTransferAnalysis.Analyze(Domain("s", means, 10), Domain("t", means, 20), options: FastOptions() with { LabelMapInitialisation = LabelMapInitialisation.OfficialRandom });
        output.WriteLine(Describe(r));
        for (int c = 0; c < Classes; c++)
        {
            double max = 0;
            for (int k = 0; k < Classes; k++)
            {
                max = Math.Max(max, r.LabelMap[k, c]);
            }

            Assert.True(max > 0.75, $"column {c} of B peaks at {max}");
        }

        Assert.True(r.Terms.Bound >= r.ProbeLoss, $"bound {r.Terms.Bound} < probe loss {r.ProbeLoss}");
    }

    [Fact]
    public void Identical_tasks_learn_the_identity_label_map_and_bound_the_probe_loss()
    {
        var means = Means(1);
        var r = TaskTransferAnalysis.Analyze(Domain("s", means, 10), Domain("t", means, 20), options: FastOptions());
        output.WriteLine(Describe(r));
        // B_c is pulled to the plan's class-pair masses; as D drifts from π (L_w favours low-loss classes) a little mass
        // crosses classes, so columns settle near 0.8–0.95 rather than 1 in 300 epochs (measured: 0.81–0.95, H = 0.49,
        // against log 4 = 1.39 for an uninformative map).
        for (int c = 0; c < Classes; c++)
        {
            Assert.Equal(c, ArgMaxColumn(r.LabelMap, c));
            Assert.True(r.LabelMap[c, c] > 0.75, $"B[{c},{c}] = {r.LabelMap[c, c]}");
        }

        Assert.True(r.Terms.LabelEntropy < 0.4 * Math.Log(Classes), $"H = {r.Terms.LabelEntropy}");
        Assert.True(r.Terms.Bound >= r.ProbeLoss, $"bound {r.Terms.Bound} < probe loss {r.ProbeLoss}");
        NumericAssert.Close(r.Terms.WeightedSourceLoss + r.Terms.LabelEntropy + (r.Terms.Lipschitz * r.Terms.Wasserstein), r.Terms.Bound, 1e-14);
    }

    [Fact]
    public void A_label_permutation_is_recovered_with_near_zero_entropy()
    {
        var means = Means(2);
        int[] perm = [2, 0, 3, 1];
        var r = TaskTransferAnalysis.Analyze(Domain("s", means, 10), Domain("t", means, 20, k => perm[k]), options: FastOptions());
        output.WriteLine(Describe(r));
        for (int c = 0; c < Classes; c++)
        {
            Assert.Equal(perm[c], ArgMaxColumn(r.LabelMap, c));
            Assert.True(r.LabelMap[perm[c], c] > 0.75, $"B[{perm[c]},{c}] = {r.LabelMap[perm[c], c]}");
        }

        Assert.True(r.Terms.LabelEntropy < 0.3 * Math.Log(Classes), $"H = {r.Terms.LabelEntropy}");
        Assert.True(r.Terms.Bound >= r.ProbeLoss, $"bound {r.Terms.Bound} < probe loss {r.ProbeLoss}");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_rotation_and_shift_is_absorbed_by_the_affine_map()
    {
        var means = Means(3);
        var rotation = Rotation(Dimension, 5);
        var source = Domain("s", means, 10);
        var target = Domain("t", means, 20, map: RotateAndShift(rotation, 1.5));
        var fixedMap = TaskTransferAnalysis.Analyze(source, target, options: FastOptions() with { TransformLearningRate = 1e-12, PriorLearningRate = 1e-12, Epochs = 1 });
        var learned = TaskTransferAnalysis.Analyze(source, target, options: FastOptions());
        output.WriteLine("A = I: " + Describe(fixedMap));
        output.WriteLine("learned: " + Describe(learned));
        Assert.True(learned.Terms.Wasserstein < 0.6 * fixedMap.Terms.Wasserstein,
            $"W₁ {learned.Terms.Wasserstein} should fall well below the untransformed {fixedMap.Terms.Wasserstein}");
        Assert.True(learned.TransformedTargetAccuracy > 0.9, $"h''' accuracy {learned.TransformedTargetAccuracy}");
        Assert.True(learned.Terms.Bound >= learned.ProbeLoss, $"bound {learned.Terms.Bound} < probe loss {learned.ProbeLoss}");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_source_that_merges_target_class_pairs_costs_log_two_of_label_entropy()
    {
        // Source class c covers target classes 2c and 2c+1 (4 target classes, 2 source classes): P(y_T | y_S) is
        // uniform over two classes, so H(B, D) = log 2. D is held at its uniform start (prior learning rate 1e-9):
        // when D may move, L_w pulls mass to the source class with the lower loss and B compensates by sending a little
        // of that class to a third target class (H ≈ 0.86 in a 1200-epoch run), a legitimate optimum of the objective.
        var means = Means(4, separation: 3.0);
        var source = Domain("s", means, 10, k => k / 2, classes: 2);
        var target = Domain("t", means, 20);
        var r = TaskTransferAnalysis.Analyze(source, target, options: FastOptions() with { Epochs = 600, PriorLearningRate = 1e-9 });
        output.WriteLine(Describe(r));
        NumericAssert.Close(Math.Log(2), r.Terms.LabelEntropy, 0, 0.1);
        Assert.True(r.Terms.Bound >= r.ProbeLoss, $"bound {r.Terms.Bound} < probe loss {r.ProbeLoss}");
    }

    [Fact]
    public void A_target_that_merges_source_classes_needs_no_label_entropy()
    {
        var means = Means(5, separation: 3.0);
        var source = Domain("s", means, 10);
        var target = Domain("t", means, 20, k => k / 2, classes: 2);
        var r = TaskTransferAnalysis.Analyze(source, target, options: FastOptions());
        output.WriteLine(Describe(r));
        for (int c = 0; c < Classes; c++)
        {
            Assert.True(r.LabelMap[c / 2, c] > 0.9, $"B[{c / 2},{c}] = {r.LabelMap[c / 2, c]}");
        }

        Assert.True(r.Terms.LabelEntropy < 0.15, $"H = {r.Terms.LabelEntropy}");
        Assert.True(r.Terms.Bound >= r.ProbeLoss, $"bound {r.Terms.Bound} < probe loss {r.ProbeLoss}");
    }

    [Fact]
    public void Same_seed_gives_the_same_result()
    {
        var means = Means(6);
        var options = FastOptions() with { Epochs = 30, Probe = null };
        var a = TaskTransferAnalysis.Analyze(Domain("s", means, 10), Domain("t", means, 20), options: options);
        var b = TaskTransferAnalysis.Analyze(Domain("s", means, 10), Domain("t", means, 20), options: options);
        Assert.Equal(a.Terms, b.Terms);
        Assert.Equal(a.A.Data, b.A.Data);
    }

    [Fact]
    public void Official_batch_sizes_reach_a_similar_bound_to_exact_equal_batches()
    {
        // Sinkhorn is not compared here: on this scenario (120 epochs, ε = 0.1) it took 267 s against 1.7 s and reached a bound of
        // 2.19 against 1.69, its entropic plans blurring the label map (H 1.15 against 0.45); docs/tta.md records this.
        var means = Means(7);
        var source = Domain("s", means, 10);
        var target = Domain("t", means, 20, k => (k + 1) % Classes);
        var options = FastOptions() with { Probe = null, Epochs = 120 };
        var exact = TaskTransferAnalysis.Analyze(source, target, options: options);
        var official = TaskTransferAnalysis.Analyze(source, target, options: options with { BatchSizing = BatchSizing.Official });
        output.WriteLine("exact, equal batches: " + Describe(exact));
        output.WriteLine("exact, official sizes: " + Describe(official));
        NumericAssert.Close(exact.Terms.Bound, official.Terms.Bound, 0.01, 0, "measured 1.6946 against 1.6944");
    }

    [Fact]
    public void A_given_head_is_folded_into_standardised_coordinates()
    {
        // W·z + b on raw features must equal the folded head on standardised features.
        var x = TestData.Gaussian(20, 3, 1);
        for (int i = 0; i < 20; i++)
        {
            x[i, 0] = (x[i, 0] * 5) + 2;
            x[i, 2] -= 7;
        }

        var head = new LinearHead(Matrix.FromRows([[1.0, -2.0, 0.5], [0.3, 0.1, -1.0]]), [0.2, -0.4]);
        var scaler = FeatureStandardizer.Fit(x);
        var folded = head.OnStandardisedFeatures(scaler);
        NumericAssert.Close(head.Logits(x), folded.Logits(scaler.Transform(x)), 1e-12, 1e-12);
    }

    [Fact]
    public void Standardizer_matches_population_statistics_and_keeps_constant_columns()
    {
        var x = Matrix.FromRows([[1.0, 5.0], [3.0, 5.0], [8.0, 5.0]]);
        var s = FeatureStandardizer.Fit(x);
        NumericAssert.Close(4.0, s.Mean[0], 1e-15);
        NumericAssert.Close(Math.Sqrt(26.0 / 3), s.Scale[0], 1e-15); // ((−3)² + (−1)² + 4²)/3
        Assert.Equal(1.0, s.Scale[1]);
        var z = s.Transform(x);
        NumericAssert.Close(0.0, z[0, 1], 0, 0);
    }

    [Fact]
    public void Exact_W1_of_identical_point_sets_is_zero_and_of_a_translation_is_its_length()
    {
        // Sanity of the class-wise W₁ building block: W₁(P, P + v) = ‖v‖ for a translation.
        var x = TestData.Gaussian(30, 4, 2);
        var shifted = x.Clone();
        for (int i = 0; i < 30; i++)
        {
            shifted[i, 1] += 3;
        }

        var same = new ExactTransport().SolveUniform(PairwiseDistance.Euclidean(x, x).Data, 30, 30);
        var moved = new ExactTransport().SolveUniform(PairwiseDistance.Euclidean(x, shifted).Data, 30, 30);
        NumericAssert.Close(0.0, same.Cost, 0, 1e-6);
        NumericAssert.Close(3.0, moved.Cost, 1e-6);
    }

    private static int ArgMaxColumn(Matrix b, int column)
    {
        int best = 0;
        for (int k = 1; k < b.Rows; k++)
        {
            if (b[k, column] > b[best, column])
            {
                best = k;
            }
        }

        return best;
    }
}
