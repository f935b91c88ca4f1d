using System;
using Xfer.Core;

namespace Xfer.Tests.Support;

/// <summary>
/// Labelled tasks generated from SplitMix64 streams with integer arithmetic and IEEE-exact scalings, so that the Python fixture
/// scripts (Fixtures/metrics/generate_suite_metrics.py: <c>make_labels</c>, <c>make_features</c>) produce the same matrices bit for
/// bit and no feature matrix has to be stored.
/// </summary>
public static class SplitMixData
{
    /// <summary>y_i = i for i &lt; c (every class present), then next() mod c.</summary>
    public static ClassLabels Labels(ulong seed, int n, int c)
    {
        var rng = new Stream(seed);
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i < c ? i : (int)(rng.Next() % (ulong)c);
        }

        return ClassLabels.FromIndices(y);
    }

    /// <summary>x_ij = (m[y_i, j] + (2u − 1)·√3)·s_j with m = sep·(2u − 1) (c×d, drawn first) and s_j = scale·(0.5 + j/d).</summary>
    public static Matrix Features(ulong seed, ClassLabels labels, int d, double sep, double scale)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var rng = new Stream(seed);
        int c = labels.ClassCount;
        var means = new double[c, d];
        for (int k = 0; k < c; k++)
        {
            for (int j = 0; j < d; j++)
            {
                means[k, j] = sep * ((2.0 * rng.Uniform()) - 1.0);
            }
        }

        double root3 = Math.Sqrt(3.0);
        var col = new double[d];
        for (int j = 0; j < d; j++)
        {
            col[j] = scale * (0.5 + ((double)j / d));
        }

        var x = new Matrix(labels.Count, d);
        for (int i = 0; i < labels.Count; i++)
        {
            int k = labels[i];
            for (int j = 0; j < d; j++)
            {
                x[i, j] = (means[k, j] + (((2.0 * rng.Uniform()) - 1.0) * root3)) * col[j];
            }
        }

        return x;
    }

    /// <summary>Σ of all entries, summed row by row in order (numpy's pairwise sum differs only in the last bits).</summary>
    public static double Checksum(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        double s = 0;
        foreach (double v in x.Data)
        {
            s += v;
        }

        return s;
    }

    private sealed class Stream(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            unchecked
            {
                _state += 0x9E3779B97F4A7C15UL;
                ulong z = _state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }

        public double Uniform() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
