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

/// <summary>A metric defined relative to a pool of candidates (e.g. min-max normalised across models): only <c>xfer rank</c> computes it.</summary>
public interface IPoolRelativeMetric : ITransferabilityMetric
{
    /// <summary>Scores every candidate of the pool (all share the same labels); one value per candidate, in order.</summary>
    IReadOnlyList<MetricValue> EvaluatePool(IReadOnlyList<TransferTask> candidates, MetricSettings settings, CancellationToken cancellationToken);
}
