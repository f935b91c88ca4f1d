using System.Collections.Generic;
using Xfer.Reports.Model;

namespace Xfer.Tests.Reports;

/// <summary>Hand-built report documents with numbers chosen so every expected output can be written down by hand.</summary>
internal static class SampleReports
{
    /// <summary>
    /// One study, three candidates (truth 0.9 &gt; 0.8 &gt; 0.7 for a, b, "c,1"), two metrics: "up" (higher is better,
    /// scores 3, 2, 1: the truth order) and "down" (lower is better, scores 0.5, 0.25, —: prefers b, no score for "c,1").
    /// </summary>
    public static ReportDocument Small(TtaSection? tta = null, PgeSection? pge = null)
    {
        var candidates = new List<StudyCandidate>
        {
            new("a", "m1", "l1", 4, 0.9, 0.3),
            new("b", "m1", "l2 (final)", 8, 0.8, 0.5),
            new("c,1", "m2", "l1", 16, 0.7, 0.75),
        };
        var up = new StudyMetric("up", "Up", true, false,
            new Dictionary<string, double> { ["a"] = 3, ["b"] = 2, ["c,1"] = 1 }, new Dictionary<string, string>(),
            new IntervalEstimate(1, 0.5, 1, 0.95, 1000, 990, 7), 1, 1, 1, 1, 0.25, []);
        var down = new StudyMetric("down", "Down", false, true,
            new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.25 }, new Dictionary<string, string> { ["c,1"] = "needs \"probs\"" },
            new IntervalEstimate(-1, double.NaN, double.NaN, 0.95, 1000, 0, 7), 0.8 / 0.9, -1, -1, -1, 1.5, ["scored 2 of 3 candidates"]);
        var study = new Study("toy", "Toy study", "toy data", 3, 30, 10, "probe", candidates, [up, down], ["a note"]);
        return new ReportDocument("Toy report", "today", ["seed 7"], [study], tta, pge, [new StageTiming("score", 1.75, "2 metrics"), new StageTiming("probe", 130)], ["nothing missing"]);
    }

    /// <summary>Two TTA pairs, the second without a measured loss.</summary>
    public static TtaSection Tta() => new("toy analysis",
        [new TtaPairTerms("src", "tgt", 0.5, 0.25, 0.125, 0.875, 0.6), new TtaPairTerms("src2", "tgt", 1, 0.5, 0.25, 1.75, null)], []);

    /// <summary>A 2 × 3 gap matrix with one missing pair.</summary>
    public static PgeSection Pge() => new("toy gaps", ["t1", "t2"], ["s1", "s2", "s3"], [[0.5, 1.5, null], [2, 0.25, 1]], []);
}
