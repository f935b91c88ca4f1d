using System;
using System.Threading.Tasks;
using Xfer.Core;

namespace Xfer.IO.Datasets;

/// <summary>
/// A synthetic, class-structured transfer task for tests, examples and benchmarks: features with per-class means
/// and anisotropic noise, balanced labels, and the probabilities of a random linear "source head".
/// </summary>
/// <remarks>
/// Class k has mean μ_k ~ N(0, separation²/(2D)·I), so two class means are ≈ <c>separation</c> apart whatever D is;
/// sample noise is N(0, diag(σ_j²)) with σ_j
/// log-uniform in [0.3, 3] (a spectrum like real embeddings rather than white noise). Labels cycle through the classes
/// and are then shuffled. Source logits = W·x/√D + 2·[z = y mod Cs] with W ~ N(0, 1): a head that partly knows the
/// classes. Deterministic for a seed; generation is parallel over fixed row blocks, each with its own derived seed.
/// </remarks>
public static class SyntheticTask
{
    /// <summary>Generates the task.</summary>
    /// <param name="samples">N.</param>
    /// <param name="dims">D.</param>
    /// <param name="classes">C (every class gets ⌊N/C⌋ or ⌈N/C⌉ samples).</param>
    /// <param name="sourceClasses">Cs of the synthetic source head; 0 for none.</param>
    /// <param name="separation">Typical distance between class means in units of the noise scale.</param>
    /// <param name="seed">Seed.</param>
    public static (Matrix Features, ClassLabels Labels, Matrix? SourceLogits) Generate(int samples, int dims, int classes, int sourceClasses, double separation, int seed)
    {
        if (samples < classes || classes < 2 || dims < 1)
        {
            throw new Core.Errors.XferException($"A synthetic task needs at least 2 classes, 1 dimension and one sample per class; got N={samples}, D={dims}, C={classes}.");
        }

        var rng = new SeededRandom(seed);
        var means = new double[classes * dims];
        double meanScale = separation / Math.Sqrt(2.0 * dims); // E‖μ_a − μ_b‖² = 2·D·meanScale² = separation²
        for (int i = 0; i < means.Length; i++)
        {
            means[i] = meanScale * rng.NextGaussian();
        }

        var scale = new double[dims];
        for (int j = 0; j < dims; j++)
        {
            scale[j] = 0.3 * Math.Pow(10.0, rng.NextDouble());
        }

        var y = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            y[i] = i % classes;
        }

        rng.Shuffle(y.AsSpan());
        var head = new double[sourceClasses * dims];
        for (int i = 0; i < head.Length; i++)
        {
            head[i] = rng.NextGaussian();
        }

        const int Block = 256;
        int blocks = (samples + Block - 1) / Block;
        var seeds = new int[blocks];
        for (int b = 0; b < blocks; b++)
        {
            seeds[b] = rng.NextSeed();
        }

        var x = new Matrix(samples, dims);
        Matrix? logits = sourceClasses > 0 ? new Matrix(samples, sourceClasses) : null;
        double invSqrtD = 1.0 / Math.Sqrt(dims);
        Parallel.For(0, blocks, Parallelism.Options, b =>
        {
            var r = new SeededRandom(seeds[b]);
            for (int i = b * Block; i < Math.Min(samples, (b + 1) * Block); i++)
            {
                var row = x.Row(i);
                var mu = means.AsSpan(y[i] * dims, dims);
                for (int j = 0; j < dims; j++)
                {
                    row[j] = mu[j] + (scale[j] * r.NextGaussian());
                }

                if (logits is not null)
                {
                    var lr = logits.Row(i);
                    for (int z = 0; z < sourceClasses; z++)
                    {
                        double dot = 0;
                        var w = head.AsSpan(z * dims, dims);
                        for (int j = 0; j < dims; j++)
                        {
                            dot += w[j] * row[j];
                        }

                        lr[z] = (dot * invSqrtD) + (z == y[i] % sourceClasses ? 2.0 : 0.0);
                    }
                }
            }
        });

        return (x, ClassLabels.FromIndices(y), logits);
    }
}
