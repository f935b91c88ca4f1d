using System;
using System.Collections.Generic;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics.Catalog;

namespace Xfer.Metrics;

/// <summary>
/// LEEP, the log expected empirical prediction [Nguyen2020LEEP], as thuml/LogME's <c>LEEP.py</c> and TLlib's
/// <c>log_expected_empirical_prediction</c> compute it.
/// </summary>
/// <remarks>
/// <para>θ_i = the source head's probabilities on target sample i (N×Cs). Empirical joint P̂(y, z) = (1/N)·Σ_i θ_iz·[y_i = y],
/// conditional P̂(y | z) = P̂(y, z)/Σ_y P̂(y, z); EEP_i = Σ_z P̂(y_i | z)·θ_iz; LEEP = (1/N)·Σ_i log EEP_i ≤ 0.
/// Input: source probabilities N×Cs, labels. Direction: higher is better. Cost O(N·Cs·C).</para>
/// <para>A source class z that receives zero probability on every sample has P̂(z) = 0; its conditional is taken as 0
/// (it multiplies θ_iz = 0 anyway), as Google's divide-no-nan variant does. EEP_i &gt; 0 always, because some z has
/// θ_iz &gt; 0 and then P̂(y_i, z) ≥ θ_iz/N, so no log of zero occurs.</para>
/// <para>Variants not offered: the SFDA/ETran/NCTI lineage returns mean EEP without the log (peers.md §1.2).</para>
/// </remarks>
public static class Leep
{
    /// <summary>Computes LEEP from source-head probabilities and target labels.</summary>
    public static double Score(SourcePredictions source, ClassLabels labels)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(labels);
        Require.SameSampleCount(source.Count, "source probabilities", labels.Count, "labels");
        var p = source.Probabilities;
        int n = p.Rows, cs = p.Columns, c = labels.ClassCount;

        // joint[y, z] = Σ_{i: y_i = y} θ_iz (the 1/N cancels in the conditional).
        var joint = new double[c * cs];
        for (int i = 0; i < n; i++)
        {
            var row = p.Row(i);
            var dst = joint.AsSpan(labels[i] * cs, cs);
            for (int z = 0; z < cs; z++)
            {
                dst[z] += row[z];
            }
        }

        var marginal = new double[cs];
        for (int y = 0; y < c; y++)
        {
            for (int z = 0; z < cs; z++)
            {
                marginal[z] += joint[(y * cs) + z];
            }
        }

        for (int y = 0; y < c; y++)
        {
            for (int z = 0; z < cs; z++)
            {
                joint[(y * cs) + z] = marginal[z] > 0 ? joint[(y * cs) + z] / marginal[z] : 0.0; // P̂(y | z)
            }
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            var row = p.Row(i);
            var cond = joint.AsSpan(labels[i] * cs, cs);
            double eep = 0;
            for (int z = 0; z < cs; z++)
            {
                eep += cond[z] * row[z];
            }

            sum += Math.Log(eep);
        }

        return sum / n;
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "leep", "LEEP", "Nguyen2020LEEP", MetricInputs.SourcePredictions | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "O(N·Cs·C)",
            Summary: "Mean log-likelihood of the target labels under the source head composed with the empirical P(y|z).");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
            => new(Score(task.Source!, task.Labels), new Dictionary<string, double> { ["sourceClasses"] = task.Source!.SourceClassCount });
    }
}
