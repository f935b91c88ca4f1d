using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.Evaluation.Correlation;

namespace Xfer.Analysis.Pge;

/// <summary>One source's gap to the target.</summary>
/// <param name="Name">Source name.</param>
/// <param name="Gap">The gap (mean over seeds when there are several); smaller = expected to transfer better.</param>
/// <param name="StandardDeviation">Sample standard deviation of the gap over seeds (0 with one seed).</param>
/// <param name="GapsBySeed">The gap under each seed, in seed order.</param>
/// <param name="Rank">1 = smallest gap.</param>
public sealed record PgeSourceGap(string Name, double Gap, double StandardDeviation, IReadOnlyList<double> GapsBySeed, int Rank);

/// <summary>Sources ordered by their PGE gap to a target.</summary>
/// <param name="Target">Target name.</param>
/// <param name="Sources">Sources, smallest gap first (ties keep the input order).</param>
/// <param name="Seeds">Number of seeds the gaps were averaged over.</param>
/// <param name="MeanPairwiseKendallTau">Stability over seeds: the mean Kendall τ-b between the rankings of every pair of seeds
/// (1 = every seed ranks the sources identically); null with one seed or fewer than two sources.</param>
/// <param name="Distance">The gap used.</param>
public sealed record PgeRankingResult(string Target, IReadOnlyList<PgeSourceGap> Sources, int Seeds, double? MeanPairwiseKendallTau, PgeDistance Distance);

/// <summary>Ranks sources for a target by PGE gap, optionally over several seeds.</summary>
public static class PgeRanking
{
    /// <summary>Ranks sources with one signature each.</summary>
    public static PgeRankingResult Rank(PgeSignature target, IReadOnlyList<PgeSignature> sources, PgeDistance distance = PgeDistance.Euclidean)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sources);
        return Rank([target], sources.Select(s => (IReadOnlyList<PgeSignature>)[s]).ToList(), distance);
    }

    /// <summary>
    /// Ranks sources by their gap averaged over seeds: <paramref name="targetBySeed"/>[k] is compared with
    /// <paramref name="sourcesBySeed"/>[i][k] (same seed, hence the same probe network).
    /// </summary>
    public static PgeRankingResult Rank(IReadOnlyList<PgeSignature> targetBySeed, IReadOnlyList<IReadOnlyList<PgeSignature>> sourcesBySeed,
        PgeDistance distance = PgeDistance.Euclidean)
    {
        ArgumentNullException.ThrowIfNull(targetBySeed);
        ArgumentNullException.ThrowIfNull(sourcesBySeed);
        int seeds = targetBySeed.Count;
        if (seeds == 0 || sourcesBySeed.Any(s => s.Count != seeds))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "Every source needs one signature per target seed ({0}).", seeds));
        }

        if (sourcesBySeed.Count == 0)
        {
            throw new XferException("PGE needs at least one source to rank.");
        }

        var gaps = new double[sourcesBySeed.Count][];
        for (int i = 0; i < gaps.Length; i++)
        {
            gaps[i] = new double[seeds];
            for (int k = 0; k < seeds; k++)
            {
                gaps[i][k] = PgeGap.Compute(sourcesBySeed[i][k], targetBySeed[k], distance);
            }
        }

        var rows = Enumerable.Range(0, gaps.Length)
            .Select(i => (Index: i, Mean: gaps[i].Average(), Std: StandardDeviation(gaps[i])))
            .OrderBy(r => r.Mean).ThenBy(r => r.Index)
            .Select((r, rank) => new PgeSourceGap(sourcesBySeed[r.Index][0].Name, r.Mean, r.Std, gaps[r.Index], rank + 1))
            .ToList();
        return new PgeRankingResult(targetBySeed[0].Name, rows, seeds, MeanPairwiseKendall(gaps, seeds), distance);
    }

    /// <summary>Sample standard deviation (n − 1); 0 for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return 0;
        }

        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static double? MeanPairwiseKendall(double[][] gaps, int seeds)
    {
        if (seeds < 2 || gaps.Length < 2)
        {
            return null;
        }

        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < seeds; a++)
        {
            var x = gaps.Select(g => g[a]).ToArray();
            for (int b = a + 1; b < seeds; b++)
            {
                double tau = KendallTau.Compute(x, gaps.Select(g => g[b]).ToArray());
                if (!double.IsNaN(tau))
                {
                    sum += tau;
                    pairs++;
                }
            }
        }

        return pairs > 0 ? sum / pairs : null;
    }
}
