using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Evaluation.Probing;
using Xfer.Metrics;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Statistics;

namespace Xfer.Evaluation.Harness;

/// <summary>
/// The whole evaluation protocol of the transferability literature, with one convention: score every candidate with every
/// metric on the target training samples, obtain each candidate's ground truth by training a probe on the same training
/// samples and testing it on held-out samples, and measure how well each metric's ranking agrees with the truth.
/// </summary>
/// <remarks>
/// <para><b>Test set.</b> Either separate test labels and per-candidate test features, or (default) a stratified, seeded split
/// of the labelled samples (<see cref="EvaluationOptions.TestFraction"/>), the same rows for every candidate. Metrics never see
/// the test rows.</para>
/// <para><b>Memory.</b> Candidates are loaded one at a time and released after scoring and probing, unless a pool-relative
/// metric is requested: those need every candidate's task at once.</para>
/// <para><b>Seeds.</b> From the master seed: the split uses it directly, the probe folds and the MLP use it, the bootstrap uses
/// it, and stochastic metrics use <see cref="MetricSettings.Seed"/>.</para>
/// </remarks>
public static class EvaluationHarness
{
    /// <summary>Runs the evaluation.</summary>
    /// <param name="labels">Labels of the N labelled (training) samples, shared by every candidate.</param>
    /// <param name="testLabels">Labels of the separate test samples, or null to split the labelled samples.</param>
    /// <param name="candidates">The pool, in report order; names must be unique.</param>
    /// <param name="options">Metrics, probe, split and agreement settings.</param>
    /// <param name="progress">Receives "scoring" (candidate × metric), "probe" or "mlp head" (over all candidates), "pool-relative metrics" and "correlating" updates.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    public static EvaluationReport Run(ClassLabels labels, ClassLabels? testLabels, IReadOnlyList<EvaluationCandidate> candidates, EvaluationOptions? options = null,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(candidates);
        options ??= new EvaluationOptions();
        options.Validate();
        var clock = Stopwatch.StartNew();
        CheckCandidates(candidates);
        Require.AtLeastTwoClasses(labels, "labels");

        // The test set: separate labels mapped into the training classes, or a stratified split of the labelled rows.
        int[]? trainRows = null, testRows = null;
        ClassLabels trainLabels = labels;
        int[] testY;
        string split;
        if (testLabels is not null)
        {
            testY = MapTestLabels(labels, testLabels);
            split = string.Format(CultureInfo.InvariantCulture, "separate test set: {0} training and {1} test samples", labels.Count, testY.Length);
        }
        else
        {
            var all = labels.ToArray();
            (trainRows, testRows) = StratifiedSampling.Split(all, labels.ClassCount, options.TestFraction, options.Seed);
            trainLabels = ClassLabels.FromIndices(trainRows.Select(i => all[i]).ToArray(), labels.ClassNames);
            testY = testRows.Select(i => all[i]).ToArray();
            split = string.Format(CultureInfo.InvariantCulture,
                "stratified split of the {0} labelled samples (test fraction {1:G3}, seed {2}): {3} training and {4} test samples",
                labels.Count, options.TestFraction, options.Seed, trainRows.Length, testRows.Length);
        }

        var single = options.Metrics.OfType<ISingleTaskMetric>().ToList();
        var pooled = options.Metrics.OfType<IPoolRelativeMetric>().ToList();
        var probeOptions = options.Probe with { Seed = options.Seed };
        var mlpOptions = options.MlpHead is null ? null : options.MlpHead with { Seed = options.Seed };
        string groundTruth = mlpOptions?.Describe() ?? probeOptions.Describe();

        var results = new List<(string Name, int Features, ProbeResult Truth, List<MetricOutcome> Scores)>();
        var tasks = new List<TransferTask>();
        for (int c = 0; c < candidates.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidate = candidates[c];
            var data = candidate.Load() ?? throw new XferException($"candidate '{candidate.Name}': the loader returned no data.");
            var (trainX, source, testX) = Prepare(candidate.Name, data, labels, testY.Length, trainRows, testRows);
            var task = new TransferTask(trainX, trainLabels, source, candidate.Name);

            var scoringProgress = Rescale(progress, "scoring", c, candidates.Count);
            var outcomes = MetricRunner.Score(task, single, options.MetricSettings, out _, scoringProgress, cancellationToken).ToList();
            var probeProgress = Rescale(progress, null, c, candidates.Count, candidate.Name);
            var truth = mlpOptions is null
                ? LinearProbe.Run(trainX, trainLabels, testX, testY, probeOptions, probeProgress, cancellationToken)
                : MlpProbe.Run(trainX, trainLabels, testX, testY, mlpOptions, probeProgress, cancellationToken);
            results.Add((candidate.Name, trainX.Columns, truth, outcomes));
            if (pooled.Count > 0)
            {
                tasks.Add(task);
            }
        }

        for (int p = 0; p < pooled.Count; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProgressUpdate("pool-relative metrics", pooled[p].Descriptor.Id, p, pooled.Count));
            var outcomes = EvaluatePool(pooled[p], tasks, options.MetricSettings, cancellationToken);
            for (int c = 0; c < results.Count; c++)
            {
                results[c].Scores.Add(outcomes[c]);
            }

            progress?.Report(new ProgressUpdate("pool-relative metrics", pooled[p].Descriptor.Id, p + 1, pooled.Count));
        }

        // Agreement of each metric with the ground truth (test accuracy).
        var truthList = results.Select(r => new KeyValuePair<string, double>(r.Name, r.Truth.Accuracy)).ToList();
        var scoreTables = options.Metrics.Select(m => new MetricScores(
            m.Descriptor.Id,
            m.Descriptor.DisplayName,
            m.Descriptor.HigherIsBetter,
            results.Select(r => (r.Name, Outcome: r.Scores.First(o => o.Metric.Id == m.Descriptor.Id)))
                .Where(x => x.Outcome.Value is not null).ToDictionary(x => x.Name, x => x.Outcome.Value!.Value, StringComparer.Ordinal),
            results.Select(r => (r.Name, Outcome: r.Scores.First(o => o.Metric.Id == m.Descriptor.Id)))
                .Where(x => x.Outcome.Unavailable is not null).ToDictionary(x => x.Name, x => x.Outcome.Unavailable!, StringComparer.Ordinal))).ToList();
        progress?.Report(new ProgressUpdate("correlating", "weighted τ bootstrap", 0, scoreTables.Count));
        var agreementOptions = options.Agreement with { Bootstrap = options.Agreement.Bootstrap is null ? null : options.Agreement.Bootstrap with { Seed = options.Seed } };
        var agreements = MetricAgreements.Compute(scoreTables, truthList, agreementOptions);
        var comparisons = agreementOptions.Bootstrap is null ? [] : MetricAgreements.CompareWithBest(scoreTables, truthList, agreements, agreementOptions.Bootstrap);
        progress?.Report(new ProgressUpdate("correlating", "done", scoreTables.Count, scoreTables.Count));

        var provenance = new EvaluationProvenance(options.Seed, Linalg.Provider.Name, split, groundTruth, labels.ClassCount, trainLabels.Count, testY.Length,
            options.Metrics.Select(m => m.Descriptor.Id).ToList(), agreementOptions);
        var candidateReports = results.Select(r => new CandidateEvaluation(r.Name, r.Truth.TrainSize, r.Truth.TestSize, r.Features, r.Truth, r.Scores)).ToList();
        return new EvaluationReport(provenance, candidateReports, agreements, comparisons, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Maps test labels onto the training classes by class name (the original label values). A test class absent from the
    /// training labels is an error: the probe has no output for it.
    /// </summary>
    public static int[] MapTestLabels(ClassLabels trainLabels, ClassLabels testLabels)
    {
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testLabels);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < trainLabels.ClassCount; k++)
        {
            index[trainLabels.ClassNames[k]] = k;
        }

        var map = new int[testLabels.ClassCount];
        for (int k = 0; k < testLabels.ClassCount; k++)
        {
            if (!index.TryGetValue(testLabels.ClassNames[k], out map[k]))
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "test labels contain class '{0}' ({1} samples), which the training labels do not have; a probe cannot predict an unseen class. Remove those samples or add training samples of that class.",
                    testLabels.ClassNames[k], testLabels.Counts[k]));
            }
        }

        var y = new int[testLabels.Count];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = map[testLabels[i]];
        }

        return y;
    }

    private static void CheckCandidates(IReadOnlyList<EvaluationCandidate> candidates)
    {
        if (candidates.Count < 2)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "an evaluation needs at least two candidates to rank; got {0}. Add --candidate NAME=FEATURES for each model.", candidates.Count));
        }

        var duplicate = candidates.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new XferException($"candidate name '{duplicate.Key}' is used {duplicate.Count()} times; every candidate needs its own name.");
        }
    }

    private static (Matrix TrainX, SourcePredictions? Source, Matrix TestX) Prepare(string name, CandidateData data, ClassLabels labels, int testCount, int[]? trainRows, int[]? testRows)
    {
        if (data.Features.Rows != labels.Count)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "candidate '{0}': features have {1} rows but the labels have {2} entries; both must describe the same samples.", name, data.Features.Rows, labels.Count));
        }

        if (data.Source is not null && data.Source.Count != labels.Count)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "candidate '{0}': source probabilities have {1} rows but the labels have {2} entries.", name, data.Source.Count, labels.Count));
        }

        if (trainRows is null || testRows is null)
        {
            var testX = data.TestFeatures ?? throw new XferException($"candidate '{name}' has no test features; give --test-candidate {name}=FILE for every candidate, or leave out the test labels to split.");
            if (testX.Rows != testCount)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "candidate '{0}': test features have {1} rows but the test labels have {2} entries.", name, testX.Rows, testCount));
            }

            return (data.Features, data.Source, testX);
        }

        var source = data.Source is null ? null : SourcePredictions.FromProbabilities(data.Source.Probabilities.SelectRows(trainRows), name + " source probabilities");
        return (data.Features.SelectRows(trainRows), source, data.Features.SelectRows(testRows));
    }

    private static IReadOnlyList<MetricOutcome> EvaluatePool(IPoolRelativeMetric metric, List<TransferTask> tasks, MetricSettings settings, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var values = metric.EvaluatePool(tasks, settings, cancellationToken);
            double each = sw.Elapsed.TotalSeconds / Math.Max(1, tasks.Count);
            return tasks.Select((t, i) => double.IsFinite(values[i].Value)
                ? new MetricOutcome(t.Name, metric.Descriptor, values[i].Value, each, null, values[i].Details ?? new Dictionary<string, double>(), values[i].Warnings ?? [])
                : new MetricOutcome(t.Name, metric.Descriptor, null, each, $"{metric.Descriptor.DisplayName} produced a non-finite value; reported as unavailable.", new Dictionary<string, double>(), [])).ToList();
        }
        catch (MetricUnavailableException e)
        {
            return tasks.Select(t => new MetricOutcome(t.Name, metric.Descriptor, null, 0, e.Message, new Dictionary<string, double>(), [])).ToList();
        }
    }

    /// <summary>
    /// Maps a per-candidate progress stream onto the whole run: a stage's Done/Total of candidate c becomes (c + Done/Total)/count,
    /// so one bar covers every candidate. <paramref name="stage"/> null keeps the stage names the probe reports.
    /// </summary>
    private static IProgress<ProgressUpdate>? Rescale(IProgress<ProgressUpdate>? sink, string? stage, int index, int count, string? prefix = null)
    {
        if (sink is null)
        {
            return null;
        }

        return new RelayProgress(u =>
        {
            double fraction = u.Total > 0 ? Math.Min(1.0, u.Done / u.Total) : 0;
            string item = prefix is null ? u.Item : prefix + " / " + u.Item;
            sink.Report(new ProgressUpdate(stage ?? u.Stage, item, index + fraction, count));
        });
    }

    /// <summary>Forwards reports synchronously (unlike <see cref="Progress{T}"/>, which posts to a synchronisation context).</summary>
    private sealed class RelayProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
