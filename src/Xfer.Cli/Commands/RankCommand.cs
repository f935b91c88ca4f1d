using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Xfer.Cli.Console;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Evaluation.Correlation;
using Xfer.Evaluation.Harness;
using Xfer.IO;
using Xfer.Metrics;
using Xfer.Metrics.Catalog;

namespace Xfer.Cli.Commands;

/// <summary>
/// <c>xfer rank</c>: score every candidate (features of the same labelled samples, any widths) with every metric, including the
/// pool-relative ones (NCTI, ETran), and print per metric the candidates best first; with <c>--truth</c>, how well each metric's
/// ranking agrees with the candidates' known transfer results.
/// </summary>
public static class RankCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CancellationToken cancellationToken)
    {
        var labels = new Option<string>("--labels") { Description = "N labels of the target samples, shared by every candidate.", Required = true };
        var candidate = new Option<string[]>("--candidate")
        {
            Description = "NAME=FEATURES[,PROBS] (repeat per candidate): N×D features, optionally the source head's probabilities (or logits=FILE). Files may be file.npz:member.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var truth = new Option<string?>("--truth") { Description = "Known transfer results: candidate,value rows (optional header); adds each metric's agreement with them." };
        var truthColumn = new Option<string?>("--truth-column") { Description = "Header name of the truth column (default: the second column)." };
        var output = new Option<string?>("--out") { Description = "Directory for scores.csv (candidate,metric,value,…) and rank.json." };
        var metrics = CommonOptions.Metrics();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var seed = CommonOptions.Seed();
        var eps = CommonOptions.TransRateEpsilon();
        var param = CommonOptions.Params();
        var labelColumn = CommonOptions.LabelColumn();
        var agreement = new AgreementCliOptions();
        var command = new Command("rank", "Rank candidate models (or layers) for one labelled target with every metric, pool-relative ones included.")
        {
            labels, candidate, truth, truthColumn, output, metrics, json, threads, seed, eps, param, labelColumn,
        };
        foreach (var o in agreement.All)
        {
            command.Options.Add(o);
        }

        CommandAction.Set(command, parse =>
        {
            Inputs.ApplyThreads(parse.GetValue(threads));
            int s = parse.GetValue(seed);
            var settings = CommonOptions.BuildSettings(s, parse.GetValue(param), parse.GetValue(eps));
            string metricList = parse.GetValue(metrics)!;
            var selected = MetricCatalog.Parse(metricList, includePoolRelative: true);
            var csv = new CsvOptions(parse.GetValue(labelColumn));
            var specs = CandidateSpec.ParseAll(parse.GetValue(candidate), "--candidate");
            if (specs.Count == 0)
            {
                throw new XferException("no candidates: give --candidate NAME=FEATURES[,PROBS] once per model.");
            }

            bool explicitList = !metricList.Split(',').Any(x => x.Trim().Equals("all", StringComparison.OrdinalIgnoreCase));
            CheckSourceInputs(specs, selected, explicitList);

            string? truthPath = parse.GetValue(truth);
            var truthRows = truthPath is null ? null : ReadTruth(truthPath, parse.GetValue(truthColumn), specs);
            var agreementOptions = agreement.Build(parse, s);
            string? outDir = parse.GetValue(output);
            if (outDir is not null && File.Exists(outDir))
            {
                throw new XferException($"--out {outDir} is a file; give a directory (it is created if missing).");
            }

            var y = DataFiles.ReadLabels(parse.GetValue(labels)!, csv);
            var pool = specs.Select(spec => new PoolCandidate(spec.Name, () => new TransferTask(spec.ReadFeatures(csv), y, spec.ReadSource(), spec.Name))).ToList();
            var result = ConsoleProgress.Run(progress => PoolRunner.Run(pool, selected, settings, progress, cancellationToken));

            IReadOnlyList<MetricAgreement>? agreements = null;
            IReadOnlyList<MetricComparison> comparisons = [];
            if (truthRows is not null)
            {
                var tables = RankOutput.ScoreTables(result);
                agreements = MetricAgreements.Compute(tables, truthRows, agreementOptions);
                comparisons = agreementOptions.Bootstrap is null ? [] : MetricAgreements.CompareWithBest(tables, truthRows, agreements, agreementOptions.Bootstrap);
            }

            var report = new RankReport(result, y, settings, agreements, comparisons, agreementOptions, truthPath);
            if (outDir is not null)
            {
                RankOutput.WriteFiles(report, outDir);
            }

            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(RankOutput.Json(report));
            }
            else
            {
                RankOutput.WriteText(report, outDir);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Metrics the user named that need source predictions when no candidate has any: one clear error before any work. When some
    /// candidates have them, the others get an "unavailable" row instead.
    /// </summary>
    private static void CheckSourceInputs(IReadOnlyList<CandidateSpec> specs, IReadOnlyList<ITransferabilityMetric> metrics, bool explicitList)
    {
        if (!explicitList || specs.Any(c => c.Probabilities is not null || c.Logits is not null))
        {
            return;
        }

        var needSource = metrics.Where(m => m.Descriptor.Requires.HasFlag(MetricInputs.SourcePredictions)).Select(m => m.Descriptor.Id).ToList();
        if (needSource.Count > 0)
        {
            throw new XferException($"{string.Join(", ", needSource)} {(needSource.Count == 1 ? "needs" : "need")} the source model's predictions, but no candidate has them; give NAME=FEATURES,PROBS (or logits=FILE), or leave {(needSource.Count == 1 ? "it" : "them")} out of --metrics.");
        }
    }

    private static List<KeyValuePair<string, double>> ReadTruth(string path, string? column, IReadOnlyList<CandidateSpec> specs)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, "file not found.");
        }

        IReadOnlyList<KeyValuePair<string, double>> rows;
        using (var reader = new StreamReader(path))
        {
            rows = ScoreTables.ReadTruth(path, reader, column);
        }

        var byName = rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var missing = specs.Where(c => !byName.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture,
                "no ground truth for candidate(s) {0}; it has rows for {1}. Names are case-sensitive; add the missing rows or drop those candidates.",
                string.Join(", ", missing), string.Join(", ", rows.Select(r => r.Key).Take(10)) + (rows.Count > 10 ? ", …" : string.Empty)));
        }

        // Rows for other candidates are ignored, so one truth file can serve several subsets of a zoo.
        return specs.Select(c => new KeyValuePair<string, double>(c.Name, byName[c.Name])).ToList();
    }
}

/// <summary>A finished ranking with what is needed to report it.</summary>
/// <param name="Result">The scores.</param>
/// <param name="Labels">The shared labels.</param>
/// <param name="Settings">Seed and parameters used.</param>
/// <param name="Agreements">Agreement with the truth per metric, when <c>--truth</c> was given.</param>
/// <param name="Comparisons">Paired bootstrap comparisons with the best metric.</param>
/// <param name="AgreementOptions">k values and bootstrap settings.</param>
/// <param name="TruthPath">The truth file, or null.</param>
public sealed record RankReport(PoolResult Result, ClassLabels Labels, MetricSettings Settings, IReadOnlyList<MetricAgreement>? Agreements,
    IReadOnlyList<MetricComparison> Comparisons, RankAgreementOptions AgreementOptions, string? TruthPath);
