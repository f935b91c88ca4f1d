using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Spectre.Console;
using Xfer.Cli.Commands;
using Xfer.Core;
using Xfer.Evaluation.Harness;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Cli.Console;

/// <summary>The renderings of <c>xfer rank</c>: per-metric rankings on the terminal, <c>rank.json</c> (also <c>--json</c>) and <c>scores.csv</c>.</summary>
public static class RankOutput
{
    /// <summary>The files <see cref="WriteFiles"/> writes.</summary>
    public static readonly string[] FileNames = ["scores.csv", "rank.json"];

    /// <summary>The scores as per-metric tables for the agreement measures (unavailable candidates carry their reason).</summary>
    public static IReadOnlyList<MetricScores> ScoreTables(PoolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Metrics.Select(m =>
        {
            var rows = result.Outcomes.Where(o => o.Metric.Id == m.Id).ToList();
            return new MetricScores(m.Id, m.DisplayName, m.HigherIsBetter,
                rows.Where(o => o.Value is not null).ToDictionary(o => o.Candidate, o => o.Value!.Value, StringComparer.Ordinal),
                rows.Where(o => o.Value is null).ToDictionary(o => o.Candidate, o => o.Unavailable ?? "no value", StringComparer.Ordinal));
        }).ToList();
    }

    /// <summary>Writes scores.csv and rank.json into <paramref name="directory"/> (created if needed), each atomically.</summary>
    public static void WriteFiles(RankReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "scores.csv"), Csv(report.Result));
        AtomicFile.WriteAllText(Path.Combine(directory, "rank.json"), Json(report) + "\n");
    }

    /// <summary>
    /// <c>candidate,metric,value,higherIsBetter,seconds,note</c> rows (the layout of <c>xfer eval</c>'s scores.csv, readable by
    /// <c>xfer correlate</c>); an unavailable score has an empty value and the reason as note.
    /// </summary>
    public static string Csv(PoolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("candidate,metric,value,higherIsBetter,seconds,note\n");
        foreach (var o in result.Outcomes)
        {
            sb.Append(CsvText.Line([o.Candidate, o.Metric.Id, CsvText.Number(o.Value), o.Metric.HigherIsBetter ? "true" : "false",
                o.Seconds.ToString("F4", CultureInfo.InvariantCulture), o.Unavailable ?? string.Join(" ", o.Warnings)])).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// The JSON document: <c>{"candidates":[names], "scores":[{"candidate","metric","value","higherIsBetter","seconds",
    /// "unavailable"?, "details"?, "warnings"?}], "rankings":{metric:[names best first]}, "agreement"?:[…]}</c> plus the candidates'
    /// shapes, the metrics' descriptors and the provenance (version, linear algebra, threads, seed, parameters).
    /// </summary>
    public static string Json(RankReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = report.Result;
        return JsonOutput.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("version", BuildInfo.Version);
            w.WriteString("linearAlgebra", Linalg.Provider.Name);
            w.WriteNumber("threads", Linalg.Provider.Threads);
            w.WriteNumber("seed", report.Settings.Seed);
            w.WriteStartObject("parameters");
            foreach (var (k, v) in report.Settings.Parameters)
            {
                w.WriteString(k, v);
            }

            w.WriteEndObject();
            w.WriteNumber("samples", report.Labels.Count);
            w.WriteNumber("classes", report.Labels.ClassCount);
            w.WriteNumber("seconds", r.Seconds);
            w.WriteStartArray("candidates");
            foreach (var c in r.Candidates)
            {
                w.WriteStringValue(c.Name);
            }

            w.WriteEndArray();
            w.WriteStartArray("candidateInfo");
            foreach (var c in r.Candidates)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteNumber("dims", c.Features);
                if (c.SourceClasses is int sc)
                {
                    w.WriteNumber("sourceClasses", sc);
                }

                w.WriteNumber("sharedStatisticsSeconds", c.SharedSeconds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("metrics");
            foreach (var m in r.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("id", m.Id);
                w.WriteString("name", m.DisplayName);
                w.WriteString("citation", m.CitationKey);
                w.WriteBoolean("higherIsBetter", m.HigherIsBetter);
                w.WriteBoolean("poolRelative", m.PoolRelative);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("scores");
            foreach (var o in r.Outcomes)
            {
                JsonOutput.Outcome(w, o, withCandidate: true);
            }

            w.WriteEndArray();
            w.WriteStartObject("rankings");
            foreach (var m in r.Metrics)
            {
                w.WriteStartArray(m.Id);
                foreach (var o in r.Ranking(m.Id).Where(o => o.Value is not null))
                {
                    w.WriteStringValue(o.Candidate);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            if (report.Agreements is not null)
            {
                w.WriteString("truth", report.TruthPath);
                w.WriteStartArray("agreement");
                foreach (var a in report.Agreements)
                {
                    AgreementOutput.WriteJson(w, a, report.AgreementOptions.Ks);
                }

                w.WriteEndArray();
                w.WriteStartArray("comparisons");
                foreach (var c in report.Comparisons)
                {
                    AgreementOutput.WriteJson(w, c);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    /// <summary>Per metric, the candidates best first (then the unavailable ones with their reasons), and the agreement table when a truth was given.</summary>
    public static void WriteText(RankReport report, string? outDir)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = report.Result;
        var console = Terminal.Out;
        var inv = CultureInfo.InvariantCulture;
        int width = Math.Max(9, r.Candidates.Max(c => c.Name.Length));
        console.MarkupLine(string.Format(inv, "[bold]{0} candidate(s)[/], N={1}, C={2}, {3} metric(s), {4:F1} s", r.Candidates.Count, report.Labels.Count,
            report.Labels.ClassCount, r.Metrics.Count, r.Seconds));
        foreach (var m in r.Metrics)
        {
            console.WriteLine();
            console.MarkupLine(string.Format(inv, "[bold]{0}[/] — {1} ({2} is better{3})", Markup.Escape(m.Id), Markup.Escape(m.DisplayName),
                m.HigherIsBetter ? "higher" : "lower", m.PoolRelative ? ", relative to this pool" : string.Empty));
            int rank = 0;
            foreach (var o in r.Ranking(m.Id))
            {
                string name = Markup.Escape(o.Candidate.PadRight(width));
                if (o.Value is double v)
                {
                    rank++;
                    string notes = o.Warnings.Count > 0 ? "  [grey]" + Markup.Escape(string.Join("; ", o.Warnings)) + "[/]" : string.Empty;
                    console.MarkupLine(string.Format(inv, "  {0,3}  {1}  {2,14}{3}", rank, name, Markup.Escape(v.ToString("G6", inv)), notes));
                }
                else
                {
                    console.MarkupLine(string.Format(inv, "    –  {0}  [yellow]unavailable[/]: {1}", name, Markup.Escape(o.Unavailable ?? string.Empty)));
                }
            }
        }

        if (report.Agreements is not null)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Agreement with " + Markup.Escape(report.TruthPath ?? "the truth") + "[/]");
            AgreementTable.Write(report.Agreements, report.Comparisons, report.AgreementOptions);
        }

        console.MarkupLine(string.Format(inv, "[grey]linear algebra: {0}{1}[/]", Markup.Escape(Linalg.Provider.Name),
            outDir is null ? string.Empty : " · wrote " + string.Join(", ", FileNames) + " to " + Markup.Escape(Path.GetFullPath(outDir))));
    }
}
