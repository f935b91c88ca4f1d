using System;
using System.Collections.Generic;
using System.Linq;
using Xfer.Core.Errors;

namespace Xfer.Metrics.Catalog;

/// <summary>Every metric the toolkit ships, in display order. The CLI and the evaluation harness enumerate this list; nothing else does.</summary>
public static class MetricCatalog
{
    /// <summary>All metrics.</summary>
    public static IReadOnlyList<ITransferabilityMetric> All { get; } =
    [
        // Adding a metric: one line here (see docs/architecture.md).
        new TransRate.Metric(),
        new LogMe.Metric(),
        new Leep.Metric(),
        new Nce.Metric(),
        new HScore.Metric(),
        new TransRateOfficial.Metric(),
        new LogMeThuml.Metric(),
        new HScoreShrinkage.Metric(),
        new Gbc.Metric(),
        new Sfda.Metric(),
        new Ncti.Metric(),
        new ETran.Metric(),
        new NLeep.Metric(),
        new Parc.Metric(),
        new PacTran.Metric(),
        new Knn.Metric(),
        new LinearProbeProxy.Metric(),
    ];

    /// <summary>The metric with this id (case-insensitive).</summary>
    public static ITransferabilityMetric Find(string id)
        => All.FirstOrDefault(m => string.Equals(m.Descriptor.Id, id, StringComparison.OrdinalIgnoreCase))
           ?? throw new XferException($"Unknown metric '{id}'. Known metrics: {string.Join(", ", All.Select(m => m.Descriptor.Id))}.");

    /// <summary>
    /// Parses a comma-separated list of ids, or <c>all</c>. With <paramref name="includePoolRelative"/> false (as in
    /// <c>xfer score</c>), <c>all</c> leaves out pool-relative metrics, and naming one explicitly is an error.
    /// </summary>
    public static IReadOnlyList<ITransferabilityMetric> Parse(string list, bool includePoolRelative)
    {
        ArgumentNullException.ThrowIfNull(list);
        var ids = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            throw new XferException("--metrics is empty; give a comma-separated list of metric ids, or 'all'.");
        }

        var result = new List<ITransferabilityMetric>();
        foreach (var id in ids)
        {
            if (string.Equals(id, "all", StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(All.Where(m => includePoolRelative || !m.Descriptor.PoolRelative));
                continue;
            }

            var metric = Find(id);
            if (metric.Descriptor.PoolRelative && !includePoolRelative)
            {
                throw new XferException($"Metric '{metric.Descriptor.Id}' is defined relative to a pool of candidates; compute it with 'xfer rank'.");
            }

            result.Add(metric);
        }

        return result.Distinct().ToList();
    }
}
