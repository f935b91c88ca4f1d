using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xfer.Core;
using Xfer.Metrics;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Metrics;

/// <summary>
/// transrate-official, logme-thuml, hscore-shrinkage, gbc, sfda, ncti and etran against independent numpy/scipy/scikit-learn
/// implementations (Fixtures/metrics/generate_suite_metrics.py → suite_metrics.json; the script's docstring says how each
/// reference differs from the C# computation). The tasks are regenerated bit for bit from SplitMix64 seeds.
/// </summary>
public class SuiteMetricsReferenceTests
{
    private static readonly JsonDocument Fixture = Fixtures.Json("metrics", "suite_metrics.json");

    public static IEnumerable<object[]> Cases()
        => Fixture.RootElement.GetProperty("cases").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    private static (Matrix F, ClassLabels Y, JsonElement Expected) Load(string name)
    {
        var c = Fixture.RootElement.GetProperty("cases").EnumerateArray().First(e => e.GetProperty("name").GetString() == name);
        var (f, y) = Task(c, c.GetProperty("labelSeed").GetUInt64(), c.GetProperty("n").GetInt32(), c.GetProperty("c").GetInt32());
        return (f, y, c.GetProperty("expected"));
    }

    private static (Matrix F, ClassLabels Y) Task(JsonElement c, ulong labelSeed, int n, int classes)
    {
        var y = SplitMixData.Labels(labelSeed, n, classes);
        var f = SplitMixData.Features(c.GetProperty("featureSeed").GetUInt64(), y, c.GetProperty("d").GetInt32(),
            c.GetProperty("sep").GetDouble(), c.GetProperty("scale").GetDouble());
        // The generator must reproduce the script's data (sum of all entries; numpy sums pairwise, hence the tolerance).
        NumericAssert.Close(c.GetProperty("checksum").GetDouble(), SplitMixData.Checksum(f), 1e-12, 1e-9, "regenerated features");
        return (f, y);
    }

    [Theory]
    [InlineData(1e-4, 0.5183044312)]
    [InlineData(1e-2, 0.3978442748)]
    public void TransRate_official_matches_the_research_note_toy_case(double eps, double expected)
    {
        // seeds-methods.md §1.9, Variant B (official centralized pipeline): printed to 10 decimals.
        var f = Matrix.FromRows(
        [
            [1.0, 0.2, -0.5], [1.2, 0.1, -0.4], [0.9, 0.3, -0.6], [1.1, 0.0, -0.5],
            [-0.8, 1.0, 0.3], [-1.0, 1.1, 0.2], [-0.9, 0.8, 0.4], [-0.7, 1.2, 0.1],
            [0.1, -1.0, 1.0], [0.0, -0.9, 1.2], [0.2, -1.1, 0.9], [-0.1, -1.2, 1.1],
        ]);
        var y = ClassLabels.FromIndices([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
        var r = TransRateOfficial.Score(f, y, new TransRateOfficialOptions(eps));
        NumericAssert.Close(expected, r.Score, 0, 5e-11);
        Assert.Equal(3, r.Rank);
        var script = Fixture.RootElement.GetProperty("toy");
        NumericAssert.Close(script.GetProperty(eps == 1e-4 ? "transrate_official_eps1e-4" : "transrate_official_eps1e-2").GetDouble(), r.Score, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TransRate_official_centralized_matches_numpy(string name)
    {
        var (f, y, e) = Load(name);
        var r = TransRateOfficial.Score(f, y);
        // rtol 1e-11 (observed ≤ 2e-14): Cholesky log-dets (and Sylvester's identity for small classes) vs numpy SVD eigenvalues of D×D matrices.
        NumericAssert.Close(e.GetProperty("transrate_official_b").GetDouble(), r.Score, 1e-11);
        Assert.Equal(e.GetProperty("transrate_official_b_rank").GetInt32(), r.Rank);
        NumericAssert.Close(e.GetProperty("transrate_official_b_eps1e-2").GetDouble(), TransRateOfficial.Score(f, y, new TransRateOfficialOptions(1e-2)).Score, 1e-11);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TransRate_official_projection_matches_numpy(string name)
    {
        var (f, y, e) = Load(name);
        var r = TransRateOfficial.Score(f, y, new TransRateOfficialOptions(Variant: TransRateOfficialVariant.Projection));
        // rtol 1e-10 (observed ≤ 5e-13): D×C SVDs vs numpy SVDs of D×D products, whose D − C rounding-level singular values add ~1e-12.
        NumericAssert.Close(e.GetProperty("transrate_official_c").GetDouble(), r.Score, 1e-10);
        Assert.Equal(e.GetProperty("transrate_official_c_rank").GetInt32(), r.Rank);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogMe_thuml_matches_the_numpy_reimplementation(string name)
    {
        var (f, y, e) = Load(name);
        // rtol 1e-11 (observed ≤ 4e-14): the same ≤ 11-step loop on singular values from a different decomposition.
        NumericAssert.Close(e.GetProperty("logme_thuml").GetDouble(), LogMeThuml.Score(f, y).Score, 1e-11);
    }

    [Fact]
    public void LogMe_thuml_reproduces_the_documented_blow_up_when_D_exceeds_N()
    {
        var c = Fixture.RootElement.GetProperty("logme_blowup");
        var (f, y) = Task(c, c.GetProperty("labelSeed").GetUInt64(), c.GetProperty("n").GetInt32(), c.GetProperty("c").GetInt32());
        var thuml = LogMeThuml.Score(f, y).Score;
        var exact = LogMe.Score(f, y).Score;
        NumericAssert.Close(c.GetProperty("logme_thuml").GetDouble(), thuml, 1e-10);
        // The exact evidence against the dense marginal likelihood maximised by scipy (optimiser-limited tolerance).
        NumericAssert.Close(c.GetProperty("logme_exact").GetDouble(), exact, 1e-6, 1e-8);
        Assert.InRange(thuml, 60, 70);   // peers.md §1.2: ≈ 66 on such data
        Assert.InRange(exact, -0.7, -0.5); // ≈ −0.6
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HScore_shrinkage_matches_sklearn_ledoit_wolf_and_pinv(string name)
    {
        var (f, y, e) = Load(name);
        var r = HScoreShrinkage.Score(f, y);
        NumericAssert.Close(e.GetProperty("ledoit_wolf_shrinkage").GetDouble(), r.Shrinkage, 1e-10, 0, "Ledoit–Wolf shrinkage vs sklearn");
        NumericAssert.Close(e.GetProperty("hscore_shrinkage").GetDouble(), r.Score, 1e-11); // observed ≤ 3e-15
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gbc_matches_sklearn_pca_and_numpy_statistics(string name)
    {
        var (f, y, e) = Load(name);
        // rtol 1e-11 (observed ≤ 3e-14): PCA by the scatter eigendecomposition (or the N×N kernel) vs sklearn's full SVD.
        NumericAssert.Close(e.GetProperty("gbc_spherical").GetDouble(), Gbc.Score(f, y).Score, 1e-11);
        NumericAssert.Close(e.GetProperty("gbc_diagonal").GetDouble(), Gbc.Score(f, y, new GbcOptions(GaussianType: GbcGaussianType.Diagonal)).Score, 1e-11);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sfda_matches_the_scipy_eigh_reimplementation(string name)
    {
        var (f, y, e) = Load(name);
        var r = Sfda.Score(f, y);
        NumericAssert.Close(e.GetProperty("sfda_shrinkage").GetDouble(), r.Shrinkage, 1e-10, 0, "adaptive shrinkage");
        // rtol 1e-11 (observed ≤ 5e-16): Cholesky solves of S̃w and blockwise moments of the mixed features vs eigh(Sb, S̃w) on a mixed copy.
        NumericAssert.Close(e.GetProperty("sfda").GetDouble(), r.Score, 1e-11);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ETran_terms_match_numpy(string name)
    {
        var (f, y, e) = Load(name);
        var released = ETran.Components(f, y);
        var fisher = ETran.Components(f, y, new ETranOptions(ETranClassifier.Fisher));
        NumericAssert.Close(e.GetProperty("etran_lda_released").GetDouble(), released.Lda, 1e-11, 0, "released classifier (eigh of inv(S̃w)·Sb)");
        NumericAssert.Close(e.GetProperty("etran_lda_fisher").GetDouble(), fisher.Lda, 1e-11, 0, "Fisher classifier");
        var energy = e.GetProperty("etran_energy");
        if (energy.ValueKind != JsonValueKind.Null)
        {
            NumericAssert.Close(energy.GetDouble(), released.Energy, 1e-12);
        }
        else
        {
            Assert.Equal(1, released.EnergySamples); // N < 200: the reference's selection is empty; one sample is used
        }
    }

    private static IReadOnlyList<(string Name, Matrix F, JsonElement Expected)> Pool(out ClassLabels labels)
    {
        var pool = Fixture.RootElement.GetProperty("pool");
        var y = SplitMixData.Labels(pool.GetProperty("labelSeed").GetUInt64(), pool.GetProperty("n").GetInt32(), pool.GetProperty("c").GetInt32());
        labels = y;
        return pool.GetProperty("candidates").EnumerateArray().Select(c =>
        {
            var f = SplitMixData.Features(c.GetProperty("featureSeed").GetUInt64(), y, c.GetProperty("d").GetInt32(), c.GetProperty("sep").GetDouble(), c.GetProperty("scale").GetDouble());
            NumericAssert.Close(c.GetProperty("checksum").GetDouble(), SplitMixData.Checksum(f), 1e-12, 1e-9, "regenerated features");
            return (c.GetProperty("name").GetString()!, f, c);
        }).ToList();
    }

    [Fact]
    public void Ncti_terms_and_pool_scores_match_sklearn()
    {
        var pool = Pool(out var y);
        var components = pool.Select(p => Ncti.Components(p.F, y)).ToList();
        for (int i = 0; i < pool.Count; i++)
        {
            var e = pool[i].Expected.GetProperty("ncti_components");
            var c = components[i];
            Assert.Equal(e.GetProperty("solver").GetString() == "eigen", c.EigenSolver);
            NumericAssert.Close(e.GetProperty("shrinkage").GetDouble(), c.Shrinkage, 1e-10, 0, pool[i].Name + " shrinkage");
            // rtol 1e-11 (observed ≤ 2e-15): own LDA (both solvers) vs sklearn LinearDiscriminantAnalysis on the same exact PCA.
            NumericAssert.Close(e.GetProperty("seli").GetDouble(), c.Seli, 1e-11, 0, pool[i].Name + " seli");
            NumericAssert.Close(e.GetProperty("ncc").GetDouble(), c.Ncc, 1e-11, 0, pool[i].Name + " ncc");
            NumericAssert.Close(e.GetProperty("vc").GetDouble(), c.Vc, 1e-11, 0, pool[i].Name + " vc");
        }

        var scores = Ncti.Combine(components);
        for (int i = 0; i < pool.Count; i++)
        {
            NumericAssert.Close(pool[i].Expected.GetProperty("ncti").GetDouble(), scores[i], 0, 1e-10, pool[i].Name + " NCTI");
        }
    }

    [Fact]
    public void ETran_pool_scores_match_numpy_for_both_classifiers()
    {
        var pool = Pool(out var y);
        var released = pool.Select(p => ETran.Components(p.F, y)).ToList();
        var fisher = pool.Select(p => ETran.Components(p.F, y, new ETranOptions(ETranClassifier.Fisher))).ToList();
        var a = ETran.Combine(released);
        var b = ETran.Combine(fisher);
        for (int i = 0; i < pool.Count; i++)
        {
            var e = pool[i].Expected;
            NumericAssert.Close(e.GetProperty("etran_energy").GetDouble(), released[i].Energy, 1e-12);
            NumericAssert.Close(e.GetProperty("etran").GetDouble(), a[i], 0, 1e-10, pool[i].Name + " ETran");
            NumericAssert.Close(e.GetProperty("etran_fisher").GetDouble(), b[i], 0, 1e-10, pool[i].Name + " ETran (Fisher)");
        }
    }
}
