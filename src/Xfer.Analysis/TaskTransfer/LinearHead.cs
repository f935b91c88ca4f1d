using System;
using System.Globalization;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Statistics;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>A linear classifier h(z) = W·z + b with W of C×D (one row per class), as PyTorch's <c>nn.Linear(D, C)</c>.</summary>
public sealed class LinearHead
{
    /// <summary>Creates a head from its weights (kept, not copied).</summary>
    public LinearHead(Matrix weights, double[] bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Length != weights.Rows)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "A head with {0} rows needs {0} biases; got {1}.", weights.Rows, bias.Length), nameof(bias));
        }

        Weights = weights;
        Bias = bias;
    }

    /// <summary>W, C×D.</summary>
    public Matrix Weights { get; }

    /// <summary>b, length C.</summary>
    public double[] Bias { get; }

    /// <summary>Number of classes C.</summary>
    public int Classes => Weights.Rows;

    /// <summary>Input dimension D.</summary>
    public int Dimension => Weights.Columns;

    /// <summary>
    /// PyTorch's default <c>nn.Linear</c> initialisation: W and b uniform in [−1/√D, 1/√D] (kaiming_uniform with
    /// a = √5 gives this bound for W; the bias uses the same bound), drawn from <paramref name="rng"/>.
    /// </summary>
    public static LinearHead PyTorchDefault(int classes, int dimension, SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double bound = 1.0 / Math.Sqrt(dimension);
        var w = new Matrix(classes, dimension);
        for (int k = 0; k < w.Data.Length; k++)
        {
            w.Data[k] = ((2 * rng.NextDouble()) - 1) * bound;
        }

        var b = new double[classes];
        for (int k = 0; k < classes; k++)
        {
            b[k] = ((2 * rng.NextDouble()) - 1) * bound;
        }

        return new LinearHead(w, b);
    }

    /// <summary>
    /// Re-expresses a head that acts on raw features as one acting on standardised features s = (z − μ)/σ:
    /// W·z + b = (W·diag σ)·s + (b + W·μ). Used for a user-supplied source head.
    /// </summary>
    public LinearHead OnStandardisedFeatures(FeatureStandardizer standardizer)
    {
        ArgumentNullException.ThrowIfNull(standardizer);
        if (standardizer.Mean.Length != Dimension)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "The source head has {0} inputs but the source features have {1} columns.", Dimension, standardizer.Mean.Length));
        }

        var w = new Matrix(Classes, Dimension);
        var b = (double[])Bias.Clone();
        for (int c = 0; c < Classes; c++)
        {
            var src = Weights.Row(c);
            var dst = w.Row(c);
            for (int j = 0; j < Dimension; j++)
            {
                dst[j] = src[j] * standardizer.Scale[j];
                b[c] += src[j] * standardizer.Mean[j];
            }
        }

        return new LinearHead(w, b);
    }

    /// <summary>Writes the logits Z·Wᵀ + b (N×C) into <paramref name="logits"/>.</summary>
    public void Logits(Matrix z, Matrix logits)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(logits);
        Linalg.MultiplyInto(z, Weights, logits, transposeB: true);
        for (int i = 0; i < logits.Rows; i++)
        {
            var row = logits.Row(i);
            for (int c = 0; c < Classes; c++)
            {
                row[c] += Bias[c];
            }
        }
    }

    /// <summary>Returns the logits of every row of <paramref name="z"/>.</summary>
    public Matrix Logits(Matrix z)
    {
        ArgumentNullException.ThrowIfNull(z);
        var logits = new Matrix(z.Rows, Classes);
        Logits(z, logits);
        return logits;
    }

    /// <summary>Accuracy (fraction) and mean cross-entropy (nats) on labelled features.</summary>
    public (double Accuracy, double CrossEntropy) Evaluate(Matrix z, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var logits = Logits(z);
        double ce = 0;
        int correct = 0;
        for (int i = 0; i < logits.Rows; i++)
        {
            var row = logits.Row(i);
            double lse = Softmax.LogSumExp(row);
            ce += lse - row[labels[i]];
            if (Softmax.ArgMax(row) == labels[i])
            {
                correct++;
            }
        }

        return ((double)correct / Math.Max(1, logits.Rows), ce / Math.Max(1, logits.Rows));
    }
}
