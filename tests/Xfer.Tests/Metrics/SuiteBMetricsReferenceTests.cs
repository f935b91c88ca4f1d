using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics;
using Xfer.Metrics.Shared;
using Xfer.Numerics.Optimization;
using Xfer.Numerics.Statistics;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Metrics;

/// <summary>
/// nleep (and its Gaussian mixture), parc, pactran, knn and linear-probe against independent numpy/scipy/scikit-learn computations
/// (Fixtures/metrics/generate_suite_b_metrics.py → suite_b_metrics.json; the script's docstring says how each differs from the C#).
/// Tasks are regenerated bit for bit from SplitMix64 seeds.
/// </summary>
public class SuiteBMetricsReferenceTests
{
    private static readonly JsonDocument Fixture = Fixtures.Json("metrics", "suite_b_metrics.json");

    private static (Matrix X, ClassLabels Y, JsonElement Expected) Case(string name)
    {
        var c = Fixture.RootElement.GetProperty("cases").GetProperty(name);
        var y = SplitMixData.Labels(c.GetProperty("labelSeed").GetUInt64(), c.GetProperty("n").GetInt32(), c.GetProperty("c").GetInt32());
        var x = SplitMixData.Features(c.GetProperty("featureSeed").GetUInt64(), y, c.GetProperty("d").GetInt32(),
            c.GetProperty("sep").GetDouble(), c.GetProperty("scale").GetDouble());
        if (c.TryGetProperty("duplicates", out var dups))
        {
            foreach (var pair in dups.EnumerateArray())
            {
                x.Row(pair[1].GetInt32()).CopyTo(x.Row(pair[0].GetInt32()));
            }
        }

        NumericAssert.Close(c.GetProperty("checksum").GetDouble(), SplitMixData.Checksum(x), 1e-12, 1e-9, "regenerated features");
        return (x, y, c.GetProperty("expected"));
    }

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static Matrix ToMatrix(JsonElement rows) => Matrix.FromRows(rows.EnumerateArray().Select(Doubles).ToArray());

    // ------------------------------------------------------------------ Gaussian mixture and N-LEEP

    [Theory]
    [InlineData("gmm_small", 1e-9)]
    [InlineData("gmm_wide", 1e-9)]
    public void Gaussian_mixture_from_the_same_start_follows_scikit_learns_iterates(string name, double rtol)
    {
        var (x, y, e) = Case(name);
        var init = e.GetProperty("init");
        var start = new GaussianMixtureParameters(Doubles(init.GetProperty("weights")), ToMatrix(init.GetProperty("means")),
            init.GetProperty("covariances").EnumerateArray().Select(ToMatrix).ToArray());
        int k = start.Weights.Length;
        var gmm = GaussianMixture.Fit(x, new GaussianMixtureOptions { Components = k, Initial = start });

        // Same EM iterates from the same parameters: scikit-learn starts from chol(inv(Σ₀)), C# from inv(chol(Σ₀)) (round-off only).
        Assert.Equal(e.GetProperty("n_iter").GetInt32(), gmm.Iterations);
        Assert.Equal(e.GetProperty("converged").GetBoolean(), gmm.Converged);
        NumericAssert.Close(e.GetProperty("lower_bound").GetDouble(), gmm.LowerBound, rtol, 0, "lower bound");
        NumericAssert.Close(e.GetProperty("final_loglik").GetDouble(), gmm.FinalLogLikelihood, rtol, 0, "score(X)");
        NumericAssert.Close(ToMatrix(e.GetProperty("means")), gmm.Means, 1e-8, 1e-9, "means");
        NumericAssert.Close(Doubles(e.GetProperty("weights")), gmm.Weights, 1e-8, 1e-12, "weights");
        var nleep = NLeep.FromMixture(gmm, y, x.Columns, k);
        NumericAssert.Close(e.GetProperty("nleep").GetDouble(), nleep.Score, rtol, 0, "LEEP of the posteriors");
    }

    [Fact]
    public void NLeep_with_its_own_kmeans_start_lies_within_the_spread_of_scikit_learn_seeds()
    {
        var (x, y, e) = Case("nleep_pca");
        var bySeed = Doubles(e.GetProperty("nleep_by_seed"));
        double lo = bySeed.Min(), hi = bySeed.Max(), width = hi - lo;
        foreach (int seed in new[] { 0, 1, 2 })
        {
            var r = NLeep.Score(x, y, new NLeepOptions(Seed: seed));
            Assert.Equal(e.GetProperty("dims").GetInt32(), r.Dimensions);
            Assert.Equal(20, r.Components);

            // Independent k-means++ draws reach other local optima; scikit-learn's 8 seeds span [lo, hi]. Allow half that width outside.
            Assert.InRange(r.Score, lo - (width / 2), hi + (width / 2));
        }

        // Deterministic for a seed.
        Assert.Equal(NLeep.Score(x, y, new NLeepOptions(Seed: 5)).Score, NLeep.Score(x, y, new NLeepOptions(Seed: 5)).Score);
    }

    [Fact]
    public void Lower_triangular_inverse_is_exact_on_a_hand_case()
    {
        // L = [[2,0,0],[1,1,0],[4,2,4]] → L⁻¹ = [[1/2,0,0],[−1/2,1,0],[−1/4,−1/2,1/4]] (forward substitution by hand).
        var inv = GaussianMixture.InvertLower(Matrix.FromRows([[2.0, 0, 0], [1.0, 1, 0], [4.0, 2, 4]]));
        NumericAssert.Close(Matrix.FromRows([[0.5, 0, 0], [-0.5, 1, 0], [-0.25, -0.5, 0.25]]), inv, 0, 1e-15);
    }

    // ------------------------------------------------------------------ PARC

    [Theory]
    [InlineData("parc_ties")]
    [InlineData("parc_37")]
    [InlineData("parc_small_d")]
    public void Parc_matches_spearmanr_on_the_explicit_triangles(string name)
    {
        var (x, y, e) = Case(name);
        var r = Parc.Score(x, y);

        // Eigen-PCA vs full SVD and u_i·u_j vs np.corrcoef differ in the last bits, so near-equal pairs may swap ranks, and the
        // duplicated rows of "parc_ties" give RDM entries that are equal in exact arithmetic but round differently in the two
        // implementations, changing the tie groups: rtol 1e-6 (measured 5.2e-7 on parc_ties, below 1e-9 on the other cases).
        NumericAssert.Close(e.GetProperty("parc_exact").GetDouble(), r.Score, 1e-6, 1e-9, "PARC with exact PCA and binary RDM_y");
        Assert.Equal(e.GetProperty("pairs").GetInt64(), r.Pairs);
        Assert.Equal(e.GetProperty("same_class_pairs").GetInt64(), r.SameClassPairs);
        if (name == "parc_ties")
        {
            // Hand count from the duplicated rows, groups {1,100}, {2,3,101}, {4,150}, {5,250} (9 rows, 291 others): in exact
            // arithmetic d(a,j) ties across a group for every other row j (291·9 = 2619 values), the g·h cross-group values tie
            // (6+4+4+6+6+4 = 30), and the 6 within-group distances are all 0. Identical rows give bit-identical products here, so
            // the first two kinds are exact; the within-group zeros are 1 − ‖u‖² and may round apart (measured 2653 of 2655).
            // numpy's corrcoef rounds identical rows differently and finds only the fixture's 1246 tied values.
            Assert.InRange(r.TiedValues, 2619 + 30, 2619 + 30 + 6);
            Assert.True(r.TiedValues > e.GetProperty("tied_pairs").GetInt64());
        }
    }

    [Theory]
    [InlineData("parc_ties", 1000, 64, 7)]
    [InlineData("parc_ties", 300, 4, 64)]
    [InlineData("parc_37", 5000, 16, 33)]
    public void Parc_with_a_small_memory_budget_needs_more_passes_but_gives_the_same_value(string name, int budget, int buckets, int block)
    {
        var (x, y, e) = Case(name);
        var r = Parc.Score(new TransferTask(x, y), new ParcOptions(), new PairPassOptions(budget, buckets, block), CancellationToken.None);
        NumericAssert.Close(e.GetProperty("parc_exact").GetDouble(), r.Score, 1e-6, 1e-9, "multi-pass PARC (rtol as in the single-pass test)");
        Assert.True(r.Passes > 2, $"expected several passes, got {r.Passes}");
    }

    [Fact]
    public void Same_class_spearman_handles_a_single_huge_tie_group_by_refinement()
    {
        // Six identical unit rows and two others: 15 equal similarities (all 1) exceed a budget of 4, so the bucket is refined and found
        // to be one tie group. Hand-derived Spearman: rows 0–5 class 0, rows 6, 7 classes 1, 1.
        var u = new Matrix(8, 2);
        for (int i = 0; i < 6; i++)
        {
            u[i, 0] = 1;
        }

        u[6, 1] = 1;
        u[7, 0] = -1;
        int[] y = [0, 0, 0, 0, 0, 0, 1, 1];
        var r = SameClassSpearman.Compute(u, y, new PairPassOptions(4, 4, 3), CancellationToken.None);

        // Values: 15 pairs (i<j≤5) of 1 (same class); 6 pairs (i≤5, 6) of 0 (different); 6 pairs (i≤5, 7) of −1 (different); (6,7) of 0 (same).
        // Ranks: −1 → 1..6 avg 3.5; 0 (7 values) → 7..13 avg 10; 1 → 14..28 avg 21. Same-class: 15×21 + 10 = 325; m₁ = 16, M = 28.
        // numerator = 325 − 16·29/2 = 93; S_rr = (28³ − 28 − (6³−6) − (7³−7) − (15³−15))/12 = (21924 − 210 − 336 − 3360)/12 = 1501.5;
        // S_bb = 16·12/28. ρ = 93/√(1501.5·192/28).
        double expected = 93.0 / Math.Sqrt(1501.5 * 192.0 / 28.0);
        NumericAssert.Close(expected, r.Rho, 1e-14);
        Assert.Equal(28, r.TiedValues);
    }

    // ------------------------------------------------------------------ PACTran

    [Theory]
    [InlineData(1.0, 100.0)]
    [InlineData(10.0, 1000.0)]
    [InlineData(0.1, 1.0)]
    public void PacTran_reaches_scipys_optimum_from_the_same_start(double lambda, double s2)
    {
        var (x, y, e) = Case("pactran");
        var theta0 = Doubles(e.GetProperty("theta0"));
        string key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"lambda{lambda}_s2{s2}");
        var converged = e.GetProperty(key + "_converged");
        var task = new TransferTask(x, y);
        var options = new PacTranOptions(Lambda: lambda, S2Factor: s2);

        // Run to convergence on both sides (SciPy: ftol 1e-16, gtol 1e-11): the optimum, and hence the bound, no longer depends on the path.
        var tight = PacTran.Score(task, options, theta0, new LbfgsOptions(GradientTolerance: 1e-11, MaxIterations: 20000), CancellationToken.None);
        NumericAssert.Close(converged.GetProperty("pac_opt").GetDouble(), tight.Loss, 1e-11, 0, "L(θ*)");
        NumericAssert.Close(converged.GetProperty("pac_gauss").GetDouble(), tight.Score, 1e-9, 0, "PAC_Gauss at the optimum");

        // The reference's own stopping rule (tol 1e-6, maxiter 100) stops early and path-dependently: agree to the size of that tolerance.
        var reference = e.GetProperty(key + "_reference");
        var asShipped = PacTran.Score(task, options, theta0, null, CancellationToken.None);
        NumericAssert.Close(reference.GetProperty("pac_gauss").GetDouble(), asShipped.Score, 5e-5, 0, "PAC_Gauss with the reference's stopping rule (measured 1.7e-5 at λ=10, σ²=1000)");
    }

    [Fact]
    public void PacTran_loss_at_the_start_matches_the_reference_loss_function()
    {
        var (x, y, e) = Case("pactran");
        var theta0 = Doubles(e.GetProperty("theta0"));

        // Zero iterations: the bound is evaluated at θ₀, so L(θ₀) must equal the reference's pac_loss_fn(θ₀) (including its 1e-10 term).
        var r = PacTran.Score(new TransferTask(x, y), new PacTranOptions(), theta0, new LbfgsOptions(MaxIterations: 0), CancellationToken.None);
        NumericAssert.Close(e.GetProperty("lambda1_s2100_reference").GetProperty("initial_loss").GetDouble(), r.Loss, 1e-14, 0, "L(θ₀)");
    }

    // ------------------------------------------------------------------ kNN

    [Theory]
    [InlineData("knn_ties", 1)]
    [InlineData("knn_ties", 3)]
    [InlineData("knn_ties", 4)]
    [InlineData("knn_ties", 5)]
    [InlineData("knn_ties", 8)]
    [InlineData("knn_binary", 1)]
    [InlineData("knn_binary", 3)]
    public void Knn_matches_a_dense_numpy_implementation_with_the_same_tie_rules(string name, int k)
    {
        var (x, y, e) = Case(name);
        foreach (var (distance, key) in new[] { (KnnDistance.Euclidean, "euclidean"), (KnnDistance.Cosine, "cosine") })
        {
            var expected = e.GetProperty($"{key}_k{k}");
            var r = Knn.Score(x, y, new KnnOptions(k, distance));
            Assert.Equal(expected.GetProperty("accuracy").GetDouble(), r.Score);
            Assert.Equal(expected.GetProperty("vote_ties").GetInt32(), r.VoteTies);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Knn_matches_scikit_learn_leave_one_out_where_no_ties_occur(int k)
    {
        var (x, y, e) = Case("knn_binary");
        Assert.Equal(e.GetProperty($"sklearn_loo_k{k}").GetDouble(), Knn.Score(x, y, new KnnOptions(k)).Score);
    }

    [Fact]
    public void Knn_excludes_the_sample_itself_not_its_duplicate()
    {
        // Two identical points of different classes plus a far point of each class: leave-one-out 1-NN of each duplicate is the other.
        var x = Matrix.FromRows([[0.0, 0], [0.0, 0], [10.0, 0], [0.0, 10]]);
        var y = ClassLabels.FromIndices([0, 1, 0, 1]);
        var r = Knn.Score(x, y);

        // Sample 0 → neighbour 1 (class 1, wrong); sample 1 → neighbour 0 (wrong); sample 2 → nearest is 0 or 1 at distance 10, tie → index 0
        // (class 0, right); sample 3 → likewise index 0 (class 0, wrong). Accuracy 1/4.
        Assert.Equal(0.25, r.Score);
    }

    // ------------------------------------------------------------------ linear probe

    [Fact]
    public void Linear_probe_matches_scikit_learn_pipelines_on_the_same_folds()
    {
        var (x, y, e) = Case("linear_probe");
        var folds = e.GetProperty("folds").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var task = new TransferTask(x, y);

        var converged = Probe(task, folds, new LinearProbeProxyOptions(MaxIterations: 100000, GradientTolerance: 1e-10));
        Assert.Equal(e.GetProperty("converged").GetProperty("accuracy").GetDouble(), converged.Score, 12);
        NumericAssert.Close(e.GetProperty("converged").GetProperty("cross_entropy").GetDouble(), converged.CrossEntropy, 1e-5, 0,
            "held-out cross-entropy (scikit-learn's L-BFGS-B also stops on its default ftol 2.2e-9 before tol=1e-10; measured 2.8e-6)");

        var defaults = Probe(task, folds, new LinearProbeProxyOptions());
        Assert.Equal(e.GetProperty("defaults").GetProperty("accuracy").GetDouble(), defaults.Score, 12);
        NumericAssert.Close(e.GetProperty("defaults").GetProperty("cross_entropy").GetDouble(), defaults.CrossEntropy, 1e-4, 0, "held-out cross-entropy (tol 1e-4)");
    }

    private static LinearProbeProxyResult Probe(TransferTask task, int[] folds, LinearProbeProxyOptions options)
        => LinearProbeProxy.Score(task, options, folds, CancellationToken.None);
}
