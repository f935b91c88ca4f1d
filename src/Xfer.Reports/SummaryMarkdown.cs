using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Xfer.Reports.Model;

namespace Xfer.Reports;

/// <summary>summary.md: the report's findings as Markdown tables, readable in a terminal and on any Markdown viewer.</summary>
public static class SummaryMarkdown
{
    /// <summary>The summary text.</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("# ").Append(document.Title).Append("\n\n");
        sb.Append(document.Generated).Append("\n\n");
        foreach (var note in document.Notes)
        {
            sb.Append("> **Note:** ").Append(note).Append('\n');
        }

        if (document.Notes.Count > 0)
        {
            sb.Append('\n');
        }

        foreach (var study in document.Studies)
        {
            WriteStudy(sb, study);
        }

        if (document.Tta is { } tta)
        {
            sb.Append("## Task Transfer Analysis\n\n").Append(tta.Description).Append("\n\n");
            sb.Append("| source | target | re-weighted source loss | label mismatch | Wasserstein (scaled) | bound | actual target loss |\n|---|---|---:|---:|---:|---:|---:|\n");
            foreach (var p in tta.Pairs)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {Cell(p.Source)} | {Cell(p.Target)} | {ReportNumbers.Text(p.ReweightedSourceLoss)} | {ReportNumbers.Text(p.LabelMismatchEntropy)} | {ReportNumbers.Text(p.Wasserstein)} | {ReportNumbers.Text(p.Bound)} | {ReportNumbers.Text(p.ActualTargetLoss)} |\n");
            }

            Notes(sb, tta.Notes);
        }

        if (document.Pge is { } pge)
        {
            sb.Append("## PGE: source tasks ranked per target\n\n").Append(pge.Description).Append("\n\n");
            sb.Append("| target | ").AppendJoin(" | ", pge.Sources.Select(Cell)).Append(" |\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", pge.Sources.Count))).Append('\n');
            for (int t = 0; t < pge.Targets.Count; t++)
            {
                sb.Append("| ").Append(Cell(pge.Targets[t])).Append(" | ").AppendJoin(" | ", pge.Gaps[t].Select(g => ReportNumbers.Text(g, "G4"))).Append(" |\n");
            }

            Notes(sb, pge.Notes);
        }

        if (document.Stages.Count > 0)
        {
            sb.Append("## Time per stage\n\n| stage | wall time | detail |\n|---|---:|---|\n");
            foreach (var s in document.Stages)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {Cell(s.Stage)} | {ReportNumbers.Seconds(s.Seconds)} | {Cell(s.Detail ?? string.Empty)} |\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"| **total** | **{ReportNumbers.Seconds(document.Stages.Sum(s => s.Seconds))}** | |\n\n");
        }

        if (document.Provenance.Count > 0)
        {
            sb.Append("## Provenance\n\n");
            foreach (var line in document.Provenance)
            {
                sb.Append("- ").Append(line).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static void WriteStudy(StringBuilder sb, Study study)
    {
        sb.Append("## ").Append(study.Title).Append("\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Target: {study.Target} ({study.Classes} classes; {study.TrainSamples} training and {study.TestSamples} test samples).  \n");
        sb.Append("Ground truth: ").Append(study.GroundTruth).Append(".\n\n");

        sb.Append("| rank | candidate | D | probe accuracy |\n|---:|---|---:|---:|\n");
        int rank = 1;
        foreach (var c in StudyRanking.ByTruth(study))
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {rank++} | {Cell(c.Name)} | {c.Features} | {ReportNumbers.Text(c.Accuracy, "F4")} |\n");
        }

        sb.Append("\n| metric | weighted τ | interval | top-1 rel. acc. | top pick | time |\n|---|---:|---|---:|---|---:|\n");
        foreach (var m in StudyRanking.ByWeightedTau(study))
        {
            var t = m.WeightedTau;
            string ci = t is { Resamples: > 0 } && double.IsFinite(t.Lower)
                ? string.Format(CultureInfo.InvariantCulture, "[{0:F3}, {1:F3}] ({2:0%})", t.Lower, t.Upper, t.Confidence)
                : "–";
            sb.Append(CultureInfo.InvariantCulture,
                $"| {Cell(m.Name)}{(m.HigherIsBetter ? string.Empty : " (↓)")} | {ReportNumbers.Text(t?.Value)} | {ci} | {ReportNumbers.Text(m.Top1RelativeAccuracy)} | {Cell(StudyRanking.TopPick(study, m) ?? "–")} | {ReportNumbers.Seconds(m.Seconds)} |\n");
        }

        sb.Append('\n');
        Notes(sb, study.Notes.Concat(study.Metrics.SelectMany(m => m.Notes.Select(n => m.Name + ": " + n))).ToList());
    }

    private static void Notes(StringBuilder sb, System.Collections.Generic.IReadOnlyList<string> notes)
    {
        foreach (var n in notes)
        {
            sb.Append("- ").Append(n).Append('\n');
        }

        sb.Append('\n');
    }

    /// <summary>A table cell: pipes escaped, line breaks flattened.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
