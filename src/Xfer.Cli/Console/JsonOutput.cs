using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xfer.Metrics.Catalog;

namespace Xfer.Cli.Console;

/// <summary>Writes JSON to stdout (or a file) with invariant formatting: numbers round-trip, non-finite numbers become null.</summary>
public static class JsonOutput
{
    /// <summary>Options used for every JSON document the CLI writes.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds a document with <paramref name="write"/> and returns it as text.</summary>
    public static string Build(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a number, or null when it is NaN or infinite (JSON has no NaN).</summary>
    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>
    /// One metric outcome as the score and rank JSON print it: candidate (when asked), metric, value, direction, seconds, and
    /// the reason, details and warnings when there are any.
    /// </summary>
    public static void Outcome(Utf8JsonWriter w, MetricOutcome o, bool withCandidate)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(o);
        w.WriteStartObject();
        if (withCandidate)
        {
            w.WriteString("candidate", o.Candidate);
        }

        w.WriteString("metric", o.Metric.Id);
        Number(w, "value", o.Value);
        w.WriteBoolean("higherIsBetter", o.Metric.HigherIsBetter);
        w.WriteNumber("seconds", o.Seconds);
        if (o.Unavailable is not null)
        {
            w.WriteString("unavailable", o.Unavailable);
        }

        if (o.Details.Count > 0)
        {
            w.WriteStartObject("details");
            foreach (var (k, v) in o.Details)
            {
                Number(w, k, v);
            }

            w.WriteEndObject();
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
}
