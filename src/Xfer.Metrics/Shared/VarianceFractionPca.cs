using System;
using System.Globalization;
using Xfer.Core;

namespace Xfer.Metrics.Shared;

/// <summary>
/// PCA keeping the fewest leading components whose explained variance exceeds a fraction of the total, as scikit-learn's
/// <c>PCA(n_components=0.8)</c> chooses them (full SVD, <c>searchsorted(cumsum(ratio), 0.8, side='right') + 1</c>): k is the
/// smallest count with cumulative ratio &gt; the fraction. The scores come from the shared <see cref="PrincipalComponents"/>
/// (same k shares the same artefact, e.g. with GBC's 64 components).
/// </summary>
internal static class VarianceFractionPca
{
    /// <summary>The N×k scores and k for <paramref name="fraction"/> ∈ (0, 1).</summary>
    /// <exception cref="Core.Errors.MetricUnavailableException">The features have no variance.</exception>
    public static Matrix Scores(TransferTask task, double fraction)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!(fraction > 0 && fraction < 1))
        {
            throw new Core.Errors.XferException(string.Format(CultureInfo.InvariantCulture,
                "The PCA variance fraction must lie strictly between 0 and 1; got {0}.", fraction));
        }

        return task.Shared("pca-fraction:" + fraction.ToString("R", CultureInfo.InvariantCulture), t => Compute(t, fraction));
    }

    private static Matrix Compute(TransferTask task, double fraction)
    {
        int n = task.SampleCount, d = task.FeatureCount;
        int available = PrincipalComponents.ComponentCount(n, d, int.MaxValue);
        double[] variances; // descending
        if (n >= d)
        {
            var values = task.TotalScatterEigen.Values; // ascending
            variances = new double[d];
            for (int t = 0; t < d; t++)
            {
                variances[t] = Math.Max(0, values[d - 1 - t]);
            }
        }
        else
        {
            variances = PrincipalComponents.Of(task, available).Variances;
        }

        double total = 0;
        foreach (double v in variances)
        {
            total += v;
        }

        if (!(total > 0))
        {
            throw new Core.Errors.MetricUnavailableException("the features have zero variance, so PCA keeps no component.");
        }

        int k = 0;
        double cumulative = 0;
        while (k < variances.Length)
        {
            cumulative += variances[k] / total;
            if (!(cumulative <= fraction))
            {
                break;
            }

            k++;
        }

        k = Math.Min(k + 1, available);
        var pca = PrincipalComponents.Of(task, n >= d ? k : available);
        if (pca.Count == k)
        {
            return pca.Scores;
        }

        var scores = new Matrix(n, k);
        for (int i = 0; i < n; i++)
        {
            pca.Scores.Row(i)[..k].CopyTo(scores.Row(i));
        }

        return scores;
    }
}
