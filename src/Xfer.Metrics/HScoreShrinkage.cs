using System;
using System.Collections.Generic;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics.Catalog;
using Xfer.Metrics.Shared;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="HScoreShrinkage"/>.</summary>
/// <param name="RelativeCutoff">Eigenvalues of cov_α at or below this fraction of the largest are not inverted (TLlib's
/// <c>np.linalg.pinv(rcond=1e-15)</c>; with shrinkage α &gt; 0 every eigenvalue is at least α·tr(S)/D, so it rarely applies).</param>
public sealed record HScoreShrinkageOptions(double RelativeCutoff = 1e-15);

/// <summary>Result of <see cref="HScoreShrinkage"/>.</summary>
/// <param name="Score">H_α = tr(cov_α⁺·(1 − α)·cov(g)); higher is better.</param>
/// <param name="Shrinkage">α, the Ledoit–Wolf shrinkage (scikit-learn's <c>LedoitWolf().shrinkage_</c>).</param>
/// <param name="Rank">Number of eigen-directions of cov_α inverted.</param>
public sealed record HScoreShrinkageResult(double Score, double Shrinkage, int Rank);

/// <summary>
/// The regularised (shrinkage) H-score [Ibrahim2022Newer] as TLlib's <c>tllib/ranking/hscore.py:regularized_h_score</c> computes it:
/// the H-score with the feature covariance replaced by its Ledoit–Wolf estimate [LedoitWolf2004].
/// </summary>
/// <remarks>
/// <para>S = S_T/N (biased covariance of the centred features), μ = tr(S)/D. Ledoit–Wolf exactly as
/// <c>sklearn.covariance.ledoit_wolf_shrinkage</c> (scikit-learn 1.2): β = [Σ_i ‖x_i − x̄‖⁴/N − ‖S‖_F²]/(D·N),
/// δ = ‖S − μI‖_F²/D, α = min(β, δ)/δ (α = 0 when β = 0, and for D = 1 as scikit-learn). cov_α = (1 − α)·S + α·μ·I.
/// g_i = mean of sample i's class; cov(g) = S_B/(N − 1) (np.cov, N − 1 denominator: the reference mixes this with the biased
/// cov_α, and that factor N/(N − 1) is kept). H_α = tr(cov_α⁺·(1 − α)·cov(g)) = (1 − α)/(N − 1)·Σ_i q_i/((1 − α)λ_i/N + αμ),
/// with λ_i, v_i the eigenpairs of S_T and q_i = v_iᵀS_Bv_i, both shared with <c>hscore</c>.
/// Input: features N×D, labels. Direction: higher is better.</para>
/// <para>Computation: the shared scatter eigendecomposition, plus one O(N·D) pass for Σ‖x_i − x̄‖⁴ (no copy).
/// δ is computed as ‖S − μI‖_F² directly rather than scikit-learn's ‖S‖_F² − 2μ·tr S + Dμ², which cancels; the two agree
/// to rounding. Cost O(N·D² + D³ + C·D²) (shared) + O(N·D).</para>
/// </remarks>
public static class HScoreShrinkage
{
    /// <summary>Computes the shrinkage H-score of features N×D against labels.</summary>
    public static HScoreShrinkageResult Score(Matrix features, ClassLabels labels, HScoreShrinkageOptions? options = null)
        => Score(new TransferTask(features, labels), options ?? new HScoreShrinkageOptions());

    internal static HScoreShrinkageResult Score(TransferTask task, HScoreShrinkageOptions options)
    {
        int n = task.SampleCount, d = task.FeatureCount;
        double alpha = LedoitWolfShrinkage(task);
        var scatter = task.Moments.TotalScatter;
        double mu = 0;
        for (int i = 0; i < d; i++)
        {
            mu += scatter[i, i];
        }

        mu /= (double)n * d;
        var eig = task.TotalScatterEigen;
        var q = BetweenScatterSpectrum.Of(task);
        var shrunk = new double[d];
        double max = 0;
        for (int i = 0; i < d; i++)
        {
            shrunk[i] = ((1 - alpha) * eig.Values[i] / n) + (alpha * mu);
            max = Math.Max(max, Math.Abs(shrunk[i]));
        }

        double h = 0;
        int rank = 0;
        for (int i = 0; i < d; i++)
        {
            if (max == 0 || Math.Abs(shrunk[i]) <= options.RelativeCutoff * max)
            {
                continue;
            }

            rank++;
            h += q[i] / shrunk[i];
        }

        return new HScoreShrinkageResult(h * (1 - alpha) / (n - 1), alpha, rank);
    }

    /// <summary>The Ledoit–Wolf shrinkage of the task's features, as <c>sklearn.covariance.ledoit_wolf_shrinkage(X)</c> (X centred by its mean).</summary>
    internal static double LedoitWolfShrinkage(TransferTask task)
    {
        int n = task.SampleCount, d = task.FeatureCount;
        if (d == 1)
        {
            return 0.0; // scikit-learn: "for only one feature, the result is the same whatever the shrinkage"
        }

        var scatter = task.Moments.TotalScatter;
        var mean = task.Moments.Mean;
        double trace = 0;
        for (int i = 0; i < d; i++)
        {
            trace += scatter[i, i];
        }

        double mu = trace / ((double)n * d);
        double frob = 0, offIdentity = 0;
        for (int i = 0; i < d; i++)
        {
            var row = scatter.Row(i);
            for (int j = 0; j < d; j++)
            {
                double s = row[j] / n;
                frob += s * s;
                double e = i == j ? s - mu : s;
                offIdentity += e * e;
            }
        }

        double fourth = 0;
        var x = task.Features;
        for (int r = 0; r < n; r++)
        {
            var row = x.Row(r);
            double q = 0;
            for (int j = 0; j < d; j++)
            {
                double v = row[j] - mean[j];
                q += v * v;
            }

            fourth += q * q;
        }

        double beta = ((fourth / n) - frob) / ((double)d * n);
        double delta = offIdentity / d;
        beta = Math.Min(beta, delta);
        return beta == 0 || delta == 0 ? 0.0 : beta / delta;
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "hscore-shrinkage", "Shrinkage H-score", "Ibrahim2022Newer", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "O(N·D² + D³ + C·D²) shared with hscore, + O(N·D)",
            Summary: "H-score with the Ledoit–Wolf shrunk feature covariance: tr(cov_α⁺·(1−α)·cov(E[f|y])), as TLlib's regularized_h_score.");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var r = Score(task, new HScoreShrinkageOptions(settings.GetDouble("hscore-shrinkage.rcond", 1e-15)));
            return new MetricValue(r.Score, new Dictionary<string, double> { ["shrinkage"] = r.Shrinkage, ["rank"] = r.Rank });
        }
    }
}
