using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xfer.Core;
using Xfer.Evaluation.Probing;

namespace Xfer.Evaluation.Harness;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as <c>scores.csv</c>, <c>truth.csv</c>, <c>correlations.csv</c>, <c>summary.md</c> and
/// <c>eval.json</c> (each atomically), with the provenance (tool version, linear-algebra provider, seed, split, ground-truth protocol).
/// <c>scores.csv</c> and <c>truth.csv</c> are valid inputs of <c>xfer correlate</c>.
/// </summary>
public static class EvaluationReportWriter
{
    /// <summary>The files written by <see cref="WriteAll"/>.</summary>
    public static readonly string[] FileNames = ["scores.csv", "truth.csv", "correlations.csv", "summary.md", "eval.json"];

    /// <summary>Writes every file into <paramref name="directory"/> (created if needed).</summary>
    /// <param name="report">The evaluation.</param>
    /// <param name="directory">Output directory.</param>
    /// <param name="toolVersion">The tool's version string, recorded in summary.md and eval.json.</param>
    public static void WriteAll(EvaluationReport report, string directory, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "scores.csv"), ScoresCsv(report));
        AtomicFile.WriteAllText(Path.Combine(directory, "truth.csv"), TruthCsv(report));
        AtomicFile.WriteAllText(Path.Combine(directory, "correlations.csv"), AgreementOutput.Csv(report.Agreements, report.Provenance.Agreement.Ks));
        AtomicFile.WriteAllText(Path.Combine(directory, "summary.md"), SummaryMarkdown(report, toolVersion));
        AtomicFile.WriteAllText(Path.Combine(directory, "eval.json"), Json(report, toolVersion));
    }

    /// <summary><c>candidate,metric,value,higherIsBetter,seconds,note</c>; an unavailable score has an empty value and the reason as note.</summary>
    public static string ScoresCsv(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("candidate,metric,value,higherIsBetter,seconds,note\n");
        foreach (var c in report.Candidates)
        {
            foreach (var o in c.Scores)
            {
                sb.Append(CsvText.Line([c.Name, o.Metric.Id, CsvText.Number(o.Value), o.Metric.HigherIsBetter ? "true" : "false",
                    o.Seconds.ToString("F4", CultureInfo.InvariantCulture), o.Unavailable ?? string.Join(" ", o.Warnings)])).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary><c>candidate,accuracy,crossEntropy,trainAccuracy,l2,trainSize,testSize,iterations,converged</c>; the second column is the ground truth.</summary>
    public static string TruthCsv(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("candidate,accuracy,crossEntropy,trainAccuracy,l2,trainSize,testSize,iterations,converged\n");
        foreach (var c in report.Candidates)
        {
            var t = c.Truth;
            sb.Append(CsvText.Line([c.Name, CsvText.Number(t.Accuracy), CsvText.Number(t.CrossEntropy), CsvText.Number(t.TrainAccuracy), CsvText.Number(t.L2),
                t.TrainSize.ToString(CultureInfo.InvariantCulture), t.TestSize.ToString(CultureInfo.InvariantCulture),
                t.Iterations.ToString(CultureInfo.InvariantCulture), t.Converged ? "true" : "false"])).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A readable report: provenance, ground truth, scores, agreement (best first) and the paired comparisons.</summary>
    public static string SummaryMarkdown(EvaluationReport report, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Provenance;
        var ks = p.Agreement.Ks;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("# Transferability evaluation\n\n");
        sb.Append(inv, $"{report.Candidates.Count} candidates, {p.Classes} classes, {p.Metrics.Count} metrics. ");
        var top = report.Agreements.Where(a => a.Agreement is not null && !double.IsNaN(a.Agreement.WeightedTau)).OrderByDescending(a => a.Agreement!.WeightedTau).FirstOrDefault();
        if (top is not null)
        {
            sb.Append(inv, $"Best agreement with the ground truth: **{top.DisplayName}** (weighted τ {top.Agreement!.WeightedTau:F3}).");
        }

        sb.Append("\n\n## Provenance\n\n");
        sb.Append(inv, $"- tool: xfer {toolVersion}\n- linear algebra: {p.LinearAlgebra}\n- seed: {p.Seed}\n- test set: {p.Split}\n");
        sb.Append(inv, $"- ground truth: test accuracy of a {p.GroundTruth}\n");
        var b = p.Agreement.Bootstrap;
        sb.Append(b is null ? "- bootstrap: none\n" : string.Format(inv, "- weighted-τ intervals: {0:P0} percentile bootstrap over candidates, {1} resamples, seed {2}\n", b.Confidence, b.Resamples, b.Seed));
        sb.Append(inv, $"- wall time: {report.Seconds:F1} s\n");

        sb.Append("\n## Agreement with the ground truth\n\n");
        sb.Append(AgreementOutput.MarkdownTable(report.Agreements, ks));
        sb.Append("\nWeighted τ is SciPy's `weightedtau` (hyperbolic weights, both directions averaged); recall@k is SFDA's (is the top-scored candidate among the k best?). Lower-is-better metrics are negated first. Definitions: docs/evaluation.md.\n");
        var notes = report.Agreements.Where(a => a.Notes.Count > 0).ToList();
        foreach (var a in notes)
        {
            sb.Append(inv, $"\n- {a.DisplayName}: {string.Join(" ", a.Notes)}");
        }

        if (notes.Count > 0)
        {
            sb.Append('\n');
        }

        if (report.Comparisons.Count > 0)
        {
            sb.Append("\n## Is the best metric really better? (paired bootstrap)\n\n| comparison | Δ weighted τ | interval | P(better) |\n|---|---:|---|---:|\n");
            foreach (var c in report.Comparisons)
            {
                var d = c.Comparison.Difference;
                sb.Append(inv, $"| {c.MetricA} vs {c.MetricB} | {AgreementOutput.F(d.Estimate)} | [{AgreementOutput.F(d.Lower)}, {AgreementOutput.F(d.Upper)}] | {AgreementOutput.F(c.Comparison.ProbabilityAGreater, "F2")} |\n");
            }

            sb.Append("\nAn interval that contains 0 means the pool is too small to tell the two metrics apart.\n");
        }

        sb.Append("\n## Ground truth per candidate\n\n| candidate | test accuracy | test cross-entropy | train accuracy | l2 | train / test | notes |\n|---|---:|---:|---:|---:|---|---|\n");
        foreach (var c in report.Candidates.OrderByDescending(c => c.Truth.Accuracy))
        {
            var t = c.Truth;
            sb.Append(inv, $"| {c.Name} | {t.Accuracy:F4} | {t.CrossEntropy:F4} | {t.TrainAccuracy:F4} | {t.L2:G3} | {t.TrainSize} / {t.TestSize} | {string.Join(" ", t.Warnings)} |\n");
        }

        sb.Append("\n## Scores\n\n| candidate |");
        var metricIds = p.Metrics;
        foreach (var id in metricIds)
        {
            sb.Append(inv, $" {id} |");
        }

        sb.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", metricIds.Count))).Append('\n');
        foreach (var c in report.Candidates)
        {
            sb.Append(inv, $"| {c.Name} |");
            foreach (var id in metricIds)
            {
                var o = c.Scores.FirstOrDefault(s => s.Metric.Id == id);
                sb.Append(' ').Append(o?.Value is double v ? v.ToString("G6", inv) : "n/a").Append(" |");
            }

            sb.Append('\n');
        }

        var unavailable = report.Candidates.SelectMany(c => c.Scores.Where(o => o.Unavailable is not null).Select(o => $"{c.Name} / {o.Metric.Id}: {o.Unavailable}")).ToList();
        if (unavailable.Count > 0)
        {
            sb.Append("\nUnavailable scores:\n\n");
            foreach (var u in unavailable)
            {
                sb.Append("- ").Append(u).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The full report as JSON (see docs/evaluation.md for the fields).</summary>
    public static string Json(EvaluationReport report, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Provenance;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("version", toolVersion);
            w.WriteString("linearAlgebra", p.LinearAlgebra);
            w.WriteNumber("seed", p.Seed);
            w.WriteString("split", p.Split);
            w.WriteString("groundTruth", p.GroundTruth);
            w.WriteNumber("classes", p.Classes);
            w.WriteNumber("trainSamples", p.TrainSamples);
            w.WriteNumber("testSamples", p.TestSamples);
            w.WriteNumber("seconds", report.Seconds);
            w.WriteStartArray("metrics");
            foreach (var a in report.Agreements)
            {
                AgreementOutput.WriteJson(w, a, p.Agreement.Ks);
            }

            w.WriteEndArray();
            w.WriteStartArray("comparisons");
            foreach (var c in report.Comparisons)
            {
                AgreementOutput.WriteJson(w, c);
            }

            w.WriteEndArray();
            w.WriteStartArray("candidates");
            foreach (var c in report.Candidates)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteNumber("features", c.Features);
                w.WriteStartObject("truth");
                WriteProbe(w, c.Truth);
                w.WriteEndObject();
                w.WriteStartArray("scores");
                foreach (var o in c.Scores)
                {
                    w.WriteStartObject();
                    w.WriteString("metric", o.Metric.Id);
                    Number(w, "value", o.Value);
                    w.WriteBoolean("higherIsBetter", o.Metric.HigherIsBetter);
                    w.WriteNumber("seconds", o.Seconds);
                    if (o.Unavailable is not null)
                    {
                        w.WriteString("unavailable", o.Unavailable);
                    }

                    if (o.Warnings.Count > 0)
                    {
                        w.WriteStartArray("warnings");
                        foreach (var s in o.Warnings)
                        {
                            w.WriteStringValue(s);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the fields of a probe result into the current JSON object (shared with <c>xfer probe --json</c>).</summary>
    public static void WriteProbe(Utf8JsonWriter w, ProbeResult t)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(t);
        w.WriteString("head", t.Head);
        Number(w, "accuracy", t.Accuracy);
        Number(w, "crossEntropy", t.CrossEntropy);
        Number(w, "trainAccuracy", t.TrainAccuracy);
        Number(w, "l2", t.L2);
        w.WriteNumber("trainSize", t.TrainSize);
        w.WriteNumber("testSize", t.TestSize);
        w.WriteNumber("features", t.Features);
        w.WriteNumber("classes", t.Classes);
        w.WriteNumber("folds", t.Folds);
        w.WriteNumber("iterations", t.Iterations);
        w.WriteBoolean("converged", t.Converged);
        w.WriteNumber("seed", t.Seed);
        w.WriteNumber("seconds", t.Seconds);
        w.WriteString("settings", t.Settings);
        w.WriteStartArray("crossValidation");
        foreach (var cv in t.CrossValidation)
        {
            w.WriteStartObject();
            w.WriteNumber("l2", cv.L2);
            Number(w, "meanAccuracy", cv.MeanAccuracy);
            Number(w, "meanCrossEntropy", cv.MeanCrossEntropy);
            w.WriteStartArray("foldAccuracy");
            foreach (double v in cv.FoldAccuracy)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
            w.WriteNumber("iterations", cv.Iterations);
            w.WriteBoolean("converged", cv.AllConverged);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("details");
        foreach (var (k, v) in t.Details)
        {
            Number(w, k, v);
        }

        w.WriteEndObject();
        w.WriteStartArray("warnings");
        foreach (var s in t.Warnings)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
    }

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
