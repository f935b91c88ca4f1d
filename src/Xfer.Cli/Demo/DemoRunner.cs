using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Xfer.Cli.Commands;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Evaluation.Correlation;
using Xfer.Evaluation.Harness;
using Xfer.IO;
using Xfer.IO.Datasets;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Onnx;
using Xfer.Onnx.Extraction;
using Xfer.Onnx.Models;
using Xfer.Reports.Model;

namespace Xfer.Cli.Demo;

/// <summary>
/// Runs the demo study: for each target, extract every model's layers (cached), score every candidate with every metric
/// in the catalogue, probe each for the ground truth, and measure agreement. Missing pieces (a model, a dataset) are
/// skipped with a note; the run fails only when nothing is left to study.
/// </summary>
public static class DemoRunner
{
    /// <summary>Runs the plan, keeping extracted features under <paramref name="outDir"/>/features.</summary>
    public static ReportDocument Run(DemoPlan plan, string outDir, int seed, IProgress<ProgressUpdate> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outDir);
        ArgumentNullException.ThrowIfNull(progress);
        var notes = new List<string>();
        var stages = new List<StageTiming>();
        var provenance = new List<string>();

        if (!OnnxRuntime.TryLoad(out string? runtimeProblem))
        {
            throw new XferException($"the demo runs pre-trained networks with ONNX Runtime, which is unavailable: {runtimeProblem} Fetch it with 'scripts/setup.sh models' (or set XFER_ONNXRUNTIME=/path/to/libonnxruntime.so.1), then rerun 'xfer demo'.");
        }

        var models = new List<(DemoModel Plan, ResolvedModel Model)>();
        foreach (var m in plan.Models)
        {
            try
            {
                var sw = Stopwatch.StartNew();
                models.Add((m, ModelRegistry.Resolve(m.Id, progress)));
                stages.Add(new StageTiming("load " + m.Id, sw.Elapsed.TotalSeconds, "TF.js → ONNX conversion (cached after the first run)"));
            }
            catch (XferException e)
            {
                notes.Add($"{m.Id} was left out: {e.Message}");
            }
        }

        if (models.Count == 0)
        {
            throw new XferException("no pre-trained model is available (" + string.Join(" ", notes) + "). Run 'scripts/setup.sh models' (needs the npm registry), then rerun 'xfer demo'.");
        }

        var targets = new List<DemoTarget>();
        foreach (var t in plan.Targets)
        {
            if (DatasetCatalog.Unavailable(t.Request.Name) is string why)
            {
                notes.Add($"target {t.Id} was left out: {why}");
            }
            else
            {
                targets.Add(t);
            }
        }

        if (targets.Count == 0)
        {
            throw new XferException("no target dataset is available (" + string.Join(" ", notes) + "). Run 'scripts/setup.sh data', then rerun 'xfer demo'.");
        }

        provenance.Add(string.Format(CultureInfo.InvariantCulture, "Seed {0}; linear algebra: {1}; ONNX Runtime {2}; {3} logical cores.", seed, Linalg.Provider.Name, OnnxRuntime.Version, Environment.ProcessorCount));
        foreach (var (_, model) in models)
        {
            provenance.Add("Model: " + model.Description + ".");
        }

        provenance.Add("Metrics: " + string.Join(", ", MetricCatalog.All.Select(m => m.Descriptor.Id)) + ".");
        var studies = new List<Study>();
        var analysisData = new List<DemoTaskData>();
        string featureDir = Path.Combine(outDir, "features");
        foreach (var target in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            var dataset = DatasetCatalog.Load(target.Request);
            stages.Add(new StageTiming("load " + target.Id, sw.Elapsed.TotalSeconds, dataset.Description));
            provenance.Add("Target " + target.Id + ": " + dataset.Description + ".");
            var candidates = new List<EvaluationCandidate>();
            var origin = new Dictionary<string, (string Model, string Layer)>(StringComparer.Ordinal);
            foreach (var (planned, model) in models)
            {
                string path = Path.Combine(featureDir, target.Id + "." + planned.Id + ".npz");
                sw.Restart();
                var source = new DatasetImageSource(dataset, model.InputSpec ?? throw new XferException($"{planned.Id} has no input preparation spec."));
                var options = new ExtractionOptions { Layers = planned.Layers, Pooling = LayerPooling.Average, IncludeProbabilities = true };
                var summary = FeatureExtractor.ExtractToFile(model, source, options, path, useCache: true, Prefixed(progress, target.Id), cancellationToken);
                stages.Add(new StageTiming($"extract {planned.Id} on {target.Id}", sw.Elapsed.TotalSeconds, summary.FromCache
                    ? string.Format(CultureInfo.InvariantCulture, "from the feature cache ({0} images; first run took {1:F0} s at {2:F1} images/s)", summary.Count, summary.Seconds, summary.ImagesPerSecond)
                    : string.Format(CultureInfo.InvariantCulture, "{0} images, {1:F1} images/s, {2} layers pooled", summary.Count, summary.ImagesPerSecond, planned.Layers.Count)));
                if (planned.Id == DemoAnalyses.Model && planned.Layers.Contains(DemoAnalyses.Layer))
                {
                    analysisData.Add(new DemoTaskData(target.Id, DataFiles.ReadMatrix(path + ":" + DemoAnalyses.Layer, "features"), dataset.Labels));
                }

                foreach (string layer in planned.Layers)
                {
                    string name = planned.Id + "/" + layer;
                    origin[name] = (planned.Id, layer == planned.FinalLayer ? layer + " (final)" : layer);
                    string featuresSpec = path + ":" + layer, probsSpec = path + ":" + FeatureExtractor.ProbabilitiesName;
                    candidates.Add(new EvaluationCandidate(name, () => new CandidateData(
                        DataFiles.ReadMatrix(featuresSpec, "features"),
                        SourcePredictions.FromProbabilities(DataFiles.ReadMatrix(probsSpec, "source probabilities"), planned.Id + " head (nsfwjs classes)"),
                        null)));
                }
            }

            sw.Restart();
            var evaluation = EvaluationHarness.Run(dataset.Labels, null, candidates, new EvaluationOptions
            {
                Metrics = MetricCatalog.All,
                MetricSettings = CommonOptions.BuildSettings(seed, null, null),
                Probe = plan.Probe,
                Agreement = new RankAgreementOptions(null, new BootstrapOptions(plan.BootstrapResamples)),
                Seed = seed,
            }, Prefixed(progress, target.Id), cancellationToken);
            double total = sw.Elapsed.TotalSeconds;
            double scoring = evaluation.Candidates.Sum(c => c.Scores.Sum(s => s.Seconds));
            double probing = evaluation.Candidates.Sum(c => c.Truth.Seconds);
            stages.Add(new StageTiming("score " + target.Id, scoring, string.Format(CultureInfo.InvariantCulture, "{0} metrics × {1} candidates", MetricCatalog.All.Count, candidates.Count)));
            stages.Add(new StageTiming("probe " + target.Id, probing, string.Format(CultureInfo.InvariantCulture, "{0} linear probes", candidates.Count)));
            stages.Add(new StageTiming("load features, correlate and bootstrap " + target.Id, Math.Max(0, total - scoring - probing), null));
            studies.Add(ToStudy(target, dataset, evaluation, origin, models.Select(m => m.Plan).ToList()));
        }

        var (tta, pge) = RunTaskAnalyses(analysisData, seed, stages, notes, progress, cancellationToken);
        string generated = string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd HH:mm} UTC · xfer {1}", DateTime.UtcNow, BuildInfo.Version);
        return new ReportDocument("xfer demo: which pre-trained model and layer transfers best?", generated, provenance, studies, tta, pge, stages, notes);
    }

    /// <summary>
    /// Task-level analyses on the shared encoder layer, when both demo targets are present: TTA for Fashion-MNIST → Fashion-MNIST
    /// (the other half: a same-task reference) and Fashion-MNIST → digits; PGE ranking seven source tasks for both targets.
    /// </summary>
    private static (TtaSection? Tta, PgeSection? Pge) RunTaskAnalyses(IReadOnlyList<DemoTaskData> data, int seed, List<StageTiming> stages, List<string> notes,
        IProgress<ProgressUpdate> progress, CancellationToken cancellationToken)
    {
        var fashion = data.FirstOrDefault(d => d.Id == "fashion-mnist");
        var digits = data.FirstOrDefault(d => d.Id == "digits");
        if (fashion is null || digits is null)
        {
            notes.Add($"Task Transfer Analysis and PGE need both Fashion-MNIST and digits features of {DemoAnalyses.Model} {DemoAnalyses.Layer}; they were left out.");
            return (null, null);
        }

        var (fashionA, fashionB) = DemoAnalyses.Halves(fashion, seed);
        var (digitsA, digitsB) = DemoAnalyses.Halves(digits, seed + 1);
        var sw = Stopwatch.StartNew();
        var tta = DemoAnalyses.RunTta([(fashionA, fashionB), (fashionA, digitsB)], seed, progress, cancellationToken);
        stages.Add(new StageTiming("task transfer analysis", sw.Elapsed.TotalSeconds, $"{tta.Pairs.Count} source/target pairs"));

        sw.Restart();
        PgeSection pge = DemoAnalyses.RunPge(
            [fashionB, digitsB],
            [
                fashionA,
                DemoAnalyses.ClassSubset(fashionA, "fashion-mnist tops (A)", [0, 2, 3, 4, 6]),
                DemoAnalyses.ClassSubset(fashionA, "fashion-mnist footwear+bags (A)", [5, 7, 8, 9]),
                DemoAnalyses.ShuffledLabels(fashionA, "fashion-mnist shuffled (A)", seed + 2),
                digitsA,
                DemoAnalyses.ClassSubset(digitsA, "digits 0-4 (A)", [0, 1, 2, 3, 4]),
                DemoAnalyses.ShuffledLabels(digitsA, "digits shuffled (A)", seed + 3),
            ],
            seed, progress, cancellationToken);
        stages.Add(new StageTiming("PGE signatures and gaps", sw.Elapsed.TotalSeconds, $"{pge.Sources.Count} sources × {pge.Targets.Count} targets"));
        return (tta, pge);
    }

    /// <summary>Maps the harness's report onto the report model, with a model-selection note (final layers only).</summary>
    internal static Study ToStudy(DemoTarget target, Dataset dataset, EvaluationReport evaluation, IReadOnlyDictionary<string, (string Model, string Layer)> origin, IReadOnlyList<DemoModel> models)
    {
        var candidates = evaluation.Candidates.Select(c => new StudyCandidate(c.Name, origin[c.Name].Model, origin[c.Name].Layer, c.Features, c.Truth.Accuracy, c.Truth.CrossEntropy)).ToList();
        var metrics = new List<StudyMetric>();
        foreach (var a in evaluation.Agreements)
        {
            var outcomes = evaluation.Candidates.Select(c => c.Scores.First(s => s.Metric.Id == a.MetricId)).ToList();
            var r = a.Agreement;
            var ci = r?.WeightedTauInterval;
            metrics.Add(new StudyMetric(
                a.MetricId,
                a.DisplayName,
                a.HigherIsBetter,
                outcomes[0].Metric.PoolRelative,
                outcomes.Where(o => o.Value is not null).ToDictionary(o => o.Candidate, o => o.Value!.Value, StringComparer.Ordinal),
                outcomes.Where(o => o.Unavailable is not null).ToDictionary(o => o.Candidate, o => o.Unavailable!, StringComparer.Ordinal),
                r is null ? null : new IntervalEstimate(r.WeightedTau, ci?.Lower ?? double.NaN, ci?.Upper ?? double.NaN, ci?.Confidence ?? 0, ci?.Resamples ?? 0, ci?.Valid ?? 0, ci?.Seed ?? 0),
                Finite(r?.Top1RelativeAccuracy), Finite(r?.Pearson), Finite(r?.Spearman), Finite(r?.Kendall),
                outcomes.Sum(o => o.Seconds),
                a.Notes));
        }

        var notes = new List<string>();
        var finals = models.Select(m => m.Id + "/" + m.FinalLayer).Where(n => candidates.Any(c => c.Name == n)).ToList();
        if (finals.Count >= 2)
        {
            var bestFinal = candidates.Where(c => finals.Contains(c.Name)).OrderByDescending(c => c.Accuracy).First();
            var agreeing = metrics.Where(m => finals.All(m.Scores.ContainsKey)
                && (m.HigherIsBetter ? finals.OrderByDescending(f => m.Scores[f]) : finals.OrderBy(f => m.Scores[f])).First() == bestFinal.Name).Select(m => m.Id).ToList();
            notes.Add(string.Format(CultureInfo.InvariantCulture, "Model selection (final pooled layers only): the probe prefers {0} (accuracy {1:F4}); {2} of {3} metrics pick it too{4}.",
                bestFinal.Name, bestFinal.Accuracy, agreeing.Count, metrics.Count, agreeing.Count > 0 ? " (" + string.Join(", ", agreeing) + ")" : string.Empty));
        }

        notes.Add("Layer selection: intermediate layers are globally average-pooled (one value per channel), as in the layer-selection literature.");
        notes.Add("Source predictions for LEEP, NCE and related metrics come from each model's own nsfwjs head (5 classes: " + string.Join(", ", NsfwjsModels.ClassNames) + "); they are the same for every layer of a model.");
        var p = evaluation.Provenance;
        return new Study(target.Id, target.Title, dataset.Description, p.Classes, p.TrainSamples, p.TestSamples, p.GroundTruth + "; " + p.Split, candidates, metrics, notes);
    }

    private static double? Finite(double? v) => v is double x && double.IsFinite(x) ? x : null;

    /// <summary>Prefixes every stage with the target id, so each target gets its own progress bars.</summary>
    private static IProgress<ProgressUpdate> Prefixed(IProgress<ProgressUpdate> sink, string prefix)
        => new Relay(u => sink.Report(u with { Stage = prefix + ": " + u.Stage }));

    private sealed class Relay(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
