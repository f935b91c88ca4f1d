using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics.Catalog;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="HScore"/>.</summary>
/// <param name="RelativeCutoff">Eigenvalues of cov(f) at or below this fraction of the largest are not inverted
/// (numpy's <c>pinv(rcond=1e-15)</c>, the reference code's setting).</param>
public sealed record HScoreOptions(double RelativeCutoff = 1e-15);

/// <summary>Result of <see cref="HScore"/>.</summary>
/// <param name="Score">tr(cov(f)⁺·cov(E[f|y])); higher is better.</param>
/// <param name="Rank">Number of eigen-directions of cov(f) that were inverted.</param>
public sealed record HScoreResult(double Score, int Rank);

/// <summary>
/// H-score [Bao2019HScore], as the authors' code (YaojieBao/An-Information-theoretic-Metric-of-Transferability) and TLlib's
/// <c>h_score</c> compute it: tr(cov(f)⁺·cov(g)), with g_i = E[f | y_i] the class mean of sample i's class.
/// </summary>
/// <remarks>
/// <para>Both covariances use the N−1 denominator (np.cov), which cancels: H = tr(S_T⁺·S_B) with S_T the total and S_B the
/// between-class scatter. With S_T = V·diag(λ)·Vᵀ and S_B = Σ_k n_k·d_k·d_kᵀ (d_k = μ_k − μ):
/// H = Σ_{i: |λ_i| &gt; cutoff} Σ_k n_k·(v_iᵀd_k)²/λ_i, without forming the pseudo-inverse. Input: features N×D, labels.
/// Direction: higher is better. Cost O(N·D² + D³ + C·D²), sharing S_T's eigendecomposition with other metrics.</para>
/// <para>Known weakness: when N ≤ D or features are nearly collinear, cov(f) has near-zero eigenvalues that rcond = 1e-15
/// still inverts, and the score is dominated by noise; the shrinkage variant <c>hscore-shrinkage</c> addresses this.
/// Google's stable_transfer code multiplies pinv(cov f) and cov g element-wise before the trace; that variant is not
/// offered (peers.md §1.2).</para>
/// </remarks>
public static class HScore
{
    /// <summary>Computes the H-score of features N×D against labels.</summary>
    public static HScoreResult Score(Matrix features, ClassLabels labels, HScoreOptions? options = null)
        => Score(new TransferTask(features, labels), options ?? new HScoreOptions());

    internal static HScoreResult Score(TransferTask task, HScoreOptions options)
    {
        var eig = task.TotalScatterEigen;
        int d = task.FeatureCount;
        double max = 0;
        foreach (double l in eig.Values)
        {
            max = Math.Max(max, Math.Abs(l));
        }

        double cutoff = options.RelativeCutoff * max;

        var q = Shared.BetweenScatterSpectrum.Of(task); // q_i = v_iᵀ·S_B·v_i
        double h = 0;
        int rank = 0;
        for (int i = 0; i < d; i++)
        {
            double l = eig.Values[i];
            if (Math.Abs(l) <= cutoff || max == 0)
            {
                continue;
            }

            rank++;
            h += q[i] / l;
        }

        return new HScoreResult(h, rank);
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "hscore", "H-score", "Bao2019HScore", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "O(N·D² + D³ + C·D²)",
            Summary: "tr(cov(f)⁺·cov(E[f|y])): between-class over total covariance (pinv with rcond 1e-15).");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var r = Score(task, new HScoreOptions(settings.GetDouble("hscore.rcond", 1e-15)));
            var warnings = new List<string>();
            if (task.SampleCount <= task.FeatureCount || r.Rank < task.FeatureCount)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture,
                    "cov(f) is rank-deficient or near-singular (rank {0} of D={1}, N={2}); the score is sensitive to noise directions — consider hscore-shrinkage",
                    r.Rank, task.FeatureCount, task.SampleCount));
            }

            return new MetricValue(r.Score, new Dictionary<string, double> { ["rank"] = r.Rank }, warnings);
        }
    }
}
