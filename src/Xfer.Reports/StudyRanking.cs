using System.Collections.Generic;
using System.Linq;
using Xfer.Reports.Model;

namespace Xfer.Reports;

/// <summary>Orderings the text and HTML views share, so they always agree.</summary>
public static class StudyRanking
{
    /// <summary>Candidates by decreasing ground truth (ties keep input order).</summary>
    public static IReadOnlyList<StudyCandidate> ByTruth(Study study)
        => (study ?? throw new System.ArgumentNullException(nameof(study))).Candidates.OrderByDescending(c => c.Accuracy).ToList();

    /// <summary>Metrics by decreasing weighted τ; undefined τ last (ties keep catalogue order).</summary>
    public static IReadOnlyList<StudyMetric> ByWeightedTau(Study study)
        => (study ?? throw new System.ArgumentNullException(nameof(study))).Metrics
            .OrderByDescending(m => m.WeightedTau is { } t && double.IsFinite(t.Value) ? t.Value : double.NegativeInfinity).ToList();

    /// <summary>
    /// The metric's ranking of the scored candidates, best first (its direction applied; ties keep input order), as
    /// 1-based ranks per candidate name.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Ranks(Study study, StudyMetric metric)
    {
        System.ArgumentNullException.ThrowIfNull(study);
        System.ArgumentNullException.ThrowIfNull(metric);
        var scored = study.Candidates.Where(c => metric.Scores.ContainsKey(c.Name)).Select(c => (c.Name, Score: metric.Scores[c.Name]));
        var ordered = metric.HigherIsBetter ? scored.OrderByDescending(x => x.Score) : scored.OrderBy(x => x.Score);
        return ordered.Select((x, i) => (x.Name, Rank: i + 1)).ToDictionary(x => x.Name, x => x.Rank, System.StringComparer.Ordinal);
    }

    /// <summary>The candidate the metric puts first, or null when it scored none.</summary>
    public static string? TopPick(Study study, StudyMetric metric)
        => Ranks(study, metric).OrderBy(kv => kv.Value).Select(kv => kv.Key).FirstOrDefault();
}
