using System;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Analysis.Pge;

/// <summary>
/// The shared part of PGE's probe network: one fully connected layer D→H with ReLU, initialised from a seed alone (never
/// from the task), so that every task's gradient is taken with respect to the same weights and has the same shape.
/// </summary>
internal sealed class PgeProbeLayer
{
    private PgeProbeLayer(Matrix w1, double[] b1)
    {
        W1 = w1;
        B1 = b1;
    }

    /// <summary>D×H weights.</summary>
    public Matrix W1 { get; }

    /// <summary>H biases.</summary>
    public double[] B1 { get; }

    /// <summary>
    /// PyTorch <c>nn.Linear</c>'s default initialisation (weights and biases uniform in ±1/√D), drawn W₁ row by row, then b₁.
    /// </summary>
    public static PgeProbeLayer Create(int inputs, int hidden, int seed)
    {
        var rng = new SeededRandom(seed);
        var w1 = new Matrix(inputs, hidden);
        var b1 = new double[hidden];
        double bound = 1.0 / Math.Sqrt(inputs);
        Uniform(w1.Data, bound, rng);
        Uniform(b1, bound, rng);
        return new PgeProbeLayer(w1, b1);
    }

    /// <summary>Fills <paramref name="values"/> uniformly in ±<paramref name="bound"/>.</summary>
    public static void Uniform(Span<double> values, double bound, SeededRandom rng)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = bound * ((2 * rng.NextDouble()) - 1);
        }
    }

    /// <summary>Pre-activations A = X·W₁ + 1b₁ᵀ and hidden activations ReLU(A), both N×H.</summary>
    public (Matrix Pre, Matrix Hidden) Forward(Matrix x)
    {
        var pre = Linalg.Multiply(x, W1);
        var hidden = new Matrix(pre.Rows, pre.Columns);
        for (int i = 0; i < pre.Rows; i++)
        {
            var a = pre.Row(i);
            var z = hidden.Row(i);
            for (int j = 0; j < a.Length; j++)
            {
                a[j] += B1[j];
                z[j] = Math.Max(0.0, a[j]);
            }
        }

        return (pre, hidden);
    }
}
