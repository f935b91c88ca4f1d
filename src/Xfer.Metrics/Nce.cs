using System;
using System.Collections.Generic;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics.Catalog;

namespace Xfer.Metrics;

/// <summary>
/// NCE, the negative conditional entropy of target labels given the source model's hard predictions
/// [Tran2019NCE], as thuml/LogME's <c>NCE.py</c> and TLlib's <c>negative_conditional_entropy</c> compute it.
/// </summary>
/// <remarks>
/// <para>z_i = argmax_z θ_iz (first maximum on ties, as numpy's argmax). With the empirical joint P̂(y, z) of counts/N,
/// NCE = −H(Y | Z) = Σ_z P̂(z)·Σ_y P̂(y | z)·log P̂(y | z) ≤ 0. Input: source probabilities (or their argmax), labels.
/// Direction: higher is better. Cost O(N·Cs + C·Cs).</para>
/// <para>Zero counts contribute 0 (0·log 0 = 0) exactly; the reference adds 1e-20 inside the log, which changes
/// nothing at double precision for non-zero terms.</para>
/// </remarks>
public static class Nce
{
    /// <summary>Computes NCE from source-head probabilities and target labels.</summary>
    public static double Score(SourcePredictions source, ClassLabels labels)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(labels);
        Require.SameSampleCount(source.Count, "source probabilities", labels.Count, "labels");
        var p = source.Probabilities;
        int n = p.Rows, cs = p.Columns, c = labels.ClassCount;
        var counts = new long[cs * c];
        var zCounts = new long[cs];
        for (int i = 0; i < n; i++)
        {
            var row = p.Row(i);
            int arg = 0;
            for (int z = 1; z < cs; z++)
            {
                if (row[z] > row[arg])
                {
                    arg = z;
                }
            }

            counts[(arg * c) + labels[i]]++;
            zCounts[arg]++;
        }

        double nce = 0;
        for (int z = 0; z < cs; z++)
        {
            if (zCounts[z] == 0)
            {
                continue;
            }

            double pz = (double)zCounts[z] / n, h = 0;
            for (int y = 0; y < c; y++)
            {
                long k = counts[(z * c) + y];
                if (k > 0)
                {
                    double q = (double)k / zCounts[z];
                    h -= q * Math.Log(q);
                }
            }

            nce -= pz * h;
        }

        return nce;
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "nce", "NCE", "Tran2019NCE", MetricInputs.SourcePredictions | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "O(N·Cs + C·Cs)",
            Summary: "Negative conditional entropy H(Y|Z) of target labels given the source head's hard predictions.");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
            => new(Score(task.Source!, task.Labels), new Dictionary<string, double> { ["sourceClasses"] = task.Source!.SourceClassCount });
    }
}
