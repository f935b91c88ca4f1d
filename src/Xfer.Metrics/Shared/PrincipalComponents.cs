using System;
using System.Globalization;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Metrics.Shared;

/// <summary>
/// The leading principal components of a task's features: the centred data projected on the top-k eigenvectors of the
/// total scatter (scikit-learn's <c>PCA(n_components=k).fit_transform</c> up to the sign of each column), shared by every
/// metric that reduces features the same way (GBC and NCTI both use k = 64) through <c>task.Shared("pca:k", …)</c>.
/// </summary>
/// <remarks>
/// <para>k = min(requested, D, N − 1): centred data has rank ≤ N − 1, and a further component would have zero variance and an
/// arbitrary direction (scikit-learn accepts up to min(N, D)). N ≥ D: the eigenvectors come from the task's shared
/// eigendecomposition of the total scatter, and the scores from one blockwise pass Z = (X − μ)·V_k. N &lt; D: from the
/// N×N centred kernel (X − μ)(X − μ)ᵀ = U·Λ·Uᵀ, Z = U_k·Λ_k^½ (no D×D work). No centred copy of X is made.
/// Exact (an eigendecomposition), unlike scikit-learn's default randomized solver for inputs larger than 500×500.</para>
/// </remarks>
internal sealed class PrincipalComponents
{
    private PrincipalComponents(Matrix scores, double[] variances)
    {
        Scores = scores;
        Variances = variances;
    }

    /// <summary>N×k principal-component scores (centred).</summary>
    public Matrix Scores { get; }

    /// <summary>The k explained variances λ_i/(N − 1), descending (scikit-learn's <c>explained_variance_</c>).</summary>
    public double[] Variances { get; }

    /// <summary>k.</summary>
    public int Count => Scores.Columns;

    /// <summary>The number of components kept for a request of <paramref name="requested"/>: min(requested, D, N − 1).</summary>
    public static int ComponentCount(int samples, int features, int requested) => Math.Max(1, Math.Min(requested, Math.Min(features, samples - 1)));

    /// <summary>The task's top components (computed once per task and k).</summary>
    public static PrincipalComponents Of(TransferTask task, int requested)
    {
        ArgumentNullException.ThrowIfNull(task);
        int k = ComponentCount(task.SampleCount, task.FeatureCount, requested);
        return task.Shared("pca:" + k.ToString(CultureInfo.InvariantCulture), t => Compute(t, k));
    }

    private static PrincipalComponents Compute(TransferTask task, int k)
    {
        var x = task.Features;
        int n = task.SampleCount, d = task.FeatureCount;
        var mean = task.Moments.Mean;
        void Centre(int row, Span<double> destination)
        {
            var src = x.Row(row);
            for (int j = 0; j < d; j++)
            {
                destination[j] = src[j] - mean[j];
            }
        }

        var variances = new double[k];
        if (n >= d)
        {
            var eig = task.TotalScatterEigen;
            var v = new Matrix(d, k);
            for (int t = 0; t < k; t++)
            {
                int src = d - 1 - t; // ascending order: the largest eigenvalue is last
                variances[t] = Math.Max(0, eig.Values[src]) / (n - 1);
                for (int j = 0; j < d; j++)
                {
                    v[j, t] = eig.Vectors![j, src];
                }
            }

            return new PrincipalComponents(RowBlocks.Multiply(RowBlocks.All(n), d, Centre, v), variances);
        }

        var kernel = Linalg.SymmetricEigen(RowBlocks.Kernel(RowBlocks.All(n), d, Centre));
        var scores = new Matrix(n, k);
        for (int t = 0; t < k; t++)
        {
            int src = n - 1 - t;
            double lambda = Math.Max(0, kernel.Values[src]);
            variances[t] = lambda / (n - 1);
            double s = Math.Sqrt(lambda);
            for (int i = 0; i < n; i++)
            {
                scores[i, t] = kernel.Vectors![i, src] * s;
            }
        }

        return new PrincipalComponents(scores, variances);
    }
}
