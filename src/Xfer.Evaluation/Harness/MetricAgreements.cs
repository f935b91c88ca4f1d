using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xfer.Evaluation.Correlation;

namespace Xfer.Evaluation.Harness;

/// <summary>One metric's scores over a pool of candidates.</summary>
/// <param name="MetricId">Metric id.</param>
/// <param name="DisplayName">The paper's name (the id when unknown).</param>
/// <param name="HigherIsBetter">The metric's direction.</param>
/// <param name="Values">Score per candidate name (candidates without a score are absent).</param>
/// <param name="Unavailable">Why a candidate has no score, per candidate name (optional).</param>
public sealed record MetricScores(string MetricId, string DisplayName, bool HigherIsBetter, IReadOnlyDictionary<string, double> Values,
    IReadOnlyDictionary<string, string>? Unavailable = null);

/// <summary>Turns score tables and a ground truth into per-metric agreement measures (shared by <c>xfer eval</c> and <c>xfer correlate</c>).</summary>
public static class MetricAgreements
{
    /// <summary>
    /// Computes every measure for every metric over the candidates that have both a score and a truth; a metric missing some
    /// candidates is evaluated on the rest, with a note naming them.
    /// </summary>
    /// <param name="metrics">Scores per metric.</param>
    /// <param name="truth">Ground truth per candidate (higher is better), in the order used for reports.</param>
    /// <param name="options">k values and bootstrap.</param>
    public static IReadOnlyList<MetricAgreement> Compute(IReadOnlyList<MetricScores> metrics, IReadOnlyList<KeyValuePair<string, double>> truth, RankAgreementOptions options)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(options);
        var result = new List<MetricAgreement>(metrics.Count);
        foreach (var m in metrics)
        {
            var (scores, truths, missing) = Align(m, truth);
            var notes = new List<string>();
            if (missing.Count > 0)
            {
                notes.Add(string.Format(CultureInfo.InvariantCulture, "scored {0} of {1} candidates; no score for {2}", scores.Length, truth.Count,
                    string.Join("; ", missing.Select(c => m.Unavailable is not null && m.Unavailable.TryGetValue(c, out var why) ? $"{c} ({why})" : c))));
            }

            if (scores.Length < 2)
            {
                notes.Add("fewer than two scored candidates: nothing to correlate.");
                result.Add(new MetricAgreement(m.MetricId, m.DisplayName, m.HigherIsBetter, scores.Length, null, notes));
                continue;
            }

            var agreement = RankAgreement.Compute(scores, truths, m.HigherIsBetter, options);
            if (scores.Distinct().Count() == 1)
            {
                notes.Add("every candidate has the same score: correlations are undefined and the top-k measures are those of a random pick.");
            }

            if (truths.Distinct().Count() == 1)
            {
                notes.Add("every candidate has the same ground truth: correlations are undefined.");
            }

            if (!(truths.Max() > 0))
            {
                notes.Add("the best ground truth is ≤ 0, so the relative measures (top-1 relative accuracy, rel@k) are undefined.");
            }

            result.Add(new MetricAgreement(m.MetricId, m.DisplayName, m.HigherIsBetter, scores.Length, agreement, notes));
        }

        return result;
    }

    /// <summary>
    /// Paired bootstrap of τ_w between the leading metric (highest τ_w among those that scored the most candidates) and every other metric with a defined τ_w, over the
    /// candidates both scored: is the leader's advantage larger than the resampling noise?
    /// </summary>
    public static IReadOnlyList<MetricComparison> CompareWithBest(IReadOnlyList<MetricScores> metrics, IReadOnlyList<KeyValuePair<string, double>> truth,
        IReadOnlyList<MetricAgreement> agreements, BootstrapOptions bootstrap)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var ranked = agreements.Where(a => a.Agreement is not null && !double.IsNaN(a.Agreement.WeightedTau))
            .OrderByDescending(a => a.Agreement!.WeightedTau).ToList();
        if (ranked.Count < 2)
        {
            return [];
        }

        // The reference metric is the best τ_w among the metrics that scored the most candidates: a metric that skipped some
        // (e.g. LEEP without predictions for one candidate) was measured on an easier, smaller pool and is not comparable.
        int Coverage(MetricAgreement a) => truth.Count(t => metrics.First(m => m.MetricId == a.MetricId).Values.ContainsKey(t.Key));
        int fullest = ranked.Max(Coverage);
        var reference = ranked.First(a => Coverage(a) == fullest);
        var best = metrics.First(m => m.MetricId == reference.MetricId);
        var comparisons = new List<MetricComparison>();
        foreach (var other in ranked.Where(a => a.MetricId != reference.MetricId))
        {
            var o = metrics.First(m => m.MetricId == other.MetricId);
            var common = truth.Where(t => best.Values.ContainsKey(t.Key) && o.Values.ContainsKey(t.Key)).ToList();
            if (common.Count < 2)
            {
                continue;
            }

            var a = RankAgreement.Orient(common.Select(t => best.Values[t.Key]).ToArray(), best.HigherIsBetter);
            var b = RankAgreement.Orient(common.Select(t => o.Values[t.Key]).ToArray(), o.HigherIsBetter);
            var y = common.Select(t => t.Value).ToArray();
            comparisons.Add(new MetricComparison(best.MetricId, o.MetricId, common.Count, WeightedTauBootstrap.Compare(a, b, y, bootstrap)));
        }

        return comparisons;
    }

    private static (double[] Scores, double[] Truth, List<string> Missing) Align(MetricScores m, IReadOnlyList<KeyValuePair<string, double>> truth)
    {
        var scores = new List<double>();
        var truths = new List<double>();
        var missing = new List<string>();
        foreach (var (candidate, value) in truth)
        {
            if (m.Values.TryGetValue(candidate, out double s))
            {
                scores.Add(s);
                truths.Add(value);
            }
            else
            {
                missing.Add(candidate);
            }
        }

        return (scores.ToArray(), truths.ToArray(), missing);
    }
}
