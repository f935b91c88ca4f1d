using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics.Catalog;
using Xfer.Metrics.Shared;

namespace Xfer.Metrics;

/// <summary>The class-conditional Gaussian GBC fits (Google stable_transfer <c>gbc.py</c>, <c>gaussian_type</c>).</summary>
public enum GbcGaussianType
{
    /// <summary>One variance per class: the mean of the per-dimension variances (the default of Google's configuration).</summary>
    Spherical,

    /// <summary>A variance per class and dimension.</summary>
    Diagonal,
}

/// <summary>Options of <see cref="Gbc"/>.</summary>
/// <param name="Components">PCA dimensions (config <c>gbc.pca_reduction = 64</c>); fewer when D or N − 1 is smaller.</param>
/// <param name="GaussianType">Spherical (default, as Google's source-selection config) or diagonal.</param>
public sealed record GbcOptions(int Components = Gbc.DefaultComponents, GbcGaussianType GaussianType = GbcGaussianType.Spherical);

/// <summary>Result of <see cref="Gbc"/>.</summary>
/// <param name="Score">GBC = −Σ_{c≠c'} BC(c, c') ≤ 0; higher (closer to 0) is better.</param>
/// <param name="Components">PCA dimensions used.</param>
/// <param name="LargestCoefficient">The largest pairwise Bhattacharyya coefficient (the most confused pair).</param>
public sealed record GbcResult(double Score, int Components, double LargestCoefficient);

/// <summary>
/// Gaussian Bhattacharyya Coefficient [Pandy2022GBC], as Google's stable_transfer code computes it
/// (google-research/google-research@1d4d2f1a, <c>stable_transfer/transferability/gbc.py</c>, with the PCA of
/// <c>features_targets_utils.pca_reduction</c> and the settings of <c>config_transferability_source_selection.py</c>).
/// </summary>
/// <remarks>
/// <para>Features are reduced by PCA to k = 64 dimensions (exact, as the reference's <c>svd_solver='full'</c>; shared with NCTI).
/// Per class c: mean μ_c and biased per-dimension variance σ²_c,d (<c>tf.math.reduce_variance</c>), floored at 1e-4
/// (reference: "avoid 0 variance in cases of constant features"). Spherical: σ²_c = mean_d σ²_c,d. Bhattacharyya distance with
/// σ̄ = (σ_c + σ_c')/2: D_B = ⅛·Σ_d (μ_c,d − μ_c',d)²/σ̄_d + ½·[Σ log σ̄ − ½Σ log σ_c − ½Σ log σ_c'], BC = exp(−D_B),
/// GBC = −Σ_{c≠c'} BC(c, c') over ordered pairs (each pair twice, as the reference). Input: features N×D, labels.
/// Direction: higher is better (≤ 0).</para>
/// <para>Spherical-mode quirk (kept): the single variance enters the log term once, not multiplied by the k dimensions an
/// isotropic Gaussian would have, so the variance-mismatch part of D_B is 1/k of its isotropic-Gaussian value.</para>
/// <para>k = min(64, D, N − 1): the reference's scikit-learn PCA raises an error when D or N is below 64; here fewer components
/// are used instead (and N − 1 because centred data has no further variance). The reference casts the reduced features to
/// float32; here they stay float64. Not scale-invariant (the 1e-4 floor). Cost: shared PCA O(N·D² + D³) (or O(N²·D + N³)
/// when N &lt; D) + O(N·k + C²·k).</para>
/// </remarks>
public static class Gbc
{
    /// <summary>PCA dimensions of the reference configuration.</summary>
    public const int DefaultComponents = 64;

    /// <summary>Per-dimension variance floor of the reference (<c>tf.maximum(variance, 1e-4)</c>).</summary>
    public const double VarianceFloor = 1e-4;

    /// <summary>Computes GBC of features N×D against labels.</summary>
    public static GbcResult Score(Matrix features, ClassLabels labels, GbcOptions? options = null)
        => Score(new TransferTask(features, labels), options ?? new GbcOptions());

    internal static GbcResult Score(TransferTask task, GbcOptions options)
    {
        if (options.Components < 1)
        {
            throw new Core.Errors.XferException(string.Format(CultureInfo.InvariantCulture, "gbc.components must be at least 1; got {0}.", options.Components));
        }

        var pca = PrincipalComponents.Of(task, options.Components);
        var z = pca.Scores;
        int k = z.Columns, c = task.ClassCount;
        var groups = task.Labels.SamplesByClass();
        var means = new double[c][];
        var variances = new double[c][];
        for (int cl = 0; cl < c; cl++)
        {
            (means[cl], variances[cl]) = MeanAndVariance(z, groups[cl]);
            for (int j = 0; j < k; j++)
            {
                variances[cl][j] = Math.Max(variances[cl][j], VarianceFloor);
            }

            if (options.GaussianType == GbcGaussianType.Spherical)
            {
                double avg = 0;
                foreach (double v in variances[cl])
                {
                    avg += v;
                }

                variances[cl] = [avg / k];
            }
        }

        double total = 0, largest = 0;
        for (int a = 0; a < c; a++)
        {
            for (int b = 0; b < c; b++)
            {
                if (a == b)
                {
                    continue;
                }

                double bc = Math.Exp(-BhattacharyyaDistance(means[a], means[b], variances[a], variances[b]));
                total += bc;
                largest = Math.Max(largest, bc);
            }
        }

        return new GbcResult(-total, k, largest);
    }

    /// <summary>D_B between two Gaussians with diagonal (length k) or spherical (length 1) variances, as the reference's <c>compute_bhattacharyya_distance</c>.</summary>
    internal static double BhattacharyyaDistance(double[] mu1, double[] mu2, double[] var1, double[] var2)
    {
        double quad = 0;
        for (int j = 0; j < mu1.Length; j++)
        {
            double avg = var1.Length == 1 ? (var1[0] + var2[0]) / 2 : (var1[j] + var2[j]) / 2;
            double diff = mu1[j] - mu2[j];
            quad += diff * diff / avg;
        }

        double logs = 0;
        for (int j = 0; j < var1.Length; j++)
        {
            double avg = (var1[j] + var2[j]) / 2;
            logs += Math.Log(avg) - (0.5 * Math.Log(var1[j])) - (0.5 * Math.Log(var2[j]));
        }

        return (quad / 8) + (0.5 * logs);
    }

    private static (double[] Mean, double[] Variance) MeanAndVariance(Matrix z, int[] rows)
    {
        int k = z.Columns;
        var mean = new double[k];
        foreach (int i in rows)
        {
            var row = z.Row(i);
            for (int j = 0; j < k; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < k; j++)
        {
            mean[j] /= rows.Length;
        }

        var variance = new double[k];
        foreach (int i in rows)
        {
            var row = z.Row(i);
            for (int j = 0; j < k; j++)
            {
                double dv = row[j] - mean[j];
                variance[j] += dv * dv;
            }
        }

        for (int j = 0; j < k; j++)
        {
            variance[j] /= rows.Length;
        }

        return (mean, variance);
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "gbc", "GBC", "Pandy2022GBC", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "O(N·D² + D³) shared PCA (O(N²·D + N³) when N < D) + O(N·64 + C²·64)",
            Summary: "−Σ Bhattacharyya coefficients between class Gaussians on 64 PCA dimensions (spherical by default, as Google's stable_transfer).");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var options = new GbcOptions(settings.GetInt("gbc.components", DefaultComponents), settings.GetEnum("gbc.gaussian", GbcGaussianType.Spherical));
            var r = Score(task, options);
            var warnings = new List<string>();
            if (r.Components < options.Components)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture, "{0} PCA dimensions instead of {1} (D={2}, N={3})", r.Components, options.Components, task.FeatureCount, task.SampleCount));
            }

            return new MetricValue(r.Score, new Dictionary<string, double> { ["components"] = r.Components, ["largestCoefficient"] = r.LargestCoefficient }, warnings);
        }
    }
}
