using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xfer.Reports.Model;

namespace Xfer.Reports;

/// <summary>
/// results.json: the whole <see cref="ReportDocument"/> as JSON, numbers in full precision, undefined numbers as null.
/// </summary>
/// <remarks>
/// Shape (keys in camelCase; per metric the names follow <c>xfer correlate --json</c>):
/// <code>
/// {"title", "generated", "provenance":[…], "notes":[…], "stages":[{"stage","seconds","detail"}],
///  "studies":[{"id","title","target","classes","trainSamples","testSamples","groundTruth","notes":[…],
///    "candidates":[{"name","model","layer","features","accuracy","crossEntropy"}],
///    "metrics":[{"metric","name","higherIsBetter","poolRelative","seconds","weightedTau",
///      "weightedTauInterval":{"lower","upper","confidence","resamples","valid","seed"},
///      "top1RelativeAccuracy","pearson","spearman","kendall",
///      "scores":[{"candidate","value"}], "unavailable":[{"candidate","reason"}], "notes":[…]}]}],
///  "tta": null | {"description","notes","pairs":[{"source","target","reweightedSourceLoss","labelMismatchEntropy","wasserstein","bound","actualTargetLoss"}]},
///  "pge": null | {"description","notes","targets":[…],"sources":[…],"gaps":[[…]]}}
/// </code>
/// </remarks>
public static class ResultsJson
{
    /// <summary>The document as indented JSON text.</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, document);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the document as one JSON object.</summary>
    public static void Write(Utf8JsonWriter w, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(document);
        w.WriteStartObject();
        w.WriteString("title", document.Title);
        w.WriteString("generated", document.Generated);
        Strings(w, "provenance", document.Provenance);
        Strings(w, "notes", document.Notes);
        w.WriteStartArray("stages");
        foreach (var s in document.Stages)
        {
            w.WriteStartObject();
            w.WriteString("stage", s.Stage);
            Number(w, "seconds", s.Seconds);
            if (s.Detail is not null)
            {
                w.WriteString("detail", s.Detail);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("studies");
        foreach (var study in document.Studies)
        {
            WriteStudy(w, study);
        }

        w.WriteEndArray();
        WriteTta(w, document.Tta);
        WritePge(w, document.Pge);
        w.WriteEndObject();
    }

    private static void WriteStudy(Utf8JsonWriter w, Study study)
    {
        w.WriteStartObject();
        w.WriteString("id", study.Id);
        w.WriteString("title", study.Title);
        w.WriteString("target", study.Target);
        w.WriteNumber("classes", study.Classes);
        w.WriteNumber("trainSamples", study.TrainSamples);
        w.WriteNumber("testSamples", study.TestSamples);
        w.WriteString("groundTruth", study.GroundTruth);
        Strings(w, "notes", study.Notes);
        w.WriteStartArray("candidates");
        foreach (var c in study.Candidates)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("model", c.Model);
            w.WriteString("layer", c.Layer);
            w.WriteNumber("features", c.Features);
            Number(w, "accuracy", c.Accuracy);
            Number(w, "crossEntropy", c.CrossEntropy);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("metrics");
        foreach (var m in study.Metrics)
        {
            WriteMetric(w, study, m);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter w, Study study, StudyMetric m)
    {
        w.WriteStartObject();
        w.WriteString("metric", m.Id);
        w.WriteString("name", m.Name);
        w.WriteBoolean("higherIsBetter", m.HigherIsBetter);
        w.WriteBoolean("poolRelative", m.PoolRelative);
        Number(w, "seconds", m.Seconds);
        Number(w, "weightedTau", m.WeightedTau?.Value);
        if (m.WeightedTau is { Resamples: > 0 } ci)
        {
            w.WriteStartObject("weightedTauInterval");
            Number(w, "lower", ci.Lower);
            Number(w, "upper", ci.Upper);
            Number(w, "confidence", ci.Confidence);
            w.WriteNumber("resamples", ci.Resamples);
            w.WriteNumber("valid", ci.Valid);
            w.WriteNumber("seed", ci.Seed);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("weightedTauInterval");
        }

        Number(w, "top1RelativeAccuracy", m.Top1RelativeAccuracy);
        Number(w, "pearson", m.Pearson);
        Number(w, "spearman", m.Spearman);
        Number(w, "kendall", m.Kendall);
        w.WriteStartArray("scores");
        foreach (var c in study.Candidates.Where(c => m.Scores.ContainsKey(c.Name)))
        {
            w.WriteStartObject();
            w.WriteString("candidate", c.Name);
            Number(w, "value", m.Scores[c.Name]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("unavailable");
        foreach (var c in study.Candidates.Where(c => m.Unavailable.ContainsKey(c.Name)))
        {
            w.WriteStartObject();
            w.WriteString("candidate", c.Name);
            w.WriteString("reason", m.Unavailable[c.Name]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Strings(w, "notes", m.Notes);
        w.WriteEndObject();
    }

    private static void WriteTta(Utf8JsonWriter w, TtaSection? tta)
    {
        if (tta is null)
        {
            w.WriteNull("tta");
            return;
        }

        w.WriteStartObject("tta");
        w.WriteString("description", tta.Description);
        Strings(w, "notes", tta.Notes);
        w.WriteStartArray("pairs");
        foreach (var p in tta.Pairs)
        {
            w.WriteStartObject();
            w.WriteString("source", p.Source);
            w.WriteString("target", p.Target);
            Number(w, "reweightedSourceLoss", p.ReweightedSourceLoss);
            Number(w, "labelMismatchEntropy", p.LabelMismatchEntropy);
            Number(w, "wasserstein", p.Wasserstein);
            Number(w, "bound", p.Bound);
            Number(w, "actualTargetLoss", p.ActualTargetLoss);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePge(Utf8JsonWriter w, PgeSection? pge)
    {
        if (pge is null)
        {
            w.WriteNull("pge");
            return;
        }

        w.WriteStartObject("pge");
        w.WriteString("description", pge.Description);
        Strings(w, "notes", pge.Notes);
        Strings(w, "targets", pge.Targets);
        Strings(w, "sources", pge.Sources);
        w.WriteStartArray("gaps");
        foreach (var row in pge.Gaps)
        {
            w.WriteStartArray();
            foreach (double? g in row)
            {
                if (g is double v && double.IsFinite(v))
                {
                    w.WriteNumberValue(v);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>A number, or null when absent or not finite (JSON has no NaN).</summary>
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
