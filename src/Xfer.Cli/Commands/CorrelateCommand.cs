using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;
using Xfer.Cli.Console;
using Xfer.Core.Errors;
using Xfer.Evaluation.Correlation;
using Xfer.Evaluation.Harness;
using Xfer.Metrics.Catalog;

namespace Xfer.Cli.Commands;

/// <summary>
/// <c>xfer correlate</c>: how well each metric's scores agree with a ground truth — Pearson, Spearman, Kendall τ-b, weighted τ
/// with a bootstrap interval, top-1 relative accuracy, regret, recall@k, rel@k and best-in-top-k.
/// </summary>
public static class CorrelateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var scores = new Option<string>("--scores") { Description = "Score table: candidate,metric,value[,higherIsBetter] rows (optional header; xfer eval's scores.csv works).", Required = true };
        var truth = new Option<string>("--truth") { Description = "Ground truth: candidate,value rows (optional header; xfer eval's truth.csv works).", Required = true };
        var truthColumn = new Option<string?>("--truth-column") { Description = "Header name of the truth column (default: the second column)." };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var agreement = new AgreementCliOptions();
        var command = new Command("correlate", "Measure how well each metric's ranking of the candidates agrees with their ground truth.") { scores, truth, truthColumn, seed, json };
        foreach (var o in agreement.All)
        {
            command.Options.Add(o);
        }

        CommandAction.Set(command, parse =>
        {
            string scoresPath = parse.GetValue(scores)!, truthPath = parse.GetValue(truth)!;
            var options = agreement.Build(parse, parse.GetValue(seed));
            var rows = Read(scoresPath, r => ScoreTables.ReadScores(scoresPath, r));
            var truthRows = Read(truthPath, r => ScoreTables.ReadTruth(truthPath, r, parse.GetValue(truthColumn)));
            var known = new HashSet<string>(truthRows.Select(t => t.Key), StringComparer.Ordinal);
            var unknown = rows.Select(r => r.Candidate).Distinct(StringComparer.Ordinal).Where(c => !known.Contains(c)).ToList();
            if (unknown.Count > 0)
            {
                throw new InputFileException(scoresPath, string.Format(CultureInfo.InvariantCulture,
                    "{0} candidate(s) have scores but no ground truth in {1}: {2}. Check the names (they are case-sensitive) or add their truth.",
                    unknown.Count, truthPath, string.Join(", ", unknown.Take(10)) + (unknown.Count > 10 ? ", …" : string.Empty)));
            }

            var (tables, directionSource) = ScoreTables.ToMetricScores(scoresPath, rows, Direction);
            var agreements = MetricAgreements.Compute(tables, truthRows, options);
            var comparisons = options.Bootstrap is null ? [] : MetricAgreements.CompareWithBest(tables, truthRows, agreements, options.Bootstrap);
            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(JsonOutput.Build(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("candidates", truthRows.Count);
                    w.WriteString("version", BuildInfo.Version);
                    w.WriteNumber("seed", parse.GetValue(seed));
                    w.WriteStartArray("metrics");
                    foreach (var a in agreements)
                    {
                        AgreementOutput.WriteJson(w, a, options.Ks);
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("comparisons");
                    foreach (var c in comparisons)
                    {
                        AgreementOutput.WriteJson(w, c);
                    }

                    w.WriteEndArray();
                    w.WriteStartObject("directionSource");
                    foreach (var (metric, source) in directionSource)
                    {
                        w.WriteString(metric, source);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                }));
            }
            else
            {
                WriteText(agreements, comparisons, directionSource, truthRows.Count, options);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static (string DisplayName, bool HigherIsBetter)? Direction(string metricId)
    {
        var m = MetricCatalog.All.FirstOrDefault(x => string.Equals(x.Descriptor.Id, metricId, StringComparison.OrdinalIgnoreCase));
        return m is null ? null : (m.Descriptor.DisplayName, m.Descriptor.HigherIsBetter);
    }

    private static T Read<T>(string path, Func<TextReader, T> read)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, "file not found.");
        }

        using var reader = new StreamReader(path);
        return read(reader);
    }

    private static void WriteText(IReadOnlyList<MetricAgreement> agreements, IReadOnlyList<MetricComparison> comparisons, IReadOnlyDictionary<string, string> directionSource,
        int candidates, RankAgreementOptions options)
    {
        AgreementTable.Write(agreements, comparisons, options);
        Terminal.Out.MarkupLine(string.Format(CultureInfo.InvariantCulture, "[grey]{0} candidates.[/]", candidates));
        foreach (var (metric, _) in directionSource.Where(d => d.Value == "assumed higher-is-better"))
        {
            Terminal.Out.MarkupLine(Markup.Escape($"note: '{metric}' is not a catalog metric and its rows have no higherIsBetter column; assumed higher is better."));
        }
    }
}
