using System;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Bench.Suite;

/// <summary>
/// A seeded, class-structured Gaussian task: balanced labels, features x_i = s ⊙ z_i + sep·t ⊙ m_{y_i} with m_k, z_i ~ N(0, I_D), and
/// source-head logits = a random linear map of the features.
/// </summary>
/// <remarks>
/// Column scales s_j² = exp(−j/16) + 1e-3 give a decaying spectrum like real penultimate features: about 30 directions carry 80 % of
/// the variance (so N-LEEP's PCA keeps a realistic few dozen dimensions and its 5·C-component full-covariance mixture stays
/// tractable), while every one of the D directions has variance (no exact rank deficiency). The class signal decays faster than the
/// noise, t_j = s_j·exp(−j/32), so it sits in the leading directions as with real features: with sep = 1 (the default) at N = 20 000,
/// D = 1024, C = 50, a held-out linear discriminant is right about 74 % of the time (numpy replica of this generator) and
/// leave-one-out 1-NN 64 % (xfer's knn on the generated data), so no metric saturates. Logits: 2·X·W/√(Σ s_j²) with W ~ N(0, 1), so each logit has a standard deviation of about 2·√(1 + sep²):
/// the softmax is neither one-hot nor uniform.
/// </remarks>
internal sealed record SyntheticTask(Matrix Features, int[] Labels, Matrix Logits)
{
    /// <summary>Generates the task; the same arguments give the same bits.</summary>
    public static SyntheticTask Generate(int n, int d, int c, int sourceClasses, int seed, double separation)
    {
        var rng = new SeededRandom(seed);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % c; // balanced, every class present
        }

        rng.Shuffle(labels.AsSpan());
        var scale = new double[d];
        var signal = new double[d];
        double energy = 0;
        for (int j = 0; j < d; j++)
        {
            double v = Math.Exp(-j / 16.0) + 1e-3;
            scale[j] = Math.Sqrt(v);
            signal[j] = separation * scale[j] * Math.Exp(-j / 32.0);
            energy += v;
        }

        var means = new double[c * d];
        for (int t = 0; t < means.Length; t++)
        {
            means[t] = rng.NextGaussian();
        }

        var x = new Matrix(n, d);
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            var mean = means.AsSpan(labels[i] * d, d);
            for (int j = 0; j < d; j++)
            {
                row[j] = (scale[j] * rng.NextGaussian()) + (signal[j] * mean[j]);
            }
        }

        var w = new Matrix(d, sourceClasses);
        double factor = 2.0 / Math.Sqrt(energy);
        for (int t = 0; t < w.Data.Length; t++)
        {
            w.Data[t] = factor * rng.NextGaussian();
        }

        return new SyntheticTask(x, labels, Linalg.Multiply(x, w));
    }
}
