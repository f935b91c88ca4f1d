using System;
using System.Collections.Generic;
using System.Threading;

namespace Xfer.Metrics.Catalog;

/// <summary>The tooling view of a metric (catalog, CLI, harness). The maths lives in each metric's static <c>Score</c>.</summary>
public interface ITransferabilityMetric
{
    /// <summary>Identity, inputs, direction and cost.</summary>
    MetricDescriptor Descriptor { get; }
}

/// <summary>A metric whose score depends on one candidate only.</summary>
public interface ISingleTaskMetric : ITransferabilityMetric
{
    /// <summary>Scores one task.</summary>
    /// <exception cref="Core.Errors.MetricUnavailableException">The metric cannot be computed on these inputs; the message says why.</exception>
    MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken);
}

/// <summary>
/// A metric defined relative to a pool of candidates (e.g. min-max normalised across models): only <c>xfer rank</c> and
/// <c>xfer eval</c> compute it. Its per-candidate part depends on one candidate alone, so a runner can compute it while the
/// candidate's features are loaded and keep only the few numbers <see cref="Combine"/> needs.
/// </summary>
public interface IPoolRelativeMetric : ITransferabilityMetric
{
    /// <summary>The raw per-candidate quantities the pool normalisation combines (e.g. NCTI's three terms).</summary>
    /// <exception cref="Core.Errors.MetricUnavailableException">They cannot be computed for this candidate; the message says why.</exception>
    PoolComponents ComputeComponents(TransferTask task, MetricSettings settings, CancellationToken cancellationToken);

    /// <summary>Combines the components of the candidates of one pool (all scored on the same labels) into one value each, in order.</summary>
    /// <exception cref="Core.Errors.MetricUnavailableException">The pool is too small to normalise (e.g. a single candidate).</exception>
    IReadOnlyList<MetricValue> Combine(IReadOnlyList<PoolComponents> pool, MetricSettings settings);

    /// <summary>Scores every candidate of the pool (all share the same labels); one value per candidate, in order.</summary>
    IReadOnlyList<MetricValue> EvaluatePool(IReadOnlyList<TransferTask> candidates, MetricSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var components = new List<PoolComponents>(candidates.Count);
        foreach (var task in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            components.Add(ComputeComponents(task, settings, cancellationToken));
        }

        return Combine(components, settings);
    }
}
