using System;
using Xfer.Core;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>
/// The learned transforms of the source task (official l.232–238): the affine feature map z ↦ A z + b with its
/// approximate inverse Ā, the label map B = column-softmax(B̃) (B_kc = P(target class k | source class c)), and the
/// class prior D = softmax(d̃).
/// </summary>
public sealed class TransferTransforms
{
    /// <summary>Creates the official initial transforms: A = Ā = I, b = 0, B̃ ~ U(0, 1), d̃ from the source prior.</summary>
    public TransferTransforms(int dimension, int sourceClasses, int targetClasses, double[] sourcePrior, PriorInitialisation initialisation, SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(sourcePrior);
        ArgumentNullException.ThrowIfNull(rng);
        A = Matrix.Identity(dimension);
        ABar = Matrix.Identity(dimension);
        Shift = new double[dimension];
        LabelLogits = new Matrix(targetClasses, sourceClasses);
        for (int k = 0; k < LabelLogits.Data.Length; k++)
        {
            LabelLogits.Data[k] = rng.NextDouble(); // tf.random.uniform([C_T, C_S], 0, 1), l.236
        }

        PriorLogits = new double[sourceClasses];
        for (int c = 0; c < sourceClasses; c++)
        {
            // Official l.238: tf.Variable(prior_source) then softmax — probabilities used as logits.
            PriorLogits[c] = initialisation == PriorInitialisation.LogPrior ? Math.Log(sourcePrior[c]) : sourcePrior[c];
        }
    }

    /// <summary>Sets B̃ = log max(P, floor) so that B starts at the column-normalised conditional P (C_T×C_S).</summary>
    public void StartLabelMapAt(Matrix conditional, double floor = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(conditional);
        for (int k = 0; k < LabelLogits.Data.Length; k++)
        {
            LabelLogits.Data[k] = Math.Log(Math.Max(conditional.Data[k], floor));
        }
    }

    /// <summary>A, D×D.</summary>
    public Matrix A { get; }

    /// <summary>Ā ≈ A⁻¹, D×D.</summary>
    public Matrix ABar { get; }

    /// <summary>b, length D.</summary>
    public double[] Shift { get; }

    /// <summary>B̃, C_T×C_S (logits of the label map, soft-maxed over target classes for each source class).</summary>
    public Matrix LabelLogits { get; }

    /// <summary>d̃, length C_S.</summary>
    public double[] PriorLogits { get; }

    /// <summary>Feature dimension D.</summary>
    public int Dimension => A.Rows;

    /// <summary>Source classes C_S.</summary>
    public int SourceClasses => LabelLogits.Columns;

    /// <summary>Target classes C_T.</summary>
    public int TargetClasses => LabelLogits.Rows;

    /// <summary>B = column-softmax(B̃) (C_T×C_S; each column sums to 1).</summary>
    public Matrix LabelMap()
    {
        var b = new Matrix(TargetClasses, SourceClasses);
        var logB = LogLabelMap();
        for (int k = 0; k < b.Data.Length; k++)
        {
            b.Data[k] = Math.Exp(logB.Data[k]);
        }

        return b;
    }

    /// <summary>log B, by a stable log-softmax of each column of B̃.</summary>
    public Matrix LogLabelMap()
    {
        int ct = TargetClasses, cs = SourceClasses;
        var logB = new Matrix(ct, cs);
        for (int c = 0; c < cs; c++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < ct; k++)
            {
                max = Math.Max(max, LabelLogits[k, c]);
            }

            double s = 0;
            for (int k = 0; k < ct; k++)
            {
                s += Math.Exp(LabelLogits[k, c] - max);
            }

            double lse = max + Math.Log(s);
            for (int k = 0; k < ct; k++)
            {
                logB[k, c] = LabelLogits[k, c] - lse;
            }
        }

        return logB;
    }

    /// <summary>D = softmax(d̃).</summary>
    public double[] Prior()
    {
        var d = new double[SourceClasses];
        Softmax.Into(PriorLogits, d);
        return d;
    }
}
