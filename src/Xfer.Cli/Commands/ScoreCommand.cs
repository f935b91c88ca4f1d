using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using Spectre.Console;
using Xfer.Cli.Console;
using Xfer.IO;
using Xfer.Metrics;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Cli.Commands;

/// <summary><c>xfer score</c>: every requested metric on one feature matrix and its labels.</summary>
public static class ScoreCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CancellationToken cancellationToken)
    {
        var features = new Option<string>("--features") { Description = "N×D features (.npy, .npz[:name], .csv, IDX).", Required = true };
        var labels = new Option<string>("--labels") { Description = "N labels (integers or strings; .npy, .npz[:name], .csv, IDX).", Required = true };
        var probs = new Option<string?>("--source-probs") { Description = "N×Cs probabilities of the pre-trained model's own head (for LEEP, NCE)." };
        var logits = new Option<string?>("--source-logits") { Description = "N×Cs logits of the pre-trained model's own head (soft-maxed)." };
        var metrics = CommonOptions.Metrics();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var seed = CommonOptions.Seed();
        var eps = CommonOptions.TransRateEpsilon();
        var param = CommonOptions.Params();
        var labelColumn = CommonOptions.LabelColumn();

        var command = new Command("score", "Score one feature matrix against its labels with transferability metrics.")
        {
            features, labels, probs, logits, metrics, json, threads, seed, eps, param, labelColumn,
        };

        CommandAction.Set(command, parse =>
        {
            Inputs.ApplyThreads(parse.GetValue(threads));
            var settings = CommonOptions.BuildSettings(parse.GetValue(seed), parse.GetValue(param), parse.GetValue(eps));
            string metricList = parse.GetValue(metrics)!;
            var selected = MetricCatalog.Parse(metricList, includePoolRelative: false).Cast<ISingleTaskMetric>().ToList();
            var csv = new CsvOptions(parse.GetValue(labelColumn));
            var task = Inputs.LoadTask(parse.GetValue(features)!, parse.GetValue(labels)!, parse.GetValue(probs), parse.GetValue(logits), csv);
            bool explicitList = !metricList.Split(',').Any(s => s.Trim().Equals("all", StringComparison.OrdinalIgnoreCase));
            if (explicitList)
            {
                MetricRunner.CheckInputs(task, selected);
            }

            double shared = 0;
            var outcomes = ConsoleProgress.Run(progress => MetricRunner.Score(task, selected, settings, out shared, progress, cancellationToken));
            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(ToJson(task, outcomes, shared, settings));
            }
            else
            {
                WriteTable(task, outcomes, shared);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The <c>--json</c> document: <c>{"samples","dims","classes","scores":[{"metric","value","higherIsBetter","seconds"}]}</c> plus provenance.</summary>
    public static string ToJson(TransferTask task, IReadOnlyList<MetricOutcome> outcomes, double sharedSeconds, MetricSettings settings)
        => JsonOutput.Build(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("samples", task.SampleCount);
            w.WriteNumber("dims", task.FeatureCount);
            w.WriteNumber("classes", task.ClassCount);
            if (task.Source is not null)
            {
                w.WriteNumber("sourceClasses", task.Source.SourceClassCount);
            }

            w.WriteString("version", BuildInfo.Version);
            w.WriteString("linearAlgebra", Linalg.Provider.Name);
            w.WriteNumber("threads", Linalg.Provider.Threads);
            w.WriteNumber("seed", settings.Seed);
            w.WriteNumber("sharedStatisticsSeconds", sharedSeconds);
            w.WriteStartArray("scores");
            foreach (var o in outcomes)
            {
                JsonOutput.Outcome(w, o, withCandidate: false);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void WriteTable(TransferTask task, IReadOnlyList<MetricOutcome> outcomes, double shared)
    {
        var console = Terminal.Out;
        console.MarkupLine(string.Format(CultureInfo.InvariantCulture, "[bold]{0}[/]: N={1}, D={2}, C={3}{4}",
            Markup.Escape(task.Name), task.SampleCount, task.FeatureCount, task.ClassCount,
            task.Source is null ? string.Empty : ", source classes=" + task.Source.SourceClassCount.ToString(CultureInfo.InvariantCulture)));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("metric").AddColumn(new TableColumn("score").RightAligned()).AddColumn("better").AddColumn(new TableColumn("seconds").RightAligned()).AddColumn("notes");
        foreach (var o in outcomes)
        {
            string value = o.Value is double v ? v.ToString("G6", CultureInfo.InvariantCulture) : "—";
            string notes = o.Unavailable ?? string.Join("; ", o.Warnings);
            table.AddRow(
                Markup.Escape(o.Metric.Id),
                Markup.Escape(value),
                o.Metric.HigherIsBetter ? "higher" : "lower",
                o.Seconds.ToString("F3", CultureInfo.InvariantCulture),
                Markup.Escape(notes));
        }

        console.Write(table);
        console.MarkupLine(string.Format(CultureInfo.InvariantCulture, "[grey]shared statistics {0:F3} s · linear algebra: {1}[/]", shared, Markup.Escape(Linalg.Provider.Name)));
    }
}
