using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Spectre.Console;
using Xfer.Analysis.Pge;
using Xfer.Cli.Console;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.IO;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Onnx;

namespace Xfer.Cli.Commands;

/// <summary>
/// <c>xfer pge</c>: Principal Gradient Expectation — one signature per task (cached), sources ranked by their gap to the target
/// (smaller = expected to transfer better). See docs/pge.md.
/// </summary>
public static class PgeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CancellationToken cancellationToken)
    {
        var defaults = new PgeOptions();
        var target = new Option<string?>("--target") { Description = "Target task: NAME=FEATURES:LABELS (or NAME=FEATURES,LABELS), or a saved signature file." };
        var sources = new Option<string[]>("--source")
        {
            Description = "Source task (repeatable): NAME=FEATURES:LABELS, NAME=FEATURES,LABELS or a saved signature file. Same encoder and layer as the target.",
            AllowMultipleArgumentsPerToken = true,
        };
        var restarts = new Option<int>("--restarts") { Description = "Restarts R (head re-initialisations).", DefaultValueFactory = _ => defaults.Restarts };
        var steps = new Option<int>("--steps") { Description = "Mini-batch gradients T per restart.", DefaultValueFactory = _ => defaults.StepsPerRestart };
        var batch = new Option<int>("--batch") { Description = "Mini-batch size.", DefaultValueFactory = _ => defaults.BatchSize };
        var hidden = new Option<int>("--hidden") { Description = "Width H of the shared probe layer.", DefaultValueFactory = _ => defaults.HiddenUnits };
        var learningRate = new Option<double>("--lr") { Description = "Adam step size between batches.", DefaultValueFactory = _ => defaults.LearningRate };
        var trajectory = new Option<string>("--trajectory") { Description = "Updates between batches: head (default), init (none: all gradients at the initial point) or full.", DefaultValueFactory = _ => "head" };
        var units = new Option<string>("--units") { Description = "Weight unit: tensor (default) or neuron.", DefaultValueFactory = _ => "tensor" };
        var biases = new Option<bool>("--biases") { Description = "Include the shared layer's biases in the signature." };
        var direction = new Option<string>("--direction") { Description = "Per-unit vector: mean (the expectation, default) or svd (top singular vector of the batch gradients).", DefaultValueFactory = _ => "mean" };
        var distance = new Option<string>("--distance") { Description = "Gap: euclidean (default), cosine or mean-unit.", DefaultValueFactory = _ => "euclidean" };
        var noStandardize = new Option<bool>("--no-standardize") { Description = "Feed features as they are (default: standardise each feature with the task's statistics)." };
        var repeats = new Option<int>("--repeats") { Description = "Compute every signature with K seeds (S, S+1, ...); report the mean gap, its spread and the ranking's stability.", DefaultValueFactory = _ => 1 };
        var signatureOut = new Option<string?>("--signature-out") { Description = "Directory to save every task's signature in (NAME.pge.npz), for reuse as --source/--target." };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the signature cache ($XFER_CACHE/pge)." };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var labelColumn = CommonOptions.LabelColumn();
        var command = new Command("pge", "Principal Gradient Expectation: rank source tasks for a target by the gap between their gradient signatures (smaller is better).")
        {
            target, sources, restarts, steps, batch, hidden, learningRate, trajectory, units, biases, direction, distance, noStandardize, repeats,
            signatureOut, noCache, seed, json, threads, labelColumn,
        };

        CommandAction.Set(command, parse =>
        {
            Inputs.ApplyThreads(parse.GetValue(threads));
            var options = new PgeOptions
            {
                Restarts = parse.GetValue(restarts),
                StepsPerRestart = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                HiddenUnits = parse.GetValue(hidden),
                LearningRate = parse.GetValue(learningRate),
                Trajectory = Choice(parse.GetValue(trajectory)!, "--trajectory", ("head", PgeTrajectory.HeadOnly), ("init", PgeTrajectory.AtInitialisation), ("full", PgeTrajectory.Full)),
                Units = Choice(parse.GetValue(units)!, "--units", ("tensor", PgeWeightUnit.Tensor), ("neuron", PgeWeightUnit.Neuron)),
                IncludeBiases = parse.GetValue(biases),
                Direction = Choice(parse.GetValue(direction)!, "--direction", ("mean", PgePrincipalDirection.Expectation), ("svd", PgePrincipalDirection.TopSingularVector)),
                Distance = Choice(parse.GetValue(distance)!, "--distance", ("euclidean", PgeDistance.Euclidean), ("cosine", PgeDistance.Cosine), ("mean-unit", PgeDistance.MeanUnitDistance)),
                Standardize = !parse.GetValue(noStandardize),
                Seed = parse.GetValue(seed),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new XferException(e.Message + " Check --restarts, --steps, --batch, --hidden and --lr.");
            }

            int k = parse.GetValue(repeats);
            if (k < 1)
            {
                throw new XferException($"--repeats must be at least 1; got {k.ToString(CultureInfo.InvariantCulture)}.");
            }

            string? targetText = parse.GetValue(target);
            var targetSpec = targetText is null ? null : PgeTaskSpec.Parse(targetText, "--target");
            var sourceSpecs = PgeTaskSpec.ParseAll(parse.GetValue(sources), "--source");
            if (targetSpec is null && sourceSpecs.Count == 0)
            {
                throw new XferException("give --target and --source tasks to rank, or only --source tasks to compute (and --signature-out to save) their signatures.");
            }

            var all = (targetSpec is null ? sourceSpecs : [targetSpec, .. sourceSpecs]).ToList();
            if (all.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != all.Count)
            {
                throw new XferException("--target and --source use the same name; every task needs its own name.");
            }

            if (k > 1 && all.FirstOrDefault(t => t.SignatureFile is not null) is { } saved)
            {
                throw new XferException($"'{saved.Name}' is a saved signature ({saved.SignatureFile}), which holds one seed; use --repeats 1, or give its features and labels.");
            }

            var cache = parse.GetValue(noCache) ? null : new PgeSignatureCache(XferCache.PathOf("pge"));
            var csv = new CsvOptions(parse.GetValue(labelColumn));
            var computed = ConsoleProgress.Run(progress => Signatures(all, options, k, cache, csv, progress, cancellationToken));
            string? outDir = parse.GetValue(signatureOut);
            var written = outDir is null ? [] : Save(outDir, computed, k);

            PgeRankingResult? ranking = null;
            if (targetSpec is not null && sourceSpecs.Count > 0)
            {
                ranking = PgeRanking.Rank(computed[0].BySeed, computed.Skip(1).Select(c => c.BySeed).ToList(), options.Distance);
            }

            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(Json(ranking, computed, written, options, k));
            }
            else
            {
                WriteText(ranking, computed, written, options, k);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static List<TaskSignatures> Signatures(IReadOnlyList<PgeTaskSpec> tasks, PgeOptions options, int repeats, PgeSignatureCache? cache, CsvOptions csv,
        IProgress<ProgressUpdate> progress, CancellationToken cancellationToken)
    {
        var result = new List<TaskSignatures>();
        foreach (var task in tasks)
        {
            if (task.SignatureFile is not null)
            {
                var saved = PgeSignatureFile.Read(task.SignatureFile) with { Name = task.Name };
                RequireSameDimension(result, task, saved.FeatureDimension);
                result.Add(new TaskSignatures(task, [saved], [true]));
                continue;
            }

            var x = DataFiles.ReadMatrix(task.Features!, "features of " + task.Name, csv);
            var y = DataFiles.ReadLabels(task.Labels!, csv);
            Require.SameSampleCount(x.Rows, task.Features!, y.Count, task.Labels!);
            RequireSameDimension(result, task, x.Columns);
            var bySeed = new List<PgeSignature>();
            var cached = new List<bool>();
            var stage = new Progress<ProgressUpdate>(p => progress.Report(p with { Stage = "pge " + task.Name }));
            for (int s = 0; s < repeats; s++)
            {
                var o = options with { Seed = options.Seed + s };
                var (signature, fromCache) = cache is null
                    ? (PrincipalGradientExpectation.Compute(x, y, o, task.Name, stage, cancellationToken), false)
                    : cache.GetOrCompute(x, y, o, task.Name, stage, cancellationToken);
                bySeed.Add(signature);
                cached.Add(fromCache);
            }

            result.Add(new TaskSignatures(task, bySeed, cached));
        }

        return result;
    }

    private static void RequireSameDimension(List<TaskSignatures> earlier, PgeTaskSpec task, int dimension)
    {
        if (earlier.Count > 0 && earlier[0].BySeed[0].FeatureDimension != dimension)
        {
            var first = earlier[0];
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "task '{0}' has {1} features but '{2}' has {3}; PGE compares gradients of one shared probe network, so every task must come from the same encoder and layer.",
                task.Name, dimension, first.Spec.Name, first.BySeed[0].FeatureDimension));
        }
    }

    private static List<string> Save(string directory, List<TaskSignatures> tasks, int repeats)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var t in tasks)
        {
            foreach (var s in t.BySeed)
            {
                string safe = string.Concat(t.Spec.Name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_'));
                string file = Path.Combine(directory, repeats > 1
                    ? string.Format(CultureInfo.InvariantCulture, "{0}.seed{1}.pge.npz", safe, s.Options.Seed)
                    : safe + ".pge.npz");
                PgeSignatureFile.Write(file, s);
                written.Add(file);
            }
        }

        return written;
    }

    private static T Choice<T>(string value, string option, params (string Name, T Value)[] choices)
    {
        foreach (var (name, v) in choices)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        throw new XferException($"{option} {value}: expected one of {string.Join(", ", choices.Select(c => c.Name))}.");
    }

    private static string Json(PgeRankingResult? ranking, List<TaskSignatures> tasks, List<string> written, PgeOptions options, int repeats) => JsonOutput.Build(w =>
    {
        w.WriteStartObject();
        if (ranking is null)
        {
            w.WriteNull("target");
        }
        else
        {
            w.WriteString("target", ranking.Target);
        }

        w.WriteString("distance", DistanceName(options.Distance));
        w.WriteStartArray("sources");
        foreach (var s in ranking?.Sources ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteNumber("gap", s.Gap);
            w.WriteNumber("rank", s.Rank);
            if (repeats > 1)
            {
                w.WriteNumber("std", s.StandardDeviation);
                w.WriteStartArray("gapsBySeed");
                foreach (double g in s.GapsBySeed)
                {
                    w.WriteNumberValue(g);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("seeds", repeats);
        JsonOutput.Number(w, "rankingKendallTauAcrossSeeds", ranking?.MeanPairwiseKendallTau);
        w.WriteStartArray("signatures");
        foreach (var t in tasks)
        {
            for (int i = 0; i < t.BySeed.Count; i++)
            {
                var s = t.BySeed[i];
                w.WriteStartObject();
                w.WriteString("name", t.Spec.Name);
                w.WriteString("role", ranking is not null && ReferenceEquals(t, tasks[0]) ? "target" : "source");
                w.WriteNumber("seed", s.Options.Seed);
                w.WriteNumber("samples", s.SampleCount);
                w.WriteNumber("classes", s.ClassCount);
                w.WriteNumber("features", s.FeatureDimension);
                w.WriteNumber("units", s.UnitCount);
                w.WriteNumber("degenerateUnits", s.DegenerateUnits);
                w.WriteNumber("meanBatchLoss", s.MeanBatchLoss);
                w.WriteNumber("seconds", s.Seconds);
                w.WriteBoolean("cached", t.Cached[i]);
                w.WriteString("hash", s.DataHash);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("written");
        foreach (var f in written)
        {
            w.WriteStringValue(f);
        }

        w.WriteEndArray();
        w.WriteString("settings", options.Describe());
        w.WriteString("version", BuildInfo.Version);
        w.WriteString("linearAlgebra", Linalg.Provider.Name);
        w.WriteEndObject();
    });

    private static void WriteText(PgeRankingResult? ranking, List<TaskSignatures> tasks, List<string> written, PgeOptions options, int repeats)
    {
        var console = Terminal.Out;
        var inv = CultureInfo.InvariantCulture;
        var first = tasks[0].BySeed[0];
        if (ranking is not null)
        {
            console.MarkupLine(string.Format(inv, "[bold]target {0}[/]: N={1}, C={2}, D={3}; {4} source(s), {5} gap{6}",
                Markup.Escape(ranking.Target), first.SampleCount, first.ClassCount, first.FeatureDimension, ranking.Sources.Count, DistanceName(options.Distance),
                repeats > 1 ? string.Format(inv, ", mean ± std over {0} seeds", repeats) : string.Empty));
            var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("rank").RightAligned()).AddColumn("source")
                .AddColumn(new TableColumn("gap").RightAligned());
            if (repeats > 1)
            {
                table.AddColumn(new TableColumn("± std").RightAligned());
            }

            table.AddColumn(new TableColumn("N").RightAligned()).AddColumn(new TableColumn("C").RightAligned()).AddColumn("signature");
            foreach (var s in ranking.Sources)
            {
                var t = tasks.First(x => x.Spec.Name == s.Name && !ReferenceEquals(x, tasks[0]));
                var cells = new List<string> { s.Rank.ToString(inv), Markup.Escape(s.Name), s.Gap.ToString("F4", inv) };
                if (repeats > 1)
                {
                    cells.Add(s.StandardDeviation.ToString("F4", inv));
                }

                cells.Add(t.BySeed[0].SampleCount.ToString(inv));
                cells.Add(t.BySeed[0].ClassCount.ToString(inv));
                cells.Add(Origin(t));
                table.AddRow(cells.ToArray());
            }

            console.Write(table);
            if (ranking.MeanPairwiseKendallTau is double tau)
            {
                console.MarkupLine(string.Format(inv, "ranking stability over {0} seeds: mean pairwise Kendall τ = {1:F3}", repeats, tau));
            }

            console.MarkupLine("[grey]smaller gap = expected to transfer better.[/]");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("task").AddColumn(new TableColumn("N").RightAligned())
                .AddColumn(new TableColumn("C").RightAligned()).AddColumn(new TableColumn("D").RightAligned())
                .AddColumn(new TableColumn("mean batch loss").RightAligned()).AddColumn("signature");
            foreach (var t in tasks)
            {
                var s = t.BySeed[0];
                table.AddRow(Markup.Escape(t.Spec.Name), s.SampleCount.ToString(inv), s.ClassCount.ToString(inv), s.FeatureDimension.ToString(inv),
                    s.MeanBatchLoss.ToString("F4", inv), Origin(t));
            }

            console.Write(table);
        }

        foreach (var f in written)
        {
            console.MarkupLine("wrote   " + Markup.Escape(f));
        }

        console.MarkupLine(string.Format(inv, "[grey]{0}; linear algebra: {1}[/]", Markup.Escape(options.Describe()), Markup.Escape(Linalg.Provider.Name)));
    }

    private static string Origin(TaskSignatures t)
    {
        if (t.Spec.SignatureFile is not null)
        {
            return "saved " + Markup.Escape(t.Spec.SignatureFile);
        }

        int hits = t.Cached.Count(c => c);
        double seconds = t.BySeed.Where((_, i) => !t.Cached[i]).Sum(s => s.Seconds);
        return hits == t.Cached.Count ? "cached" : string.Format(CultureInfo.InvariantCulture, "computed in {0:F2} s{1}", seconds, hits > 0 ? " (" + hits + " cached)" : string.Empty);
    }

    private static string DistanceName(PgeDistance d) => d switch
    {
        PgeDistance.Cosine => "cosine",
        PgeDistance.MeanUnitDistance => "mean-unit",
        _ => "euclidean",
    };

    private sealed record TaskSignatures(PgeTaskSpec Spec, IReadOnlyList<PgeSignature> BySeed, IReadOnlyList<bool> Cached);
}
