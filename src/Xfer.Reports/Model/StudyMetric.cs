using System.Collections.Generic;

namespace Xfer.Reports.Model;

/// <summary>One metric within a study: its scores and how well their ranking agrees with the ground truth.</summary>
/// <param name="Id">Metric id (e.g. "logme").</param>
/// <param name="Name">Display name (the paper's).</param>
/// <param name="HigherIsBetter">Direction; lower-is-better scores are flipped before correlating.</param>
/// <param name="PoolRelative">Whether the score is defined relative to the pool of candidates.</param>
/// <param name="Scores">Score per candidate name (candidates without a score are absent).</param>
/// <param name="Unavailable">Why a candidate has no score, per candidate name.</param>
/// <param name="WeightedTau">Weighted τ with its bootstrap interval; null when undefined (fewer than two scores).</param>
/// <param name="Top1RelativeAccuracy">Truth of the top-scored candidate over the best truth; null when undefined.</param>
/// <param name="Pearson">Pearson's r of the oriented scores with the truth; null when undefined.</param>
/// <param name="Spearman">Spearman's ρ; null when undefined.</param>
/// <param name="Kendall">Kendall's τ-b; null when undefined.</param>
/// <param name="Seconds">Total wall seconds spent scoring every candidate with this metric.</param>
/// <param name="Notes">Why values are missing or undefined.</param>
public sealed record StudyMetric(
    string Id,
    string Name,
    bool HigherIsBetter,
    bool PoolRelative,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyDictionary<string, string> Unavailable,
    IntervalEstimate? WeightedTau,
    double? Top1RelativeAccuracy,
    double? Pearson,
    double? Spearman,
    double? Kendall,
    double Seconds,
    IReadOnlyList<string> Notes);

/// <summary>A statistic with a percentile bootstrap interval.</summary>
/// <param name="Value">The statistic on the full sample (NaN when undefined).</param>
/// <param name="Lower">Lower end (NaN when the bootstrap had too few usable resamples or was not run).</param>
/// <param name="Upper">Upper end (NaN likewise).</param>
/// <param name="Confidence">Coverage, e.g. 0.95 (0 when no bootstrap was run).</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="Valid">Resamples on which the statistic was defined.</param>
/// <param name="Seed">Seed of the resampling.</param>
public sealed record IntervalEstimate(double Value, double Lower, double Upper, double Confidence, int Resamples, int Valid, int Seed);
