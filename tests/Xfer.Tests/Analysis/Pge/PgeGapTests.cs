using System;
using System.Linq;
using Xfer.Analysis.Pge;
using Xfer.Core.Errors;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Analysis.Pge;

/// <summary>Gaps and rankings on hand-built signatures.</summary>
public sealed class PgeGapTests
{
    private static PgeSignature Signature(string name, int[] lengths, double[] vector, PgeOptions? options = null)
    {
        var norms = new double[lengths.Length];
        int offset = 0;
        for (int u = 0; u < lengths.Length; u++)
        {
            norms[u] = Math.Sqrt(vector.Skip(offset).Take(lengths[u]).Sum(v => v * v));
            offset += lengths[u];
        }

        return new PgeSignature(name, options ?? new PgeOptions(), 2, 10, 2, lengths, vector, norms, 0.5, string.Empty, 0);
    }

    [Fact]
    public void Gaps_by_hand()
    {
        // Unit 0: (1, 0) vs (0, 1): squared distance 2, distance √2, cosine 0. Unit 1: identical: 0, 0, cosine 1.
        var s = Signature("s", [2, 2], [1, 0, 0, 1]);
        var t = Signature("t", [2, 2], [0, 1, 0, 1]);
        NumericAssert.Close(1.0, PgeGap.Compute(s, t)); // √((2 + 0)/2)
        NumericAssert.Close(0.5, PgeGap.Compute(s, t, PgeDistance.Cosine)); // ((1 − 0) + (1 − 1))/2
        NumericAssert.Close(Math.Sqrt(2) / 2, PgeGap.Compute(s, t, PgeDistance.MeanUnitDistance)); // (√2 + 0)/2
        Assert.Equal(0.0, PgeGap.Compute(t, t));
        Assert.Equal(PgeGap.Compute(s, t), PgeGap.Compute(t, s));

        // A degenerate (zero) unit is at distance 1 from any unit vector and has cosine 0 with it.
        var z = Signature("z", [2, 2], [0, 0, 0.6, 0.8]);
        NumericAssert.Close(Math.Sqrt((1 + (0.6 * 0.6) + (0.2 * 0.2)) / 2), PgeGap.Compute(z, t)); // unit 1: (0.6, 0.8) − (0, 1)
        NumericAssert.Close(((1 - 0) + (1 - 0.8)) / 2, PgeGap.Compute(z, t, PgeDistance.Cosine));
        Assert.Equal(1, z.DegenerateUnits);
    }

    [Fact]
    public void Euclidean_squared_is_twice_the_cosine_gap_without_degenerate_units()
    {
        var rng = new Xfer.Core.SeededRandom(3);
        double[] Unit3() { var v = Enumerable.Range(0, 3).Select(_ => rng.NextGaussian()).ToArray(); double n = Math.Sqrt(v.Sum(a => a * a)); return v.Select(a => a / n).ToArray(); }
        var s = Signature("s", [3, 3, 3], [.. Unit3(), .. Unit3(), .. Unit3()]);
        var t = Signature("t", [3, 3, 3], [.. Unit3(), .. Unit3(), .. Unit3()]);
        double e = PgeGap.Compute(s, t);
        NumericAssert.Close(e * e / 2, PgeGap.Compute(s, t, PgeDistance.Cosine), rtol: 1e-13);
    }

    [Fact]
    public void Signatures_from_different_settings_or_encoders_are_refused()
    {
        var s = Signature("s", [2], [1, 0]);
        var ex = Assert.Throws<XferException>(() => PgeGap.Compute(s, Signature("t", [2], [0, 1], new PgeOptions { Seed = 5 })));
        Assert.Contains("different settings", ex.Message, StringComparison.Ordinal);
        var wider = s with { Name = "w", FeatureDimension = 3 };
        Assert.Contains("feature dimensions 2 and 3", Assert.Throws<XferException>(() => PgeGap.Compute(s, wider)).Message, StringComparison.Ordinal);

        // The distance is not part of the signature: signatures computed for different gaps still compare.
        Assert.Equal(1.0, PgeGap.Compute(s, Signature("t", [2], [0, 1], new PgeOptions { Distance = PgeDistance.Cosine }), PgeDistance.Cosine));
    }

    [Fact]
    public void Ranking_orders_by_mean_gap_and_reports_the_spread_and_stability_over_seeds()
    {
        // Sources at angle θ from the target (1, 0) have Euclidean gap 2·sin(θ/2); build the gaps 0.1/0.2/0.3 (seed 0) and
        // 0.1/0.3/0.2 (seed 1).
        static PgeSignature At(string name, double gap, int seed)
        {
            double theta = 2 * Math.Asin(gap / 2);
            return Signature(name, [2], [Math.Cos(theta), Math.Sin(theta)], new PgeOptions { Seed = seed });
        }

        var target = new[] { At("t", 0, 0), At("t", 0, 1) };
        var sources = new[]
        {
            new[] { At("c", 0.3, 0), At("c", 0.2, 1) },
            new[] { At("a", 0.1, 0), At("a", 0.1, 1) },
            new[] { At("b", 0.2, 0), At("b", 0.3, 1) },
        };
        var result = PgeRanking.Rank(target, sources);
        Assert.Equal(["a", "c", "b"], result.Sources.Select(s => s.Name)); // c and b tie at 0.25: input order
        NumericAssert.Close(0.1, result.Sources[0].Gap, rtol: 1e-12);
        NumericAssert.Close(0.25, result.Sources[1].Gap, rtol: 1e-12);
        NumericAssert.Close(Math.Sqrt(0.005), result.Sources[1].StandardDeviation, rtol: 1e-10); // values 0.3, 0.2
        Assert.Equal([1, 2, 3], result.Sources.Select(s => s.Rank));
        NumericAssert.Close(1.0 / 3, result.MeanPairwiseKendallTau!.Value, rtol: 1e-12); // 2 concordant, 1 discordant pair
        Assert.Null(PgeRanking.Rank(target[0], [sources[0][0], sources[1][0]]).MeanPairwiseKendallTau);
    }
}
