using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Metrics.Shared;

/// <summary>
/// q_i = v_iᵀ·S_B·v_i for the eigenvectors v_i of the total scatter S_T (in the order of <see cref="TransferTask.TotalScatterEigen"/>):
/// the between-class scatter seen in the eigenbasis of the total scatter, shared by <c>hscore</c> and <c>hscore-shrinkage</c>.
/// </summary>
/// <remarks>With S_B = Σ_k n_k·d_k·d_kᵀ (d_k = μ_k − μ) and P = Dev·V (C×D, Dev_k = √n_k·d_k): q_i = Σ_k P[k,i]². Cost O(C·D²).</remarks>
internal static class BetweenScatterSpectrum
{
    /// <summary>q (length D), computed once per task.</summary>
    public static double[] Of(TransferTask task) => task.Shared("between-in-scatter-eigenbasis", Compute);

    private static double[] Compute(TransferTask task)
    {
        var m = task.Moments;
        int d = task.FeatureCount, c = task.ClassCount;
        var dev = new Matrix(c, d);
        for (int k = 0; k < c; k++)
        {
            double s = System.Math.Sqrt(m.Counts[k]);
            var mk = m.ClassMeans.Row(k);
            var row = dev.Row(k);
            for (int j = 0; j < d; j++)
            {
                row[j] = s * (mk[j] - m.Mean[j]);
            }
        }

        var proj = Linalg.Multiply(dev, task.TotalScatterEigen.Vectors!);
        var q = new double[d];
        for (int k = 0; k < c; k++)
        {
            var row = proj.Row(k);
            for (int i = 0; i < d; i++)
            {
                q[i] += row[i] * row[i];
            }
        }

        return q;
    }
}
