using System;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Analysis.Pge;

/// <summary>The gradients of one mini-batch by explicit backpropagation, for the probe network with its shared layer frozen.</summary>
/// <remarks>
/// Network: A = X·W₁ + b₁, H = ReLU(A), Z = H·W₂ + b₂, P = softmax(Z), loss L = −(1/B)·Σ_i log P[i, y_i]. Backward:
/// dZ = (P − Y)/B; ∇W₂ = Hᵀ·dZ; ∇b₂ = 1ᵀdZ; dA = (dZ·W₂ᵀ) ∘ [A &gt; 0] (ReLU'(0) taken as 0, as PyTorch does);
/// ∇W₁ = Xᵀ·dA; ∇b₁ = 1ᵀdA. Because ∇W₁ is linear in dA, the sum of many batches' ∇W₁ is Xᵀ·(Σ of the dA rows scattered to
/// their samples): PGE accumulates the N×H coefficients and does one product at the end.
/// </remarks>
internal static class PgeBackprop
{
    /// <summary>
    /// Loss of the batch <paramref name="rows"/> and the head's gradients; returns dA (B×H), the gradient with respect to the
    /// batch's pre-activations, from which the shared layer's gradient follows (<see cref="SharedGradient"/>).
    /// </summary>
    public static double HeadStep(Matrix pre, Matrix hidden, ReadOnlySpan<int> rows, ReadOnlySpan<int> labels, Matrix w2, double[] b2,
        Matrix gradW2, double[] gradB2, out Matrix dPre)
    {
        int b = rows.Length, c = b2.Length;
        var h = hidden.SelectRows(rows);
        var dz = Linalg.Multiply(h, w2);
        double loss = 0;
        for (int i = 0; i < b; i++)
        {
            var z = dz.Row(i);
            for (int k = 0; k < c; k++)
            {
                z[k] += b2[k];
            }

            int y = labels[rows[i]];
            loss -= LogSoftmaxInPlace(z, y);
            for (int k = 0; k < c; k++)
            {
                z[k] = (Math.Exp(z[k]) - (k == y ? 1.0 : 0.0)) / b;
            }
        }

        Linalg.MultiplyInto(h, dz, gradW2, transposeA: true);
        Array.Clear(gradB2);
        for (int i = 0; i < b; i++)
        {
            var z = dz.Row(i);
            for (int k = 0; k < c; k++)
            {
                gradB2[k] += z[k];
            }
        }

        dPre = Linalg.Multiply(dz, w2, transposeB: true);
        for (int i = 0; i < b; i++)
        {
            var a = pre.Row(rows[i]);
            var g = dPre.Row(i);
            for (int j = 0; j < g.Length; j++)
            {
                if (!(a[j] > 0))
                {
                    g[j] = 0;
                }
            }
        }

        return loss / b;
    }

    /// <summary>The shared layer's gradient of one batch: ∇W₁ = X_Bᵀ·dA (D×H) and ∇b₁ = 1ᵀdA (H).</summary>
    public static (Matrix GradW1, double[] GradB1) SharedGradient(Matrix batchInputs, Matrix dPre)
    {
        var gw1 = Linalg.Multiply(batchInputs, dPre, transposeA: true);
        return (gw1, ColumnSums(dPre));
    }

    /// <summary>Column sums of <paramref name="m"/>.</summary>
    public static double[] ColumnSums(Matrix m)
    {
        var sums = new double[m.Columns];
        for (int i = 0; i < m.Rows; i++)
        {
            var row = m.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                sums[j] += row[j];
            }
        }

        return sums;
    }

    /// <summary>Replaces logits by their log-softmax (max-shifted, so exp never overflows) and returns the entry of <paramref name="label"/>.</summary>
    private static double LogSoftmaxInPlace(Span<double> z, int label)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (double v in z)
        {
            sum += Math.Exp(v - max);
        }

        double logSum = max + Math.Log(sum);
        for (int k = 0; k < z.Length; k++)
        {
            z[k] -= logSum;
        }

        return z[label];
    }
}
