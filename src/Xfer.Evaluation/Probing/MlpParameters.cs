using System;
using Xfer.Core;

namespace Xfer.Evaluation.Probing;

/// <summary>The parameters (or gradients) of an <see cref="MlpHead"/>: W₁ (D×H), b₁ (H), W₂ (H×C), b₂ (C).</summary>
public sealed class MlpParameters
{
    /// <summary>Zero parameters of the given shape.</summary>
    public MlpParameters(int inputs, int hidden, int classes)
        : this(new Matrix(inputs, hidden), new double[hidden], new Matrix(hidden, classes), new double[classes])
    {
    }

    /// <summary>Wraps existing arrays (no copies).</summary>
    public MlpParameters(Matrix w1, double[] b1, Matrix w2, double[] b2)
    {
        ArgumentNullException.ThrowIfNull(w1);
        ArgumentNullException.ThrowIfNull(b1);
        ArgumentNullException.ThrowIfNull(w2);
        ArgumentNullException.ThrowIfNull(b2);
        W1 = w1;
        B1 = b1;
        W2 = w2;
        B2 = b2;
    }

    /// <summary>D×H input weights.</summary>
    public Matrix W1 { get; }

    /// <summary>H hidden biases.</summary>
    public double[] B1 { get; }

    /// <summary>H×C output weights.</summary>
    public Matrix W2 { get; }

    /// <summary>C output biases.</summary>
    public double[] B2 { get; }

    /// <summary>PyTorch <c>nn.Linear</c> default initialisation: every weight and bias uniform in ±1/√fan_in.</summary>
    public void Initialise(SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Fill(W1.Data, 1.0 / Math.Sqrt(W1.Rows), rng);
        Fill(B1, 1.0 / Math.Sqrt(W1.Rows), rng);
        Fill(W2.Data, 1.0 / Math.Sqrt(W2.Rows), rng);
        Fill(B2, 1.0 / Math.Sqrt(W2.Rows), rng);
    }

    /// <summary>A deep copy.</summary>
    public MlpParameters Clone() => new(W1.Clone(), (double[])B1.Clone(), W2.Clone(), (double[])B2.Clone());

    private static void Fill(double[] values, double bound, SeededRandom rng)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = bound * ((2 * rng.NextDouble()) - 1);
        }
    }
}
