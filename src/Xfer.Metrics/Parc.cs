using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Metrics.Catalog;
using Xfer.Metrics.Shared;
using Xfer.Numerics.Statistics;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="Parc"/>.</summary>
/// <param name="Components">PCA dimensions (the PARC benchmark's <c>PARC(n_dims=32)</c>); fewer when D or N − 1 is smaller.</param>
public sealed record ParcOptions(int Components = Parc.DefaultComponents);

/// <summary>Result of <see cref="Parc"/>.</summary>
/// <param name="Score">100 × Spearman(RDM_f, RDM_y) over all pairs; higher is better (−100 … 100).</param>
/// <param name="Components">PCA dimensions used.</param>
/// <param name="Pairs">N(N−1)/2 pairs ranked.</param>
/// <param name="SameClassPairs">Pairs whose samples share a class.</param>
/// <param name="TiedValues">Pairs whose feature dissimilarity ties with another pair's (handled with average ranks).</param>
/// <param name="Passes">Passes over the pairs (memory is bounded; more pairs take more passes).</param>
public sealed record ParcResult(double Score, int Components, long Pairs, long SameClassPairs, long TiedValues, int Passes);

/// <summary>
/// PARC, Pairwise Annotation Representation Comparison [Bolya2021PARC], as dbolya/parc@ddfca43a <c>methods.py:PARC</c> defines
/// it, computed exactly for any N without the N×N matrices.
/// </summary>
/// <remarks>
/// <para>Reference: F ← PCA to 32 dimensions; F ← standardise columns (<c>StandardScaler</c>); RDM_f = 1 − corrcoef(rows of F);
/// RDM_y = 1 − corrcoef(rows of one-hot Y); PARC = 100·Spearman(upper triangle of RDM_f, upper triangle of RDM_y).
/// Input: features N×D, labels. Direction: higher is better.</para>
/// <para>Computation: RDM_y is 0 for same-class pairs and 1 + 1/(C−1) otherwise, a binary variable, and 1 − corr is a decreasing
/// function of the row correlation, so PARC = 100·Spearman(corr(f_i, f_j), [y_i = y_j]); <see cref="SameClassSpearman"/> evaluates
/// that exactly (average ranks for ties, 128-bit rank sums) in passes over blocks of pairs, with O(budget + N) memory instead of
/// the reference's O(N²) (two dense N×N matrices plus the triangles: about 12 GB at N = 20 000). Rows are correlation-normalised
/// once, u_i = (f_i − mean f_i)/‖f_i − mean f_i‖, so corr(f_i, f_j) = u_i·u_j.</para>
/// <para>Deviations, each measured in docs/metrics/parc.md: (1) PCA is exact (eigendecomposition shared with other metrics)
/// instead of scikit-learn's randomized solver with <c>random_state=1919, iterated_power=1</c>, whose single power iteration
/// only approximates the top-32 subspace; column signs follow scikit-learn's <c>svd_flip</c> convention (the largest-magnitude
/// score of each component is positive) because PARC, unlike most metrics, depends on them through the row means. Hence PARC is
/// deterministic (no seed). (2) RDM_y is exactly binary here; in the reference, <c>np.corrcoef</c> of one-hot rows rounds
/// differently per class (same-class entries 0 or 2.2e-16, and for some C two different-class values), and the Spearman ranks
/// then split those near-equal values — which changed PARC from 24.8 to 7.9 on a 37-class example. (3) Ranks use the
/// correlation, not 1 − correlation, which can merge correlations closer than an ulp of 1.</para>
/// <para>Cost: PCA (shared) + O(N·D·q) projection + passes × O(N²·q) products (q = 32) + O(N² log(N²/65 536)) sorting; at
/// N = 20 000 about 13 passes with the default 128 MB budget.</para>
/// </remarks>
public static class Parc
{
    /// <summary>PCA dimensions of the reference benchmark.</summary>
    public const int DefaultComponents = 32;

    /// <summary>Computes PARC of features N×D against labels.</summary>
    public static ParcResult Score(Matrix features, ClassLabels labels, ParcOptions? options = null, CancellationToken cancellationToken = default)
        => Score(new TransferTask(features, labels), options ?? new ParcOptions(), new PairPassOptions(), cancellationToken);

    internal static ParcResult Score(TransferTask task, ParcOptions options, PairPassOptions passes, CancellationToken cancellationToken)
    {
        if (options.Components < 1)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture, "parc.components must be at least 1; got {0}.", options.Components));
        }

        if (task.SampleCount < 3)
        {
            throw new MetricUnavailableException("PARC needs at least 3 samples (pairs to rank).");
        }

        var u = CorrelationRows(task, options.Components);
        var r = SameClassSpearman.Compute(u, task.Labels.Indices, passes, cancellationToken);
        if (r.SameClassPairs == 0)
        {
            throw new MetricUnavailableException("PARC needs at least one class with two samples: with every class a singleton, RDM_y is constant and the Spearman correlation is undefined.");
        }

        if (!double.IsFinite(r.Rho))
        {
            throw new MetricUnavailableException("all pairwise feature correlations are equal, so their Spearman correlation with the labels is undefined.");
        }

        return new ParcResult(100 * r.Rho, u.Columns, r.Pairs, r.SameClassPairs, r.TiedValues, r.Passes);
    }

    /// <summary>PCA scores (svd_flip signs), standardised columns, then rows centred and scaled to unit norm: u_i·u_j = corr(f_i, f_j).</summary>
    internal static Matrix CorrelationRows(TransferTask task, int components)
    {
        var scores = PrincipalComponents.Of(task, components).Scores;
        int n = scores.Rows, q = scores.Columns;
        var signed = scores.Clone();
        for (int t = 0; t < q; t++)
        {
            int arg = 0;
            for (int i = 1; i < n; i++)
            {
                if (Math.Abs(scores[i, t]) > Math.Abs(scores[arg, t]))
                {
                    arg = i;
                }
            }

            if (scores[arg, t] < 0)
            {
                for (int i = 0; i < n; i++)
                {
                    signed[i, t] = -signed[i, t];
                }
            }
        }

        var z = FeatureStandardizer.Fit(signed).Transform(signed);
        for (int i = 0; i < n; i++)
        {
            var row = z.Row(i);
            double mean = 0;
            foreach (double v in row)
            {
                mean += v;
            }

            mean /= q;
            double norm = 0;
            for (int t = 0; t < q; t++)
            {
                row[t] -= mean;
                norm += row[t] * row[t];
            }

            if (!(norm > 0))
            {
                throw new MetricUnavailableException(string.Format(CultureInfo.InvariantCulture,
                    "sample {0} has identical values in all {1} standardised PCA dimensions, so its correlation with other samples is undefined (the reference's np.corrcoef gives NaN).",
                    i, q));
            }

            if (q == 2)
            {
                // Two dimensions: every centred row is ±(1, −1)/√2, so every correlation is exactly ±1. Snapping the rows keeps those
                // ties exact; normalising each row separately would round some to 1 ± 1 ulp and rank mathematically equal values apart.
                double s = row[0] > row[1] ? Math.Sqrt(0.5) : -Math.Sqrt(0.5);
                row[0] = s;
                row[1] = -s;
                continue;
            }

            double inv = 1.0 / Math.Sqrt(norm);
            for (int t = 0; t < q; t++)
            {
                row[t] *= inv;
            }
        }

        return z;
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "parc", "PARC", "Bolya2021PARC", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "PCA O(N·D² + D³) + O(N²·q·P) pair products (q = 32, P passes ≈ 1 + N²/2²⁵) + O(N² log N) ranking; memory O(N + 2²⁴)",
            Summary: "100 × Spearman correlation between pairwise feature dissimilarities (PCA-32, 1 − row correlation) and label dissimilarities.");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var r = Score(task, new ParcOptions(settings.GetInt("parc.components", DefaultComponents)), new PairPassOptions(), cancellationToken);
            return new MetricValue(r.Score, new Dictionary<string, double>
            {
                ["components"] = r.Components,
                ["pairs"] = r.Pairs,
                ["sameClassPairs"] = r.SameClassPairs,
                ["tiedValues"] = r.TiedValues,
                ["passes"] = r.Passes,
            });
        }
    }
}
