using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xfer.Evaluation.Correlation;

namespace Xfer.Evaluation.Harness;

/// <summary>
/// The one rendering of agreement measures used by every output (<c>correlations.csv</c>, <c>eval.json</c>, <c>xfer correlate --json</c>,
/// <c>summary.md</c>), so field names and number formats never drift apart.
/// </summary>
public static class AgreementOutput
{
    /// <summary>The CSV columns of <see cref="CsvRow"/>, for the given k values.</summary>
    public static IReadOnlyList<string> CsvHeader(IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(ks);
        var h = new List<string>
        {
            "metric", "higherIsBetter", "candidates", "pearson", "spearman", "kendall", "weightedTau", "weightedTauLow", "weightedTauHigh",
            "bootstrapValid", "top1RelativeAccuracy", "regret", "topScoreTies",
        };
        h.AddRange(ks.Select(k => "recallAt" + k.ToString(CultureInfo.InvariantCulture)));
        h.AddRange(ks.Select(k => "relAt" + k.ToString(CultureInfo.InvariantCulture)));
        h.AddRange(ks.Select(k => "bestInTop" + k.ToString(CultureInfo.InvariantCulture)));
        h.Add("notes");
        return h;
    }

    /// <summary>One metric as CSV fields matching <see cref="CsvHeader"/> (undefined numbers are empty).</summary>
    public static IReadOnlyList<string> CsvRow(MetricAgreement m, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(ks);
        var a = m.Agreement;
        var row = new List<string>
        {
            m.MetricId,
            m.HigherIsBetter ? "true" : "false",
            m.Candidates.ToString(CultureInfo.InvariantCulture),
            CsvText.Number(a?.Pearson),
            CsvText.Number(a?.Spearman),
            CsvText.Number(a?.Kendall),
            CsvText.Number(a?.WeightedTau),
            CsvText.Number(a?.WeightedTauInterval?.Lower),
            CsvText.Number(a?.WeightedTauInterval?.Upper),
            a?.WeightedTauInterval is null ? string.Empty : a.WeightedTauInterval.Valid.ToString(CultureInfo.InvariantCulture),
            CsvText.Number(a?.Top1RelativeAccuracy),
            CsvText.Number(a?.Regret),
            a is null ? string.Empty : a.TopScoreTies.ToString(CultureInfo.InvariantCulture),
        };
        row.AddRange(ks.Select(k => CsvText.Number(Lookup(a?.RecallAtK, k))));
        row.AddRange(ks.Select(k => CsvText.Number(Lookup(a?.RelativeAtK, k))));
        row.AddRange(ks.Select(k => CsvText.Number(Lookup(a?.BestInTopK, k))));
        row.Add(string.Join(" ", m.Notes));
        return row;
    }

    /// <summary>The whole correlations table as CSV text.</summary>
    public static string Csv(IReadOnlyList<MetricAgreement> agreements, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        var sb = new StringBuilder();
        sb.Append(CsvText.Line(CsvHeader(ks))).Append('\n');
        foreach (var m in agreements)
        {
            sb.Append(CsvText.Line(CsvRow(m, ks))).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Writes one metric as a JSON object: <c>metric, name, higherIsBetter, candidates, pearson, spearman, kendall, weightedTau,
    /// weightedTauInterval{lower, upper, confidence, resamples, valid, seed}, top1RelativeAccuracy, regret, topScoreTies,
    /// recallAt{k}, relAt{k}, bestInTop{k}, notes</c>; undefined numbers are null.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter w, MetricAgreement m, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(ks);
        var a = m.Agreement;
        w.WriteStartObject();
        w.WriteString("metric", m.MetricId);
        w.WriteString("name", m.DisplayName);
        w.WriteBoolean("higherIsBetter", m.HigherIsBetter);
        w.WriteNumber("candidates", m.Candidates);
        Number(w, "pearson", a?.Pearson);
        Number(w, "spearman", a?.Spearman);
        Number(w, "kendall", a?.Kendall);
        Number(w, "weightedTau", a?.WeightedTau);
        if (a?.WeightedTauInterval is BootstrapInterval ci)
        {
            w.WriteStartObject("weightedTauInterval");
            Number(w, "lower", ci.Lower);
            Number(w, "upper", ci.Upper);
            w.WriteNumber("confidence", ci.Confidence);
            w.WriteNumber("resamples", ci.Resamples);
            w.WriteNumber("valid", ci.Valid);
            w.WriteNumber("seed", ci.Seed);
            w.WriteEndObject();
        }

        Number(w, "top1RelativeAccuracy", a?.Top1RelativeAccuracy);
        Number(w, "regret", a?.Regret);
        if (a is not null)
        {
            w.WriteNumber("topScoreTies", a.TopScoreTies);
        }

        foreach (int k in ks)
        {
            Number(w, "recallAt" + k.ToString(CultureInfo.InvariantCulture), Lookup(a?.RecallAtK, k));
        }

        foreach (int k in ks)
        {
            Number(w, "relAt" + k.ToString(CultureInfo.InvariantCulture), Lookup(a?.RelativeAtK, k));
        }

        foreach (int k in ks)
        {
            Number(w, "bestInTop" + k.ToString(CultureInfo.InvariantCulture), Lookup(a?.BestInTopK, k));
        }

        w.WriteStartArray("notes");
        foreach (var n in m.Notes)
        {
            w.WriteStringValue(n);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes a paired comparison as a JSON object.</summary>
    public static void WriteJson(Utf8JsonWriter w, MetricComparison c)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        var d = c.Comparison.Difference;
        w.WriteStartObject();
        w.WriteString("metricA", c.MetricA);
        w.WriteString("metricB", c.MetricB);
        w.WriteNumber("candidates", c.Candidates);
        Number(w, "weightedTauDifference", d.Estimate);
        Number(w, "lower", d.Lower);
        Number(w, "upper", d.Upper);
        w.WriteNumber("confidence", d.Confidence);
        Number(w, "probabilityAGreater", c.Comparison.ProbabilityAGreater);
        w.WriteNumber("valid", d.Valid);
        w.WriteEndObject();
    }

    /// <summary>A Markdown table of the agreements, best τ_w first.</summary>
    public static string MarkdownTable(IReadOnlyList<MetricAgreement> agreements, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(ks);
        var sb = new StringBuilder();
        sb.Append("| metric | n | weighted τ | 95 % CI | Kendall τ-b | Spearman ρ | Pearson r | top-1 rel. acc. | regret |");
        foreach (int k in ks)
        {
            sb.Append(CultureInfo.InvariantCulture, $" recall@{k} |");
        }

        sb.Append('\n').Append("|---|---:|---:|---|---:|---:|---:|---:|---:|").Append(string.Concat(Enumerable.Repeat("---:|", ks.Count))).Append('\n');
        foreach (var m in agreements.OrderByDescending(x => x.Agreement is null || double.IsNaN(x.Agreement.WeightedTau) ? double.NegativeInfinity : x.Agreement.WeightedTau))
        {
            var a = m.Agreement;
            string ci = a?.WeightedTauInterval is BootstrapInterval b && !double.IsNaN(b.Lower)
                ? string.Format(CultureInfo.InvariantCulture, "[{0:F3}, {1:F3}]", b.Lower, b.Upper)
                : "—";
            sb.Append(CultureInfo.InvariantCulture, $"| {m.DisplayName}{(m.HigherIsBetter ? string.Empty : " (↓, flipped)")} | {m.Candidates} | {F(a?.WeightedTau)} | {ci} | {F(a?.Kendall)} | {F(a?.Spearman)} | {F(a?.Pearson)} | {F(a?.Top1RelativeAccuracy)} | {F(a?.Regret, "G4")} |");
            foreach (int k in ks)
            {
                sb.Append(CultureInfo.InvariantCulture, $" {F(Lookup(a?.RecallAtK, k), "G3")} |");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A number formatted for tables, or an em dash when undefined.</summary>
    public static string F(double? v, string format = "F3") => v is double x && double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static double? Lookup(IReadOnlyDictionary<int, double>? d, int k) => d is not null && d.TryGetValue(k, out double v) ? v : null;

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
