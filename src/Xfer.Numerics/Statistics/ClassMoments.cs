using System;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Numerics.Statistics;

/// <summary>
/// First and second moments of a labelled feature matrix, computed once and shared by every metric that
/// needs class counts, means or scatter matrices (H-score, LogME, SFDA, PCA-based metrics, ...).
/// </summary>
/// <remarks>
/// <para>Two-pass and blockwise: class means first (with a correction pass, so a large common offset such as
/// features ≈ 10⁶ + noise loses no digits), then each class's rows are gathered in blocks, centred on their
/// class mean and accumulated with a symmetric rank-k update. The within-class scatter comes out of that pass;
/// the total scatter is Within + Between exactly (both PSD, no cancellation). Extra memory: one block of rows
/// and the D×D results; the data is never copied whole.</para>
/// <para>Cost: O(N·D²) for the scatter, O(C·D²) for the between-class part.</para>
/// </remarks>
public sealed class ClassMoments
{
    /// <summary>Rows per gathered block: enough for BLAS efficiency, small enough to stay in cache-sized buffers (≈4M values).</summary>
    private const int TargetBlockValues = 1 << 22;

    private ClassMoments(int n, int d, int[] counts, double[] mean, Matrix classMeans, Matrix within, Matrix between, Matrix total)
    {
        SampleCount = n;
        FeatureCount = d;
        Counts = counts;
        Mean = mean;
        ClassMeans = classMeans;
        WithinScatter = within;
        BetweenScatter = between;
        TotalScatter = total;
    }

    /// <summary>N.</summary>
    public int SampleCount { get; }

    /// <summary>D.</summary>
    public int FeatureCount { get; }

    /// <summary>C.</summary>
    public int ClassCount => Counts.Length;

    /// <summary>n_k, samples per class.</summary>
    public int[] Counts { get; }

    /// <summary>μ, the global mean (length D).</summary>
    public double[] Mean { get; }

    /// <summary>μ_k as rows (C×D).</summary>
    public Matrix ClassMeans { get; }

    /// <summary>S_W = Σ_k Σ_{i∈k} (x_i − μ_k)(x_i − μ_k)ᵀ (D×D, unnormalised).</summary>
    public Matrix WithinScatter { get; }

    /// <summary>S_B = Σ_k n_k (μ_k − μ)(μ_k − μ)ᵀ (D×D, unnormalised).</summary>
    public Matrix BetweenScatter { get; }

    /// <summary>S_T = Σ_i (x_i − μ)(x_i − μ)ᵀ = S_W + S_B (D×D, unnormalised). Sample covariance is S_T/(N−1).</summary>
    public Matrix TotalScatter { get; }

    /// <summary>Computes the moments of <paramref name="features"/> (N×D) grouped by <paramref name="labels"/>.</summary>
    public static ClassMoments Compute(Matrix features, ClassLabels labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        int n = features.Rows, d = features.Columns, c = labels.ClassCount;
        if (labels.Count != n)
        {
            throw new ArgumentException(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "features has {0} rows but labels has {1} entries; both must describe the same samples.", n, labels.Count), nameof(labels));
        }

        var groups = labels.SamplesByClass();
        var classMeans = ClassMeansOf(features, groups);

        var mean = new double[d];
        for (int k = 0; k < c; k++)
        {
            var mk = classMeans.Row(k);
            double w = (double)groups[k].Length / n;
            for (int j = 0; j < d; j++)
            {
                mean[j] += w * mk[j];
            }
        }

        var within = new Matrix(d, d);
        int blockRows = Math.Max(1, Math.Min(n, TargetBlockValues / Math.Max(1, d)));
        var block = new double[blockRows * d];
        for (int k = 0; k < c; k++)
        {
            var idx = groups[k];
            var mk = classMeans.Row(k);
            for (int start = 0; start < idx.Length; start += blockRows)
            {
                int rows = Math.Min(blockRows, idx.Length - start);
                for (int r = 0; r < rows; r++)
                {
                    var src = features.Row(idx[start + r]);
                    var dst = block.AsSpan(r * d, d);
                    for (int j = 0; j < d; j++)
                    {
                        dst[j] = src[j] - mk[j];
                    }
                }

                Linalg.GramAccumulate(block.AsSpan(0, rows * d), rows, d, within);
            }
        }

        // S_B = Dᵀ·D with D_k = √n_k (μ_k − μ) (C×D).
        var dev = new Matrix(c, d);
        for (int k = 0; k < c; k++)
        {
            double s = Math.Sqrt(groups[k].Length);
            var mk = classMeans.Row(k);
            var row = dev.Row(k);
            for (int j = 0; j < d; j++)
            {
                row[j] = s * (mk[j] - mean[j]);
            }
        }

        var between = Linalg.Gram(dev);
        var total = within.Clone();
        for (int i = 0; i < total.Data.Length; i++)
        {
            total.Data[i] += between.Data[i];
        }

        return new ClassMoments(n, d, (int[])labels.Counts.Clone(), mean, classMeans, within, between, total);
    }

    /// <summary>Class means with one correction pass: μ_k ← μ_k + mean(x − μ_k), recovering digits lost to a large offset.</summary>
    private static Matrix ClassMeansOf(Matrix x, int[][] groups)
    {
        int d = x.Columns;
        var means = new Matrix(groups.Length, d);
        var corr = new double[d];
        for (int k = 0; k < groups.Length; k++)
        {
            var mk = means.Row(k);
            foreach (int i in groups[k])
            {
                var row = x.Row(i);
                for (int j = 0; j < d; j++)
                {
                    mk[j] += row[j];
                }
            }

            double inv = 1.0 / groups[k].Length;
            for (int j = 0; j < d; j++)
            {
                mk[j] *= inv;
            }

            Array.Clear(corr);
            foreach (int i in groups[k])
            {
                var row = x.Row(i);
                for (int j = 0; j < d; j++)
                {
                    corr[j] += row[j] - mk[j];
                }
            }

            for (int j = 0; j < d; j++)
            {
                mk[j] += corr[j] * inv;
            }
        }

        return means;
    }
}
