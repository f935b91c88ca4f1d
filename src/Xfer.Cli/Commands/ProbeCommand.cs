using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using System;
using Spectre.Console;
using Xfer.Cli.Console;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Evaluation.Harness;
using Xfer.Evaluation.Probing;
using Xfer.IO;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Statistics;

namespace Xfer.Cli.Commands;

/// <summary>
/// <c>xfer probe</c>: the ground truth of one feature matrix — train a linear (or MLP) head on the training samples and report
/// test accuracy and cross-entropy.
/// </summary>
public static class ProbeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CancellationToken cancellationToken)
    {
        var features = new Option<string>("--features") { Description = "N×D training features (.npy, .npz[:name], .csv, IDX).", Required = true };
        var labels = new Option<string>("--labels") { Description = "N training labels.", Required = true };
        var testFeatures = new Option<string?>("--test-features") { Description = "M×D test features (with --test-labels)." };
        var testLabels = new Option<string?>("--test-labels") { Description = "M test labels (with --test-features)." };
        var testFraction = new Option<double?>("--test-fraction") { Description = "Hold out this stratified fraction of the samples as the test set (default 0.2 when no test files are given)." };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var labelColumn = CommonOptions.LabelColumn();
        var probe = new ProbeOptions();
        var command = new Command("probe", "Ground truth for one feature matrix: fit a linear (or MLP) head on the training samples and report test accuracy and cross-entropy.")
        {
            features, labels, testFeatures, testLabels, testFraction, seed, json, threads, labelColumn,
        };
        foreach (var o in probe.All)
        {
            command.Options.Add(o);
        }

        CommandAction.Set(command, parse =>
        {
            Inputs.ApplyThreads(parse.GetValue(threads));
            int s = parse.GetValue(seed);
            var linear = probe.Linear(parse, s);
            var mlp = probe.Mlp(parse, s);
            var csv = new CsvOptions(parse.GetValue(labelColumn));
            string? testFeaturesSpec = parse.GetValue(testFeatures), testLabelsSpec = parse.GetValue(testLabels);
            double? fraction = parse.GetValue(testFraction);
            if ((testFeaturesSpec is null) != (testLabelsSpec is null))
            {
                throw new XferException("give --test-features and --test-labels together (or neither, to hold out --test-fraction of the samples).");
            }

            if (testFeaturesSpec is not null && fraction is not null)
            {
                throw new XferException("give either --test-features/--test-labels or --test-fraction, not both.");
            }

            string featuresSpec = parse.GetValue(features)!, labelsSpec = parse.GetValue(labels)!;
            var x = DataFiles.ReadMatrix(featuresSpec, "features", csv);
            var y = DataFiles.ReadLabels(labelsSpec, csv);
            Require.SameSampleCount(x.Rows, featuresSpec, y.Count, labelsSpec);
            Matrix xTrain, xTest;
            ClassLabels yTrain;
            int[] yTest;
            string split;
            if (testFeaturesSpec is not null)
            {
                xTrain = x;
                yTrain = y;
                xTest = DataFiles.ReadMatrix(testFeaturesSpec, "test features", csv);
                var yt = DataFiles.ReadLabels(testLabelsSpec!, csv);
                Require.SameSampleCount(xTest.Rows, testFeaturesSpec, yt.Count, testLabelsSpec!);
                yTest = EvaluationHarness.MapTestLabels(y, yt);
                split = "separate test files";
            }
            else
            {
                double f = fraction ?? EvaluationOptions.DefaultTestFraction;
                if (!(f > 0 && f < 1))
                {
                    throw new XferException($"--test-fraction {f.ToString(CultureInfo.InvariantCulture)}: must lie strictly between 0 and 1.");
                }

                Require.AtLeastTwoClasses(y, labelsSpec);
                var all = y.ToArray();
                var (trainRows, testRows) = StratifiedSampling.Split(all, y.ClassCount, f, s);
                xTrain = x.SelectRows(trainRows);
                xTest = x.SelectRows(testRows);
                yTrain = ClassLabels.FromIndices(trainRows.Select(i => all[i]).ToArray(), y.ClassNames);
                yTest = testRows.Select(i => all[i]).ToArray();
                split = string.Format(CultureInfo.InvariantCulture, "stratified split, test fraction {0:G3}, seed {1}", f, s);
            }

            var result = ConsoleProgress.Run(progress => mlp is null
                ? LinearProbe.Run(xTrain, yTrain, xTest, yTest, linear, progress, cancellationToken)
                : MlpProbe.Run(xTrain, yTrain, xTest, yTest, mlp, progress, cancellationToken));
            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(JsonOutput.Build(w =>
                {
                    w.WriteStartObject();
                    EvaluationReportWriter.WriteProbe(w, result);
                    w.WriteString("split", split);
                    w.WriteString("version", BuildInfo.Version);
                    w.WriteString("linearAlgebra", Linalg.Provider.Name);
                    w.WriteEndObject();
                }));
            }
            else
            {
                WriteText(result, split, featuresSpec);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(ProbeResult r, string split, string featuresSpec)
    {
        var console = Terminal.Out;
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLine(string.Format(inv, "[bold]{0}[/]: D={1}, C={2}, train {3} / test {4} ({5})", Markup.Escape(featuresSpec), r.Features, r.Classes, r.TrainSize, r.TestSize, Markup.Escape(split)));
        if (r.CrossValidation.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("l2").RightAligned()).AddColumn(new TableColumn("sklearn C").RightAligned())
                .AddColumn(new TableColumn("CV accuracy").RightAligned()).AddColumn(new TableColumn("CV cross-entropy").RightAligned())
                .AddColumn(new TableColumn("iterations").RightAligned()).AddColumn("converged");
            int trainRowsPerFold = r.TrainSize - (r.TrainSize / Math.Max(1, r.Folds));
            foreach (var p in r.CrossValidation)
            {
                string mark = p.L2 == r.L2 ? " ←" : string.Empty;
                table.AddRow(p.L2.ToString("G3", inv) + mark, (1.0 / (p.L2 * trainRowsPerFold)).ToString("G3", inv), p.MeanAccuracy.ToString("F4", inv),
                    p.MeanCrossEntropy.ToString("F4", inv), p.Iterations.ToString(inv), p.AllConverged ? "yes" : "[yellow]no[/]");
            }

            console.Write(table);
        }

        console.MarkupLine(string.Format(inv, "[bold]test accuracy {0:F4}[/], test cross-entropy {1:F4} nats, train accuracy {2:F4}", r.Accuracy, r.CrossEntropy, r.TrainAccuracy));
        console.MarkupLine(string.Format(inv, "[grey]{0}; {1} l2={2:G3}; {3} iterations{4}; {5:F1} s; linear algebra: {6}[/]",
            Markup.Escape(r.Settings), r.Head, r.L2, r.Iterations, r.Converged ? string.Empty : " (not converged)", r.Seconds, Markup.Escape(Linalg.Provider.Name)));
        foreach (var w in r.Warnings)
        {
            console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(w));
        }
    }
}
