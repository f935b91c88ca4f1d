using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Spectre.Console;
using Xfer.Cli.Console;
using Xfer.Core.Errors;
using Xfer.Evaluation.Harness;
using Xfer.IO;
using Xfer.Metrics.Catalog;

namespace Xfer.Cli.Commands;

/// <summary>
/// <c>xfer eval</c>: the whole protocol — score every candidate with every metric, obtain each candidate's ground truth with the
/// probe, and measure each metric's agreement with it; writes scores.csv, truth.csv, correlations.csv, summary.md and eval.json.
/// </summary>
public static class EvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CancellationToken cancellationToken)
    {
        var labels = new Option<string>("--labels") { Description = "N labels of the target samples, shared by every candidate.", Required = true };
        var candidate = new Option<string[]>("--candidate")
        {
            Description = "NAME=FEATURES[,PROBS] (repeat per candidate): features of the N samples, optionally the source head's probabilities (or logits=FILE). Files may be file.npz:member.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var testLabels = new Option<string?>("--test-labels") { Description = "M labels of a separate test set (then give --test-candidate for every candidate)." };
        var testCandidate = new Option<string[]>("--test-candidate") { Description = "NAME=FEATURES (repeat): the candidate's features of the M test samples.", AllowMultipleArgumentsPerToken = false };
        var testFraction = new Option<double?>("--test-fraction") { Description = "Without test files: hold out this stratified fraction of the samples as the test set (default 0.2)." };
        var output = new Option<string>("--out") { Description = "Output directory for scores.csv, truth.csv, correlations.csv, summary.md, eval.json.", Required = true };
        var metrics = CommonOptions.Metrics();
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var eps = CommonOptions.TransRateEpsilon();
        var param = CommonOptions.Params();
        var labelColumn = CommonOptions.LabelColumn();
        var probe = new ProbeOptions();
        var agreement = new AgreementCliOptions();
        var command = new Command("eval", "Evaluate metrics against ground truth: score every candidate, probe each one, and correlate the two.")
        {
            labels, candidate, testLabels, testCandidate, testFraction, output, metrics, seed, json, threads, eps, param, labelColumn,
        };
        foreach (var o in probe.All.Concat(agreement.All))
        {
            command.Options.Add(o);
        }

        CommandAction.Set(command, parse =>
        {
            Inputs.ApplyThreads(parse.GetValue(threads));
            int s = parse.GetValue(seed);
            var settings = CommonOptions.BuildSettings(s, parse.GetValue(param), parse.GetValue(eps));
            var selected = MetricCatalog.Parse(parse.GetValue(metrics)!, includePoolRelative: true);
            if (selected.Count == 0)
            {
                throw new XferException("no metrics selected (the catalog is empty?); run 'xfer info' to list them.");
            }

            var csv = new CsvOptions(parse.GetValue(labelColumn));
            var specs = CandidateSpec.ParseAll(parse.GetValue(candidate), "--candidate");
            var testSpecs = CandidateSpec.ParseAll(parse.GetValue(testCandidate), "--test-candidate");
            string? testLabelsSpec = parse.GetValue(testLabels);
            double? fraction = parse.GetValue(testFraction);
            CheckTestOptions(specs, testSpecs, testLabelsSpec, fraction);

            var options = new EvaluationOptions
            {
                Metrics = selected,
                MetricSettings = settings,
                TestFraction = fraction ?? EvaluationOptions.DefaultTestFraction,
                Probe = probe.Linear(parse, s),
                MlpHead = probe.Mlp(parse, s),
                Agreement = agreement.Build(parse, s),
                Seed = s,
            };

            var y = DataFiles.ReadLabels(parse.GetValue(labels)!, csv);
            var yTest = testLabelsSpec is null ? null : DataFiles.ReadLabels(testLabelsSpec, csv);
            var pool = specs.Select(spec => new EvaluationCandidate(spec.Name, () =>
            {
                var test = testSpecs.FirstOrDefault(t => t.Name == spec.Name);
                return new CandidateData(spec.ReadFeatures(csv), spec.ReadSource(), test?.ReadFeatures(csv));
            })).ToList();

            string dir = parse.GetValue(output)!;
            var report = ConsoleProgress.Run(progress => EvaluationHarness.Run(y, yTest, pool, options, progress, cancellationToken));
            EvaluationReportWriter.WriteAll(report, dir, BuildInfo.Version);
            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(EvaluationReportWriter.Json(report, BuildInfo.Version));
            }
            else
            {
                AgreementTable.Write(report.Agreements, report.Comparisons, report.Provenance.Agreement);
                Terminal.Out.MarkupLine(string.Format(CultureInfo.InvariantCulture, "[grey]{0} candidates in {1:F1} s. Wrote {2} to {3}.[/]",
                    report.Candidates.Count, report.Seconds, string.Join(", ", EvaluationReportWriter.FileNames), Markup.Escape(Path.GetFullPath(dir))));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void CheckTestOptions(IReadOnlyList<CandidateSpec> specs, IReadOnlyList<CandidateSpec> testSpecs,
        string? testLabels, double? fraction)
    {
        if (testLabels is null)
        {
            if (testSpecs.Count > 0)
            {
                throw new XferException("--test-candidate needs --test-labels (the labels of the test samples).");
            }

            return;
        }

        if (fraction is not null)
        {
            throw new XferException("give either --test-labels with --test-candidate, or --test-fraction, not both.");
        }

        var names = specs.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var testNames = testSpecs.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var missing = names.Except(testNames).ToList();
        var extra = testNames.Except(names).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new XferException("with --test-labels every --candidate needs a --test-candidate of the same name"
                + (missing.Count > 0 ? "; missing: " + string.Join(", ", missing) : string.Empty)
                + (extra.Count > 0 ? "; unknown: " + string.Join(", ", extra) : string.Empty) + ".");
        }

        if (testSpecs.Any(t => t.Probabilities is not null || t.Logits is not null))
        {
            throw new XferException("--test-candidate takes NAME=FEATURES only: the probe uses features, and metrics are scored on the training samples.");
        }
    }
}
