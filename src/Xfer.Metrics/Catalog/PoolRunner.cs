using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;

namespace Xfer.Metrics.Catalog;

/// <summary>A candidate of a pool: its name and a loader that reads its features (and source probabilities) when its turn comes.</summary>
/// <param name="Name">Candidate name (unique in the pool).</param>
/// <param name="Load">Creates the candidate's task on the shared labels; called once.</param>
public sealed record PoolCandidate(string Name, Func<TransferTask> Load);

/// <summary>What was scored for one candidate (its shape and the time its shared statistics took).</summary>
/// <param name="Name">Candidate name.</param>
/// <param name="Samples">N.</param>
/// <param name="Features">D.</param>
/// <param name="SourceClasses">Source classes of the given probabilities, or null.</param>
/// <param name="SharedSeconds">Seconds spent on shared statistics (class moments) before the metrics.</param>
public sealed record PoolCandidateInfo(string Name, int Samples, int Features, int? SourceClasses, double SharedSeconds);

/// <summary>Every metric's outcome on every candidate of a pool.</summary>
/// <param name="Candidates">The candidates, in the given order.</param>
/// <param name="Metrics">The metrics, in the given order.</param>
/// <param name="Outcomes">One outcome per (candidate, metric), candidate-major in the given orders.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
public sealed record PoolResult(IReadOnlyList<PoolCandidateInfo> Candidates, IReadOnlyList<MetricDescriptor> Metrics, IReadOnlyList<MetricOutcome> Outcomes, double Seconds)
{
    /// <summary>The outcome of <paramref name="metricId"/> on <paramref name="candidate"/>.</summary>
    public MetricOutcome Outcome(string candidate, string metricId)
        => Outcomes.First(o => o.Candidate == candidate && o.Metric.Id == metricId);

    /// <summary>
    /// One metric's outcomes ranked best first, honouring its direction; ties keep the candidates' order; candidates without a value
    /// come last, in their order.
    /// </summary>
    public IReadOnlyList<MetricOutcome> Ranking(string metricId)
    {
        var rows = Outcomes.Where(o => o.Metric.Id == metricId).ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException($"The pool was not scored with '{metricId}'.", nameof(metricId));
        }

        bool higher = rows[0].Metric.HigherIsBetter;
        var scored = rows.Where(o => o.Value is not null);
        var ordered = higher ? scored.OrderByDescending(o => o.Value!.Value) : scored.OrderBy(o => o.Value!.Value); // stable
        return ordered.Concat(rows.Where(o => o.Value is null)).ToList();
    }
}

/// <summary>
/// Scores a pool of candidates (same labels, possibly different feature dimensions) with single-task and pool-relative metrics,
/// for <c>xfer rank</c>. Candidates are loaded one at a time and released after scoring: a pool-relative metric keeps only the
/// few numbers <see cref="IPoolRelativeMetric.ComputeComponents"/> returns, never the features.
/// </summary>
public static class PoolRunner
{
    /// <summary>Runs every metric on every candidate.</summary>
    /// <param name="candidates">The pool (unique names, at least one).</param>
    /// <param name="metrics">Single-task and/or pool-relative metrics.</param>
    /// <param name="settings">Seed and metric parameters.</param>
    /// <param name="progress">Receives "scoring" updates: item "candidate / metric", one unit per (candidate, metric).</param>
    /// <param name="cancellationToken">Cancels between metrics.</param>
    public static PoolResult Run(IReadOnlyList<PoolCandidate> candidates, IReadOnlyList<ITransferabilityMetric> metrics, MetricSettings settings,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(settings);
        if (candidates.Count == 0)
        {
            throw new XferException("no candidates to rank; give --candidate NAME=FEATURES for each model.");
        }

        var duplicate = candidates.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new XferException($"candidate name '{duplicate.Key}' is used {duplicate.Count()} times; every candidate needs its own name.");
        }

        var clock = Stopwatch.StartNew();
        int total = candidates.Count * metrics.Count;
        var infos = new List<PoolCandidateInfo>(candidates.Count);
        var outcomes = new MetricOutcome?[candidates.Count, metrics.Count];
        var components = new PoolComponents?[candidates.Count, metrics.Count];
        var componentSeconds = new double[candidates.Count, metrics.Count];
        bool needMoments = metrics.Count(m => m.Descriptor.Requires.HasFlag(MetricInputs.Features)) > 1;
        int samples = -1;
        for (int c = 0; c < candidates.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidate = candidates[c];
            progress?.Report(new ProgressUpdate("scoring", candidate.Name + " / loading", c * metrics.Count, total));
            var task = candidate.Load() ?? throw new XferException($"candidate '{candidate.Name}': the loader returned no data.");
            if (samples >= 0 && task.SampleCount != samples)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "candidate '{0}' has {1} samples but '{2}' has {3}; every candidate must describe the same labelled samples.",
                    candidate.Name, task.SampleCount, candidates[0].Name, samples));
            }

            samples = task.SampleCount;
            var sw = Stopwatch.StartNew();
            if (needMoments)
            {
                _ = task.Moments;
            }

            infos.Add(new PoolCandidateInfo(candidate.Name, task.SampleCount, task.FeatureCount, task.Source?.SourceClassCount, sw.Elapsed.TotalSeconds));
            for (int m = 0; m < metrics.Count; m++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ProgressUpdate("scoring", candidate.Name + " / " + metrics[m].Descriptor.Id, (c * metrics.Count) + m, total));
                switch (metrics[m])
                {
                    case ISingleTaskMetric single:
                        outcomes[c, m] = MetricRunner.Evaluate(task, single, settings, cancellationToken) with { Candidate = candidate.Name };
                        break;
                    case IPoolRelativeMetric pooled:
                        var timer = Stopwatch.StartNew();
                        try
                        {
                            components[c, m] = pooled.ComputeComponents(task, settings, cancellationToken);
                        }
                        catch (MetricUnavailableException e)
                        {
                            outcomes[c, m] = Unavailable(candidate.Name, pooled.Descriptor, e.Message, timer.Elapsed.TotalSeconds, null);
                        }

                        componentSeconds[c, m] = timer.Elapsed.TotalSeconds;
                        break;
                    default:
                        throw new ArgumentException($"Metric '{metrics[m].Descriptor.Id}' is neither single-task nor pool-relative.", nameof(metrics));
                }
            }

            // The task (features, moments, PCA) goes out of scope here; only outcomes and components remain.
        }

        for (int m = 0; m < metrics.Count; m++)
        {
            if (metrics[m] is IPoolRelativeMetric pooled)
            {
                CombinePool(pooled, m, candidates, components, componentSeconds, outcomes, settings);
            }
        }

        progress?.Report(new ProgressUpdate("scoring", "done", total, total));
        var list = new List<MetricOutcome>(total);
        for (int c = 0; c < candidates.Count; c++)
        {
            for (int m = 0; m < metrics.Count; m++)
            {
                list.Add(outcomes[c, m]!);
            }
        }

        return new PoolResult(infos, metrics.Select(m => m.Descriptor).ToList(), list, clock.Elapsed.TotalSeconds);
    }

    private static void CombinePool(IPoolRelativeMetric metric, int m, IReadOnlyList<PoolCandidate> candidates, PoolComponents?[,] components,
        double[,] seconds, MetricOutcome?[,] outcomes, MetricSettings settings)
    {
        var available = Enumerable.Range(0, candidates.Count).Where(c => components[c, m] is not null).ToList();
        if (available.Count == 0)
        {
            return; // every candidate already has its reason
        }

        var timer = Stopwatch.StartNew();
        try
        {
            var values = metric.Combine(available.Select(c => components[c, m]!).ToList(), settings);
            double share = timer.Elapsed.TotalSeconds / available.Count;
            for (int i = 0; i < available.Count; i++)
            {
                int c = available[i];
                var v = values[i];
                double s = seconds[c, m] + share;
                outcomes[c, m] = double.IsFinite(v.Value)
                    ? new MetricOutcome(candidates[c].Name, metric.Descriptor, v.Value, s, null, v.Details ?? new Dictionary<string, double>(), v.Warnings ?? [])
                    : Unavailable(candidates[c].Name, metric.Descriptor, $"{metric.Descriptor.DisplayName} produced a non-finite value ({v.Value}); reported as unavailable instead of NaN.", s, components[c, m]);
            }
        }
        catch (MetricUnavailableException e)
        {
            foreach (int c in available)
            {
                outcomes[c, m] = Unavailable(candidates[c].Name, metric.Descriptor, e.Message, seconds[c, m], components[c, m]);
            }
        }
    }

    private static MetricOutcome Unavailable(string candidate, MetricDescriptor metric, string reason, double seconds, PoolComponents? raw)
        => new(candidate, metric, null, seconds, reason, raw?.Values ?? new Dictionary<string, double>(), raw?.Warnings ?? []);
}
