using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Spectre.Console;
using Xfer.Analysis.TaskTransfer;
using Xfer.Cli.Console;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.IO;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Cli.Commands;

/// <summary>
/// <c>xfer analyze</c>: Task Transfer Analysis (Mehra, Zhang, Hamm 2023) of a source task against a target task: the bound
/// on the target loss with its terms, the measured probe loss, the learned label map, and the learned transforms.
/// </summary>
public static class AnalyzeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CancellationToken cancellationToken)
    {
        var sourceFeatures = new Option<string>("--source-features") { Description = "Source N×D features (train split, or all when --test-fraction splits them).", Required = true };
        var sourceLabels = new Option<string>("--source-labels") { Description = "Source labels.", Required = true };
        var targetFeatures = new Option<string>("--target-features") { Description = "Target N×D features from the same encoder.", Required = true };
        var targetLabels = new Option<string>("--target-labels") { Description = "Target labels.", Required = true };
        var sourceTestFeatures = new Option<string?>("--source-test-features") { Description = "Source test features (with --source-test-labels)." };
        var sourceTestLabels = new Option<string?>("--source-test-labels") { Description = "Source test labels." };
        var targetTestFeatures = new Option<string?>("--target-test-features") { Description = "Target test features (with --target-test-labels)." };
        var targetTestLabels = new Option<string?>("--target-test-labels") { Description = "Target test labels." };
        var testFraction = new Option<double>("--test-fraction") { Description = "Stratified test share for a domain without test files.", DefaultValueFactory = _ => 0.2 };
        var sourceHead = new Option<string?>("--source-head") { Description = "Source head on raw source features: .npz with W (C_S×D) and b (C_S), or .npy of C_S×D (b = 0) or C_S×(D+1) (last column b). Default: train h_S as the official code." };
        var sourceNames = new Option<string?>("--source-class-names") { Description = "Text file, one source class name per line (in sorted label order)." };
        var targetNames = new Option<string?>("--target-class-names") { Description = "Text file, one target class name per line (in sorted label order)." };
        var epochs = new Option<int?>("--epochs") { Description = "Optimisation epochs (official 2001)." };
        var batch = new Option<int?>("--batch") { Description = "Batch size M (official 1000)." };
        var ot = new Option<string>("--ot") { Description = "Batch transport solver: exact (official) or sinkhorn.", DefaultValueFactory = _ => "exact" };
        var sizing = new Option<string>("--batch-sizing") { Description = "official (⌊M·p_c⌋ per class) or equal (same size both sides: assignment solver, faster).", DefaultValueFactory = _ => "official" };
        var labelInit = new Option<string>("--label-init") { Description = "Label-map start: official (B̃ ~ U(0,1)) or predictions (source head's predictions on the target; readable pairings).", DefaultValueFactory = _ => "official" };
        var headIterations = new Option<int?>("--head-iterations") { Description = "SGD iterations of h_S (official 10001)." };
        var probeIterations = new Option<int?>("--probe-iterations") { Description = "SGD iterations of the ground-truth probe (official 5001; 0 skips the probe)." };
        var headLr = new Option<double?>("--head-lr") { Description = "SGD learning rate of h_S and the probe (official 1e-4; 1e-5 for CIFAR-10 targets)." };
        var tau = new Option<double?>("--tau") { Description = "Gradient-norm threshold τ of h_S and the probe (official 0.02)." };
        var sinkhornEps = new Option<double?>("--sinkhorn-eps") { Description = "Sinkhorn ε relative to the mean feature distance (default 0.05)." };
        var outDir = new Option<string?>("--out") { Description = "Directory for A.npy, A_bar.npy, b.npy, B.npy, D.npy and analysis.json." };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var seed = new Option<int>("--seed") { Description = "Seed for every random choice.", DefaultValueFactory = _ => 2023 };
        var labelColumn = CommonOptions.LabelColumn();

        var command = new Command("analyze", "Task Transfer Analysis: bound the target loss by source loss + label entropy + Lipschitz × Wasserstein, with learned transforms.")
        {
            sourceFeatures, sourceLabels, targetFeatures, targetLabels, sourceTestFeatures, sourceTestLabels, targetTestFeatures, targetTestLabels,
            testFraction, sourceHead, sourceNames, targetNames, epochs, batch, ot, sizing, labelInit, headIterations, probeIterations, headLr, tau,
            sinkhornEps, outDir, json, threads, seed, labelColumn,
        };

        CommandAction.Set(command, parse =>
        {
            Inputs.ApplyThreads(parse.GetValue(threads));
            var csv = new CsvOptions(parse.GetValue(labelColumn));
            int seedValue = parse.GetValue(seed);
            double fraction = parse.GetValue(testFraction);
            var source = LoadDomain("source", parse.GetValue(sourceFeatures)!, parse.GetValue(sourceLabels)!, parse.GetValue(sourceTestFeatures), parse.GetValue(sourceTestLabels),
                fraction, seedValue, parse.GetValue(sourceNames), csv, "--source");
            var target = LoadDomain("target", parse.GetValue(targetFeatures)!, parse.GetValue(targetLabels)!, parse.GetValue(targetTestFeatures), parse.GetValue(targetTestLabels),
                fraction, seedValue + 1, parse.GetValue(targetNames), csv, "--target");
            var options = BuildOptions(parse.GetValue(epochs), parse.GetValue(batch), parse.GetValue(ot)!, parse.GetValue(sizing)!, parse.GetValue(labelInit)!,
                parse.GetValue(headIterations), parse.GetValue(probeIterations), parse.GetValue(headLr), parse.GetValue(tau), parse.GetValue(sinkhornEps), seedValue);
            string? headPath = parse.GetValue(sourceHead);
            var head = headPath is null ? null : LoadHead(headPath, source);
            string? dir = parse.GetValue(outDir);
            var result = ConsoleProgress.Run(progress => TaskTransferAnalysis.Analyze(source, target, head, options, progress, cancellationToken));
            string document = ToJson(result, source, target);
            if (dir is not null)
            {
                WriteTransforms(dir, result, document);
            }

            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(document);
            }
            else
            {
                WriteReport(result, source, target, dir);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static TaskTransferOptions BuildOptions(int? epochs, int? batch, string ot, string sizing, string labelInit, int? headIterations, int? probeIterations,
        double? headLr, double? tau, double? sinkhornEps, int seed)
    {
        var o = new TaskTransferOptions { Seed = seed };
        o = o with
        {
            Epochs = epochs ?? o.Epochs,
            BatchSize = batch ?? o.BatchSize,
            Transport = ot.ToLowerInvariant() switch
            {
                "exact" => BatchTransportSolver.Exact,
                "sinkhorn" => BatchTransportSolver.Sinkhorn,
                _ => throw new XferException($"--ot must be exact or sinkhorn; got '{ot}'."),
            },
            BatchSizing = sizing.ToLowerInvariant() switch
            {
                "official" => BatchSizing.Official,
                "equal" => BatchSizing.Equal,
                _ => throw new XferException($"--batch-sizing must be official or equal; got '{sizing}'."),
            },
            LabelMapInitialisation = labelInit.ToLowerInvariant() switch
            {
                "official" => LabelMapInitialisation.OfficialRandom,
                "predictions" => LabelMapInitialisation.SourcePredictions,
                _ => throw new XferException($"--label-init must be official or predictions; got '{labelInit}'."),
            },
            SinkhornEpsilon = sinkhornEps ?? o.SinkhornEpsilon,
        };
        var head = o.SourceHead with
        {
            Iterations = headIterations ?? o.SourceHead.Iterations,
            LearningRate = headLr ?? o.SourceHead.LearningRate,
            Tau = tau ?? o.SourceHead.Tau,
        };
        var probe = HeadTrainingOptions.OfficialProbe with
        {
            Iterations = probeIterations ?? HeadTrainingOptions.OfficialProbe.Iterations,
            LearningRate = headLr ?? HeadTrainingOptions.OfficialProbe.LearningRate,
            Tau = tau ?? HeadTrainingOptions.OfficialProbe.Tau,
        };
        o = o with { SourceHead = head, Probe = probeIterations == 0 ? null : probe };
        o.Validate();
        return o;
    }

    private static TaskDomain LoadDomain(string name, string featuresSpec, string labelsSpec, string? testFeaturesSpec, string? testLabelsSpec,
        double testFraction, int seed, string? namesFile, CsvOptions csv, string optionPrefix)
    {
        var features = DataFiles.ReadMatrix(featuresSpec, name + " features", csv);
        var labels = DataFiles.ReadLabels(labelsSpec, csv);
        Require.SameSampleCount(features.Rows, featuresSpec, labels.Count, labelsSpec);
        var names = ClassNames(labels, namesFile);
        if ((testFeaturesSpec is null) != (testLabelsSpec is null))
        {
            throw new XferException($"Give both {optionPrefix}-test-features and {optionPrefix}-test-labels, or neither (then --test-fraction splits the {name} data).");
        }

        if (testFeaturesSpec is null)
        {
            var split = TaskDomain.Split(name, features, labels, testFraction, seed);
            return new TaskDomain(name, split.TrainFeatures, split.TrainLabels, split.TestFeatures, split.TestLabels, names);
        }

        var testFeatures = DataFiles.ReadMatrix(testFeaturesSpec, name + " test features", csv);
        var testLabels = DataFiles.ReadLabels(testLabelsSpec!, csv);
        Require.SameSampleCount(testFeatures.Rows, testFeaturesSpec, testLabels.Count, testLabelsSpec!);

        // Test labels are matched to train classes by their label value, not by index (a class may be absent from one split).
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < labels.ClassCount; k++)
        {
            index[labels.ClassNames[k]] = k;
        }

        var mapped = new int[testLabels.Count];
        for (int i = 0; i < mapped.Length; i++)
        {
            string raw = testLabels.ClassNames[testLabels[i]];
            if (!index.TryGetValue(raw, out mapped[i]))
            {
                throw new InputFileException(testLabelsSpec!, $"label '{raw}' does not occur in the {name} train labels {labelsSpec}; every test class must have train samples.");
            }
        }

        return new TaskDomain(name, features, labels.ToArray(), testFeatures, mapped, names);
    }

    private static IReadOnlyList<string> ClassNames(ClassLabels labels, string? namesFile)
    {
        if (namesFile is null)
        {
            return labels.ClassNames;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(namesFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        }
        catch (IOException e)
        {
            throw new InputFileException(namesFile, "cannot be read: " + e.Message, e);
        }

        if (lines.Length != labels.ClassCount)
        {
            throw new InputFileException(namesFile, string.Format(CultureInfo.InvariantCulture,
                "has {0} names but the labels have {1} classes; give one name per class, in sorted label order.", lines.Length, labels.ClassCount));
        }

        return lines;
    }

    /// <summary>Reads a source head: .npz with W and b (or weight/bias), or .npy of C_S×D or C_S×(D+1).</summary>
    private static LinearHead LoadHead(string path, TaskDomain source)
    {
        int d = source.Dimension, cs = source.ClassCount;
        Matrix w;
        double[] b;
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            var members = DataFiles.NpzMembers(path);
            string? wName = members.FirstOrDefault(m => m is "W" or "weight" or "w");
            string? bName = members.FirstOrDefault(m => m is "b" or "bias");
            if (wName is null || bName is null)
            {
                throw new InputFileException(path, "needs members W (C_S×D) and b (C_S); found " + string.Join(", ", members) + ".");
            }

            w = DataFiles.ReadMatrix(path + ":" + wName, "source head W");
            var bias = DataFiles.ReadArray(path + ":" + bName);
            b = bias.Values;
        }
        else
        {
            var m = DataFiles.ReadMatrix(path, "source head");
            if (m.Columns == d + 1)
            {
                w = new Matrix(m.Rows, d);
                b = new double[m.Rows];
                for (int c = 0; c < m.Rows; c++)
                {
                    m.Row(c)[..d].CopyTo(w.Row(c));
                    b[c] = m[c, d];
                }
            }
            else
            {
                w = m;
                b = new double[m.Rows];
            }
        }

        if (w.Columns != d || w.Rows != cs || b.Length != w.Rows)
        {
            throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture,
                "W is {0}×{1} with {2} biases, but the source task has {3} classes and {4} features; W must be C_S×D (one row per class, in sorted label order).",
                w.Rows, w.Columns, b.Length, cs, d));
        }

        Require.Finite(w, path);
        return new LinearHead(w, b);
    }

    private static void WriteTransforms(string dir, TaskTransferResult r, string document)
    {
        Directory.CreateDirectory(dir);
        NpyWriter.Write(Path.Combine(dir, "A.npy"), r.A);
        NpyWriter.Write(Path.Combine(dir, "A_bar.npy"), r.ABar);
        NpyWriter.Write(Path.Combine(dir, "b.npy"), [r.Shift.Length], r.Shift, "<f8");
        NpyWriter.Write(Path.Combine(dir, "B.npy"), r.LabelMap);
        NpyWriter.Write(Path.Combine(dir, "D.npy"), [r.Prior.Length], r.Prior, "<f8");
        AtomicFile.WriteAllText(Path.Combine(dir, "analysis.json"), document);
    }

    /// <summary>The source classes of each target class, by share P(source c | target k) ∝ B_kc·D_c, largest first.</summary>
    public static IReadOnlyList<(int Source, double Share, double B)> SourcesOf(TaskTransferResult r, int targetClass, int top = 3, double minShare = 0.01)
    {
        ArgumentNullException.ThrowIfNull(r);
        int cs = r.LabelMap.Columns;
        var weights = new double[cs];
        double total = 0;
        for (int c = 0; c < cs; c++)
        {
            weights[c] = r.LabelMap[targetClass, c] * r.Prior[c];
            total += weights[c];
        }

        return Enumerable.Range(0, cs)
            .Select(c => (Source: c, Share: total > 0 ? weights[c] / total : 0, B: r.LabelMap[targetClass, c]))
            .OrderByDescending(t => t.Share)
            .Where((t, i) => i == 0 || t.Share >= minShare)
            .Take(top)
            .ToList();
    }

    private static string F(double v, string format = "F4") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static void WriteReport(TaskTransferResult r, TaskDomain source, TaskDomain target, string? dir)
    {
        var console = Terminal.Out;
        var t = r.Terms;
        console.MarkupLine(string.Format(CultureInfo.InvariantCulture,
            "[bold]Task Transfer Analysis[/]  source: {0} train / {1} test, {2} classes · target: {3} train / {4} test, {5} classes · D = {6}",
            source.TrainFeatures.Rows, source.TestFeatures.Rows, source.ClassCount, target.TrainFeatures.Rows, target.TestFeatures.Rows, target.ClassCount, source.Dimension));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("term").AddColumn(new TableColumn("nats").RightAligned()).AddColumn("meaning");
        table.AddRow("[bold]bound on target CE[/]", "[bold]" + F(t.Bound) + "[/]", "L_w + H + τ̂·W₁ (lower = more transferable)");
        table.AddRow("  source loss L_w(D)", F(t.WeightedSourceLoss), "source head's CE, re-weighted to the learned prior D");
        table.AddRow("  label entropy H(B,D)", F(t.LabelEntropy), "uncertainty of the target label given the source label");
        table.AddRow("  τ̂ · W₁", F(t.Lipschitz * t.Wasserstein), Markup.Escape(string.Format(CultureInfo.InvariantCulture,
            "Lipschitz {0} × class-conditional Wasserstein {1}", F(t.Lipschitz), F(t.Wasserstein))));
        if (r.ProbeLoss is double probe)
        {
            table.AddRow("measured probe CE", F(probe), Markup.Escape(string.Format(CultureInfo.InvariantCulture,
                "linear probe trained on the target (accuracy {0:P1}); bound − probe = {1}", r.ProbeAccuracy, F(t.Bound - probe))));
        }

        table.AddRow("transformed source classifier", F(r.TransformedTargetLoss), Markup.Escape(string.Format(CultureInfo.InvariantCulture,
            "B·h_S(Ā(z − b)) on the target test split, accuracy {0:P1}", r.TransformedTargetAccuracy)));
        console.Write(table);

        var map = new Table().Border(TableBorder.Simple).Title("label map: source classes behind each target class").AddColumn("target class").AddColumn("source classes (share of the target class, B)");
        for (int k = 0; k < target.ClassCount; k++)
        {
            var parts = SourcesOf(r, k).Select(s => string.Format(CultureInfo.InvariantCulture, "{0} ({1:P0}, B={2:F2})", source.ClassNames[s.Source], s.Share, s.B));
            map.AddRow(Markup.Escape(target.ClassNames[k]), Markup.Escape(string.Join(", ", parts)));
        }

        console.Write(map);
        if (r.Options.LabelMapInitialisation == LabelMapInitialisation.OfficialRandom)
        {
            console.MarkupLine("[grey]The label map started from the official random B̃, which fixes the class pairing; --label-init predictions pairs related classes.[/]");
        }

        var tm = r.Timings;
        console.MarkupLine(Markup.Escape(string.Format(CultureInfo.InvariantCulture,
            "time: source head {0:F1} s ({1}), {2} epochs {3:F1} s ({4:F1} ms/epoch: cost {5:F1}, transport {6:F1}, gradient {7:F1}, other {8:F1}), bound {9:F1} s, probe {10:F1} s · linear algebra: {11}",
            r.SourceHeadSeconds, r.SourceHeadTrained ? F(r.SourceHeadAccuracy, "P1") + " source test accuracy" : "given", tm.Epochs, tm.TotalSeconds, tm.PerEpoch * 1e3,
            tm.CostMatrix * 1e3, tm.Transport * 1e3, tm.Gradient * 1e3, (tm.Sampling + tm.Transform + tm.Step) * 1e3, r.EvaluationSeconds, r.ProbeSeconds, Linalg.Provider.Name)));
        if (dir is not null)
        {
            console.MarkupLine(Markup.Escape("transforms written to " + dir + " (A.npy, A_bar.npy, b.npy, B.npy, D.npy, analysis.json)"));
        }

        foreach (var w in r.Warnings)
        {
            console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(w));
        }
    }

    /// <summary>The JSON document of an analysis (also written as analysis.json).</summary>
    public static string ToJson(TaskTransferResult r, TaskDomain source, TaskDomain target)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return JsonOutput.Build(w =>
        {
            var t = r.Terms;
            w.WriteStartObject();
            JsonOutput.Number(w, "bound", t.Bound);
            w.WriteStartObject("terms");
            JsonOutput.Number(w, "sourceLoss", t.WeightedSourceLoss);
            JsonOutput.Number(w, "labelEntropy", t.LabelEntropy);
            JsonOutput.Number(w, "wasserstein", t.Wasserstein);
            JsonOutput.Number(w, "lipschitz", t.Lipschitz);
            JsonOutput.Number(w, "lipschitzTargetSpace", t.LipschitzTargetSpace);
            w.WriteEndObject();
            JsonOutput.Number(w, "probeLoss", r.ProbeLoss);
            JsonOutput.Number(w, "probeAccuracy", r.ProbeAccuracy);
            w.WriteStartObject("transformedClassifier");
            JsonOutput.Number(w, "targetAccuracy", r.TransformedTargetAccuracy);
            JsonOutput.Number(w, "targetLoss", r.TransformedTargetLoss);
            JsonOutput.Number(w, "transformedSourceLoss", r.TransformedSourceLoss);
            JsonOutput.Number(w, "alternativeBound", r.AlternativeBound);
            w.WriteEndObject();
            w.WriteStartObject("sourceHead");
            w.WriteBoolean("trained", r.SourceHeadTrained);
            JsonOutput.Number(w, "testAccuracy", r.SourceHeadAccuracy);
            JsonOutput.Number(w, "testLoss", r.SourceHeadLoss);
            w.WriteEndObject();
            w.WriteStartObject("data");
            w.WriteNumber("dimension", source.Dimension);
            w.WriteNumber("sourceTrain", source.TrainFeatures.Rows);
            w.WriteNumber("sourceTest", source.TestFeatures.Rows);
            w.WriteNumber("targetTrain", target.TrainFeatures.Rows);
            w.WriteNumber("targetTest", target.TestFeatures.Rows);
            w.WriteNumber("sourceClasses", source.ClassCount);
            w.WriteNumber("targetClasses", target.ClassCount);
            w.WriteEndObject();
            w.WriteStartArray("labelMap");
            for (int k = 0; k < target.ClassCount; k++)
            {
                w.WriteStartObject();
                w.WriteString("target", target.ClassNames[k]);
                w.WriteStartArray("sources");
                foreach (var s in SourcesOf(r, k, top: int.MaxValue, minShare: 0.0))
                {
                    w.WriteStartObject();
                    w.WriteString("source", source.ClassNames[s.Source]);
                    JsonOutput.Number(w, "share", s.Share);
                    JsonOutput.Number(w, "b", s.B);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("prior");
            for (int c = 0; c < source.ClassCount; c++)
            {
                w.WriteStartObject(source.ClassNames[c]);
                JsonOutput.Number(w, "learned", r.Prior[c]);
                JsonOutput.Number(w, "source", r.SourcePrior[c]);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("classWasserstein");
            foreach (var c in r.ClassDistances)
            {
                w.WriteStartObject();
                w.WriteString("target", target.ClassNames[c.TargetClass]);
                w.WriteNumber("sourceSamples", c.SourceSamples);
                w.WriteNumber("targetSamples", c.TargetSamples);
                JsonOutput.Number(w, "distance", c.Distance);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("history");
            foreach (var h in r.History)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", h.Epoch);
                JsonOutput.Number(w, "loss", h.Terms.Total);
                JsonOutput.Number(w, "wasserstein", h.Terms.Wasserstein);
                JsonOutput.Number(w, "featureTransport", h.Terms.FeatureTransport);
                JsonOutput.Number(w, "labelTransport", h.Terms.LabelTransport);
                JsonOutput.Number(w, "entropy", h.Terms.Entropy);
                JsonOutput.Number(w, "weightedSourceLoss", h.Terms.WeightedSourceLoss);
                JsonOutput.Number(w, "priorMatching", h.Terms.PriorMatching);
                JsonOutput.Number(w, "invertibility", h.Terms.Invertibility);
                JsonOutput.Number(w, "targetTestAccuracy", h.TargetTestAccuracy);
                w.WriteNumber("sourceBatch", h.SourceBatch);
                w.WriteNumber("targetBatch", h.TargetBatch);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            var tm = r.Timings;
            w.WriteStartObject("timings");
            JsonOutput.Number(w, "sourceHeadSeconds", r.SourceHeadSeconds);
            JsonOutput.Number(w, "optimisationSeconds", tm.TotalSeconds);
            JsonOutput.Number(w, "perEpochSeconds", tm.PerEpoch);
            JsonOutput.Number(w, "samplingSeconds", tm.Sampling);
            JsonOutput.Number(w, "transformSeconds", tm.Transform);
            JsonOutput.Number(w, "costMatrixSeconds", tm.CostMatrix);
            JsonOutput.Number(w, "transportSeconds", tm.Transport);
            JsonOutput.Number(w, "gradientSeconds", tm.Gradient);
            JsonOutput.Number(w, "stepSeconds", tm.Step);
            JsonOutput.Number(w, "evaluationSeconds", r.EvaluationSeconds);
            JsonOutput.Number(w, "probeSeconds", r.ProbeSeconds);
            w.WriteEndObject();
            var o = r.Options;
            w.WriteStartObject("settings");
            w.WriteNumber("epochs", o.Epochs);
            w.WriteNumber("batch", o.BatchSize);
            w.WriteString("ot", o.Transport.ToString());
            w.WriteString("batchSizing", o.BatchSizing.ToString());
            w.WriteString("labelInit", o.LabelMapInitialisation.ToString());
            w.WriteString("priorInit", o.PriorInitialisation.ToString());
            w.WriteNumber("lambdaWasserstein", o.LambdaWasserstein);
            w.WriteNumber("lambdaPriorMatching", o.LambdaPriorMatching);
            w.WriteNumber("lambdaInvertibility", o.LambdaInvertibility);
            w.WriteNumber("labelCostWeight", o.LabelCostWeight);
            w.WriteNumber("transformLearningRate", o.TransformLearningRate);
            w.WriteNumber("priorLearningRate", o.PriorLearningRate);
            w.WriteString("adamEpsilonPlacement", o.AdamEpsilonPlacement.ToString());
            w.WriteNumber("headIterations", o.SourceHead.Iterations);
            w.WriteNumber("headLearningRate", o.SourceHead.LearningRate);
            w.WriteNumber("tau", o.SourceHead.Tau);
            w.WriteNumber("probeIterations", o.Probe?.Iterations ?? 0);
            w.WriteNumber("seed", o.Seed);
            w.WriteEndObject();
            w.WriteString("version", BuildInfo.Version);
            w.WriteString("linearAlgebra", Linalg.Provider.Name);
            w.WriteStartArray("warnings");
            foreach (var s in r.Warnings)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
