using System;
using System.Globalization;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>
/// The loss of the official head training, CE + λ·[GP(y) + GP(ỹ)], and its exact gradient with respect to W and b,
/// for one batch Z (n×D) with true labels y and random labels ỹ.
/// </summary>
/// <remarks>
/// <para>With logits o_i = W z_i + b, p_i = softmax(o_i), δ_i = p_i − e_{y_i}: the input gradient of the per-sample CE is
/// g_i = ∇_{z_i} CE_i = Wᵀδ_i, and GP(y) = (1/n) Σ_i relu(‖g_i‖ − τ)² (official l.172–196, <c>torch.autograd.grad</c> with
/// <c>create_graph=True</c>, i.e. differentiated through).</para>
/// <para>Derivation of the second-order term: with u_i = (2/n)·relu(‖g_i‖ − τ)·g_i/‖g_i‖ and the softmax Jacobian
/// J_i = diag(p_i) − p_i p_iᵀ, d[(1/n)relu(‖g_i‖−τ)²] = u_iᵀ(dWᵀδ_i + Wᵀ J_i do_i) with do_i = dW z_i + db, so
/// ∂/∂W = δ_i u_iᵀ + v_i z_iᵀ and ∂/∂b = v_i with v_i = J_i W u_i. The CE part adds δ_i z_iᵀ/n and δ_i/n. Batched, that
/// is seven gemms: ZWᵀ, ΔW, Δ̃W, (U+Ũ)Wᵀ, ΔᵀU, Δ̃ᵀŨ, VᵀZ. Checked against finite differences in the tests.</para>
/// </remarks>
public sealed class GradientPenaltyLoss
{
    private readonly Matrix _logits;
    private readonly Matrix _p;
    private readonly Matrix _delta;
    private readonly Matrix _deltaRandom;
    private readonly Matrix _u;
    private readonly Matrix _uRandom;
    private readonly Matrix _wu;

    /// <summary>Allocates buffers for batches of <paramref name="batch"/> rows, <paramref name="classes"/> classes, <paramref name="dimension"/> features.</summary>
    public GradientPenaltyLoss(int batch, int classes, int dimension)
    {
        _logits = new Matrix(batch, classes);
        _p = new Matrix(batch, classes);
        _delta = new Matrix(batch, classes);
        _deltaRandom = new Matrix(batch, classes);
        _u = new Matrix(batch, dimension);
        _uRandom = new Matrix(batch, dimension);
        _wu = new Matrix(batch, classes);
    }

    /// <summary>Mean CE of the last evaluated batch.</summary>
    public double CrossEntropy { get; private set; }

    /// <summary>GP(true labels) of the last evaluated batch.</summary>
    public double PenaltyTrue { get; private set; }

    /// <summary>GP(random labels) of the last evaluated batch.</summary>
    public double PenaltyRandom { get; private set; }

    /// <summary>
    /// Returns CE + λ(GP + GP̃) on the batch and, when <paramref name="gradW"/> and <paramref name="gradB"/> are given,
    /// overwrites them with its gradient.
    /// </summary>
    public double Evaluate(LinearHead head, Matrix z, ReadOnlySpan<int> labels, ReadOnlySpan<int> randomLabels, double tau, double lambda, Matrix? gradW, double[]? gradB)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(z);
        int n = z.Rows, c = head.Classes;
        if (n != _logits.Rows || c != _logits.Columns || z.Columns != _u.Columns || labels.Length != n || randomLabels.Length != n)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Gradient-penalty buffers are for {0}×{1} batches with {2} classes; got {3}×{4}, {5} classes and {6}/{7} labels.",
                _logits.Rows, _u.Columns, _logits.Columns, n, z.Columns, c, labels.Length, randomLabels.Length));
        }

        head.Logits(z, _logits);
        double ce = 0;
        for (int i = 0; i < n; i++)
        {
            var p = _p.Row(i);
            double lse = Softmax.Into(_logits.Row(i), p);
            ce += lse - _logits[i, labels[i]];
            var d = _delta.Row(i);
            var dr = _deltaRandom.Row(i);
            p.CopyTo(d);
            p.CopyTo(dr);
            d[labels[i]] -= 1;
            dr[randomLabels[i]] -= 1;
        }

        ce /= n;

        // Input gradients G = ΔW and G̃ = Δ̃W (n×D), then their penalties and the scaled directions U, Ũ.
        Linalg.MultiplyInto(_delta, head.Weights, _u);
        Linalg.MultiplyInto(_deltaRandom, head.Weights, _uRandom);
        double gp = Penalise(_u, tau, lambda, n);
        double gpRandom = Penalise(_uRandom, tau, lambda, n);
        CrossEntropy = ce;
        PenaltyTrue = gp;
        PenaltyRandom = gpRandom;
        double loss = ce + (lambda * (gp + gpRandom));
        if (gradW is null || gradB is null)
        {
            return loss;
        }

        // ∂/∂W = ΔᵀU + Δ̃ᵀŨ + VᵀZ, with V = J(W(u + ũ)) + Δ/n (CE part).
        Linalg.MultiplyInto(_delta, _u, gradW, transposeA: true);
        Linalg.MultiplyInto(_deltaRandom, _uRandom, gradW, beta: 1.0, transposeA: true);
        for (int k = 0; k < _u.Data.Length; k++)
        {
            _uRandom.Data[k] += _u.Data[k];
        }

        Linalg.MultiplyInto(_uRandom, head.Weights, _wu, transposeB: true);
        Array.Clear(gradB);
        for (int i = 0; i < n; i++)
        {
            var p = _p.Row(i);
            var wu = _wu.Row(i);
            double dot = 0;
            for (int k = 0; k < c; k++)
            {
                dot += p[k] * wu[k];
            }

            var v = _delta.Row(i); // reuse Δ's row for V
            for (int k = 0; k < c; k++)
            {
                v[k] = (v[k] / n) + (p[k] * (wu[k] - dot));
                gradB[k] += v[k];
            }
        }

        Linalg.MultiplyInto(_delta, z, gradW, beta: 1.0, transposeA: true);
        return loss;
    }

    // Rows of g hold input gradients; returns GP = mean relu(‖g‖ − τ)² and overwrites each row with
    // u = λ·(2/n)·relu(‖g‖ − τ)·g/‖g‖ (the derivative of λ·GP with respect to g).
    private static double Penalise(Matrix g, double tau, double lambda, int n)
    {
        double total = 0;
        for (int i = 0; i < g.Rows; i++)
        {
            var row = g.Row(i);
            double norm = 0;
            foreach (double v in row)
            {
                norm += v * v;
            }

            norm = Math.Sqrt(norm);
            double excess = norm - tau;
            if (excess > 0 && norm > 0)
            {
                total += excess * excess;
                double coef = lambda * 2.0 * excess / (norm * n);
                for (int k = 0; k < row.Length; k++)
                {
                    row[k] *= coef;
                }
            }
            else
            {
                row.Clear();
            }
        }

        return total / n;
    }
}
