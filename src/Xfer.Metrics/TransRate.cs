using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="TransRate"/>.</summary>
/// <param name="Epsilon">Distortion ε of the coding rate (default 1e-4, the released code's default and the value of
/// most of the paper's tables; seeds-methods.md §1.6 lists the per-table values of the official pipeline).</param>
public sealed record TransRateOptions(double Epsilon = TransRate.DefaultEpsilon);

/// <summary>Result of <see cref="TransRate"/>.</summary>
/// <param name="Score">TrR = R(Z̄) − (1/K)·Σ_k R(Z̄_k), in nats; higher is better.</param>
/// <param name="CodingRate">R(Z̄), the coding rate of all centred features.</param>
/// <param name="ConditionalCodingRate">(1/K)·Σ_k R(Z̄_k), the average class coding rate.</param>
public sealed record TransRateResult(double Score, double CodingRate, double ConditionalCodingRate);

/// <summary>
/// TransRate [Huang2022TransRate], exactly as the paper's released "10-line" code (and TLlib's
/// <c>tllib/ranking/transrate.py</c>) computes it: the mutual information between features and labels estimated by
/// the coding rate.
/// </summary>
/// <remarks>
/// <para>Z̄ = Z − 1μᵀ (global centring only; classes are not re-centred). R(M; ε) = ½·log det(I + MᵀM/(m·ε)) for a
/// matrix M of m rows. TrR = R(Z̄; ε) − (1/K)·Σ_k R(Z̄_k; ε), where Z̄_k are the rows of Z̄ in class k and m = n_k.
/// Input: features N×D, labels with K classes. Direction: higher is better.</para>
/// <para>Computation: log-determinants by Cholesky (I + PSD is SPD). When a block has fewer rows than columns,
/// Sylvester's identity log det(I_D + a·MᵀM) = log det(I_m + a·MMᵀ) gives the same value from the smaller m×m
/// Gram. The global Z̄ᵀZ̄ is the shared total scatter. Cost O(N·D·min(N,D) + Σ_k n_k·D·min(n_k,D) + (K+1)·min(·)³).</para>
/// <para>Deviations and variants: the paper's equation (MCR², Yu et al. 2020) scales by d/(nε²) and weights classes by
/// n_k/n; the released code, reproduced here, uses 1/(m·ε) and uniform 1/K weights, so its ε plays the role of
/// ε²/d and the score can be negative on very imbalanced data (seeds-methods.md §1.2). The official repository's
/// pipeline that produced the paper's tables (double L2 normalisation, n_k/n weights, division by rank) is the
/// separate metric <c>transrate-official</c>. Labels are contiguous class indices, so TLlib's empty-class NaN
/// (K = max(y)+1 with a missing label) cannot occur.</para>
/// <para>Not invariant to feature scale: scaling Z by c equals dividing ε by c².</para>
/// </remarks>
public static class TransRate
{
    /// <summary>Default ε (released code default).</summary>
    public const double DefaultEpsilon = 1e-4;

    /// <summary>Computes TransRate of features N×D against labels.</summary>
    public static TransRateResult Score(Matrix features, ClassLabels labels, TransRateOptions? options = null)
        => Score(features, labels, null, options);

    /// <summary>Computes TransRate, reusing the task's total scatter when it is at hand.</summary>
    internal static TransRateResult Score(Matrix features, ClassLabels labels, Numerics.Statistics.ClassMoments? moments, TransRateOptions? options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        double eps = (options ?? new TransRateOptions()).Epsilon;
        if (!(eps > 0) || !double.IsFinite(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(options), string.Format(CultureInfo.InvariantCulture,
                "TransRate's ε must be a positive finite number; got {0}.", eps));
        }

        int n = features.Rows, d = features.Columns;
        var mean = moments?.Mean ?? ColumnMeans(features);

        double rz;
        if (moments is not null && n >= d)
        {
            rz = HalfLogDetIdentityPlus(moments.TotalScatter, 1.0 / (n * eps));
        }
        else
        {
            var all = new int[n];
            for (int i = 0; i < n; i++)
            {
                all[i] = i;
            }

            rz = CodingRate(features, all, mean, eps);
        }

        double classSum = 0;
        foreach (var rows in labels.SamplesByClass())
        {
            classSum += CodingRate(features, rows, mean, eps);
        }

        double rzy = classSum / labels.ClassCount;
        return new TransRateResult(rz - rzy, rz, rzy);
    }

    /// <summary>R(M; ε) = ½·log det(I + MᵀM/(m·ε)) for M = the listed rows of <paramref name="x"/>, centred by <paramref name="mean"/>.</summary>
    internal static double CodingRate(Matrix x, int[] rows, double[] mean, double eps)
    {
        int m = rows.Length, d = x.Columns;
        double a = 1.0 / (m * eps);
        if (m >= d)
        {
            // D×D Gram accumulated over row blocks (≈4M values per block).
            var gram = new Matrix(d, d);
            int block = Math.Max(1, Math.Min(m, (1 << 22) / Math.Max(1, d)));
            var buf = new double[block * d];
            for (int start = 0; start < m; start += block)
            {
                int r = Math.Min(block, m - start);
                for (int t = 0; t < r; t++)
                {
                    var src = x.Row(rows[start + t]);
                    var dst = buf.AsSpan(t * d, d);
                    for (int j = 0; j < d; j++)
                    {
                        dst[j] = src[j] - mean[j];
                    }
                }

                Linalg.GramAccumulate(buf.AsSpan(0, r * d), r, d, gram);
            }

            return HalfLogDetIdentityPlus(gram, a);
        }

        // Sylvester: the m×m Gram M·Mᵀ, from the centred rows written transposed (D×m) so it is a plain XᵀX.
        var t2 = new double[d * m];
        for (int t = 0; t < m; t++)
        {
            var src = x.Row(rows[t]);
            for (int j = 0; j < d; j++)
            {
                t2[(j * m) + t] = src[j] - mean[j];
            }
        }

        var small = new Matrix(m, m);
        Linalg.GramAccumulate(t2, d, m, small);
        return HalfLogDetIdentityPlus(small, a);
    }

    /// <summary>½·log det(I + a·G) for a symmetric PSD G, by Cholesky (G is overwritten).</summary>
    private static double HalfLogDetIdentityPlus(Matrix gram, double a)
    {
        var g = gram.Clone();
        int k = g.Rows;
        for (int i = 0; i < g.Data.Length; i++)
        {
            g.Data[i] *= a;
        }

        for (int i = 0; i < k; i++)
        {
            g[i, i] += 1.0;
        }

        return 0.5 * Linalg.LogDeterminantSpd(g);
    }

    private static double[] ColumnMeans(Matrix x)
    {
        var mean = new double[x.Columns];
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < mean.Length; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < mean.Length; j++)
        {
            mean[j] /= x.Rows;
        }

        return mean;
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "transrate", "TransRate", "Huang2022TransRate", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "O(N·D·min(N,D) + Σ_k n_k·D·min(n_k,D) + (C+1)·min(n,D)³)",
            Summary: "Coding-rate estimate of I(features; labels), released 10-line code (global centring, 1/K class weights).");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            double eps = settings.GetDouble("transrate.epsilon", DefaultEpsilon);
            if (!(eps > 0))
            {
                throw new Core.Errors.XferException($"transrate.epsilon must be positive; got {eps.ToString(CultureInfo.InvariantCulture)}.");
            }

            var r = Score(task.Features, task.Labels, task.Moments, new TransRateOptions(eps));
            return new MetricValue(r.Score, new Dictionary<string, double>
            {
                ["epsilon"] = eps,
                ["codingRate"] = r.CodingRate,
                ["conditionalCodingRate"] = r.ConditionalCodingRate,
            });
        }
    }
}
