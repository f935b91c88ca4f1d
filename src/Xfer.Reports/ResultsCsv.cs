using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xfer.Reports.Model;

namespace Xfer.Reports;

/// <summary>
/// The report's tables as CSV (RFC 4180 quoting, invariant numbers in round-trip precision, empty cells for undefined
/// values), one file per table so each loads directly into a data frame.
/// </summary>
public static class ResultsCsv
{
    /// <summary>File name of <see cref="Candidates"/>.</summary>
    public const string CandidatesFile = "candidates.csv";

    /// <summary>File name of <see cref="Scores"/>.</summary>
    public const string ScoresFile = "scores.csv";

    /// <summary>File name of <see cref="Agreement"/>.</summary>
    public const string AgreementFile = "agreement.csv";

    /// <summary>File name of <see cref="Tta"/>.</summary>
    public const string TtaFile = "tta.csv";

    /// <summary>File name of <see cref="Pge"/>.</summary>
    public const string PgeFile = "pge.csv";

    /// <summary>Every CSV of the document, by file name (TTA and PGE only when present).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var files = new List<KeyValuePair<string, string>>
        {
            new(CandidatesFile, Candidates(document)),
            new(ScoresFile, Scores(document)),
            new(AgreementFile, Agreement(document)),
        };
        if (document.Tta is not null)
        {
            files.Add(new(TtaFile, Tta(document.Tta)));
        }

        if (document.Pge is not null)
        {
            files.Add(new(PgeFile, Pge(document.Pge)));
        }

        return files;
    }

    /// <summary><c>study,candidate,model,layer,features,accuracy,crossEntropy</c>: the ground truth per candidate.</summary>
    public static string Candidates(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder("study,candidate,model,layer,features,accuracy,crossEntropy\n");
        foreach (var s in document.Studies)
        {
            foreach (var c in s.Candidates)
            {
                Row(sb, s.Id, c.Name, c.Model, c.Layer, c.Features.ToString(System.Globalization.CultureInfo.InvariantCulture), ReportNumbers.Data(c.Accuracy), ReportNumbers.Data(c.CrossEntropy));
            }
        }

        return sb.ToString();
    }

    /// <summary><c>study,candidate,metric,value,unavailable</c>: every score (value empty and a reason when there is none).</summary>
    public static string Scores(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder("study,candidate,metric,value,unavailable\n");
        foreach (var s in document.Studies)
        {
            foreach (var m in s.Metrics)
            {
                foreach (var c in s.Candidates)
                {
                    if (m.Scores.TryGetValue(c.Name, out double v))
                    {
                        Row(sb, s.Id, c.Name, m.Id, ReportNumbers.Data(v), string.Empty);
                    }
                    else if (m.Unavailable.TryGetValue(c.Name, out var why))
                    {
                        Row(sb, s.Id, c.Name, m.Id, string.Empty, why);
                    }
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>study,metric,name,higherIsBetter,poolRelative,candidates,weightedTau,weightedTauLow,weightedTauHigh,confidence,top1RelativeAccuracy,pearson,spearman,kendall,seconds</c>.
    /// </summary>
    public static string Agreement(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder("study,metric,name,higherIsBetter,poolRelative,candidates,weightedTau,weightedTauLow,weightedTauHigh,confidence,top1RelativeAccuracy,pearson,spearman,kendall,seconds\n");
        foreach (var s in document.Studies)
        {
            foreach (var m in s.Metrics)
            {
                var ci = m.WeightedTau;
                Row(sb, s.Id, m.Id, m.Name, m.HigherIsBetter ? "true" : "false", m.PoolRelative ? "true" : "false",
                    m.Scores.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ReportNumbers.Data(ci?.Value), ReportNumbers.Data(ci?.Lower), ReportNumbers.Data(ci?.Upper),
                    ci is { Resamples: > 0 } ? ReportNumbers.Data(ci.Confidence) : string.Empty,
                    ReportNumbers.Data(m.Top1RelativeAccuracy), ReportNumbers.Data(m.Pearson), ReportNumbers.Data(m.Spearman), ReportNumbers.Data(m.Kendall),
                    ReportNumbers.Data(m.Seconds));
            }
        }

        return sb.ToString();
    }

    /// <summary><c>source,target,reweightedSourceLoss,labelMismatchEntropy,wasserstein,bound,actualTargetLoss</c>.</summary>
    public static string Tta(TtaSection tta)
    {
        ArgumentNullException.ThrowIfNull(tta);
        var sb = new StringBuilder("source,target,reweightedSourceLoss,labelMismatchEntropy,wasserstein,bound,actualTargetLoss\n");
        foreach (var p in tta.Pairs)
        {
            Row(sb, p.Source, p.Target, ReportNumbers.Data(p.ReweightedSourceLoss), ReportNumbers.Data(p.LabelMismatchEntropy), ReportNumbers.Data(p.Wasserstein),
                ReportNumbers.Data(p.Bound), ReportNumbers.Data(p.ActualTargetLoss));
        }

        return sb.ToString();
    }

    /// <summary><c>target,source,gap</c>, one row per computed pair.</summary>
    public static string Pge(PgeSection pge)
    {
        ArgumentNullException.ThrowIfNull(pge);
        var sb = new StringBuilder("target,source,gap\n");
        for (int t = 0; t < pge.Targets.Count; t++)
        {
            for (int s = 0; s < pge.Sources.Count; s++)
            {
                if (pge.Gaps[t][s] is double g)
                {
                    Row(sb, pge.Targets[t], pge.Sources[s], ReportNumbers.Data(g));
                }
            }
        }

        return sb.ToString();
    }

    private static void Row(StringBuilder sb, params string[] cells)
    {
        sb.AppendJoin(',', cells.Select(Quote));
        sb.Append('\n');
    }

    /// <summary>Quotes a cell when it holds a comma, quote or line break (RFC 4180), doubling inner quotes.</summary>
    internal static string Quote(string cell)
        => cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
