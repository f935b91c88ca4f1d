using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;

namespace Xfer.Metrics.Catalog;

/// <summary>One metric's outcome on one candidate: a value, or the reason it could not be computed.</summary>
/// <param name="Candidate">Candidate name.</param>
/// <param name="Metric">The metric's descriptor.</param>
/// <param name="Value">The score, or null when unavailable.</param>
/// <param name="Seconds">Wall time spent in the metric (excluding shared statistics computed beforehand).</param>
/// <param name="Unavailable">Why there is no value, or null.</param>
/// <param name="Details">Diagnostics from the metric.</param>
/// <param name="Warnings">Warnings from the metric.</param>
public sealed record MetricOutcome(
    string Candidate,
    MetricDescriptor Metric,
    double? Value,
    double Seconds,
    string? Unavailable,
    IReadOnlyDictionary<string, double> Details,
    IReadOnlyList<string> Warnings);

/// <summary>Runs metrics over candidates, timing each and turning "cannot compute" into a row with a reason.</summary>
public static class MetricRunner
{
    /// <summary>Checks, before any work, that every metric's inputs are present on the task (for metrics the user named explicitly).</summary>
    public static void CheckInputs(TransferTask task, IEnumerable<ITransferabilityMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(metrics);
        var needSource = metrics.Where(m => m.Descriptor.Requires.HasFlag(MetricInputs.SourcePredictions)).Select(m => m.Descriptor.Id).ToList();
        if (needSource.Count > 0 && task.Source is null)
        {
            throw new XferException($"{string.Join(", ", needSource)} {(needSource.Count == 1 ? "needs" : "need")} the source model's predictions on the target samples; pass --source-probs or --source-logits, or leave {(needSource.Count == 1 ? "it" : "them")} out of --metrics.");
        }
    }

    /// <summary>
    /// Scores one task with every single-task metric in <paramref name="metrics"/>. Shared class moments are computed
    /// once up front when any metric uses features; their time is returned in <paramref name="sharedSeconds"/>.
    /// </summary>
    public static IReadOnlyList<MetricOutcome> Score(
        TransferTask task,
        IReadOnlyList<ISingleTaskMetric> metrics,
        MetricSettings settings,
        out double sharedSeconds,
        IProgress<ProgressUpdate>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(metrics);
        sharedSeconds = 0;
        var sw = Stopwatch.StartNew();
        if (metrics.Count(m => m.Descriptor.Requires.HasFlag(MetricInputs.Features)) > 1)
        {
            _ = task.Moments;
            sharedSeconds = sw.Elapsed.TotalSeconds;
        }

        var outcomes = new List<MetricOutcome>(metrics.Count);
        for (int i = 0; i < metrics.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProgressUpdate("scoring", task.Name + " / " + metrics[i].Descriptor.Id, i, metrics.Count));
            outcomes.Add(Evaluate(task, metrics[i], settings, cancellationToken));
        }

        progress?.Report(new ProgressUpdate("scoring", task.Name, metrics.Count, metrics.Count));
        return outcomes;
    }

    /// <summary>Runs one metric on one task, timing it and capturing an unavailability reason.</summary>
    public static MetricOutcome Evaluate(TransferTask task, ISingleTaskMetric metric, MetricSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Descriptor.Requires.HasFlag(MetricInputs.SourcePredictions) && task.Source is null)
        {
            return new MetricOutcome(task.Name, metric.Descriptor, null, 0, "needs the source model's predictions on the target samples (xfer rank/eval: NAME=FEATURES,PROBS; xfer score: --source-probs or --source-logits)",
                new Dictionary<string, double>(), []);
        }

        var sw = Stopwatch.StartNew();
        try
        {
            var v = metric.Evaluate(task, settings, cancellationToken);
            double seconds = sw.Elapsed.TotalSeconds;
            if (!double.IsFinite(v.Value))
            {
                return new MetricOutcome(task.Name, metric.Descriptor, null, seconds,
                    $"{metric.Descriptor.DisplayName} produced a non-finite value ({v.Value}); reported as unavailable instead of NaN.",
                    v.Details ?? new Dictionary<string, double>(), v.Warnings ?? []);
            }

            return new MetricOutcome(task.Name, metric.Descriptor, v.Value, seconds, null, v.Details ?? new Dictionary<string, double>(), v.Warnings ?? []);
        }
        catch (MetricUnavailableException e)
        {
            return new MetricOutcome(task.Name, metric.Descriptor, null, sw.Elapsed.TotalSeconds, e.Message, new Dictionary<string, double>(), []);
        }
    }
}
