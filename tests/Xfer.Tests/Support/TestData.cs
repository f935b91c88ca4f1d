using System;
using Xfer.Core;

namespace Xfer.Tests.Support;

/// <summary>Seeded synthetic data for tests.</summary>
public static class TestData
{
    /// <summary>An n×d matrix of independent standard normals.</summary>
    public static Matrix Gaussian(int rows, int columns, int seed)
    {
        var rng = new SeededRandom(seed);
        var m = new Matrix(rows, columns);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = rng.NextGaussian();
        }

        return m;
    }

    /// <summary>
    /// Class-structured features: class k has mean <paramref name="separation"/>·e_k-ish random direction plus unit noise.
    /// Labels cycle 0..C−1 so every class is present.
    /// </summary>
    public static (Matrix Features, ClassLabels Labels) Clusters(int rows, int columns, int classes, double separation, int seed)
    {
        var rng = new SeededRandom(seed);
        var means = new double[classes, columns];
        for (int k = 0; k < classes; k++)
        {
            for (int j = 0; j < columns; j++)
            {
                means[k, j] = separation * rng.NextGaussian();
            }
        }

        var x = new Matrix(rows, columns);
        var y = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            int k = i % classes;
            y[i] = k;
            var row = x.Row(i);
            for (int j = 0; j < columns; j++)
            {
                row[j] = means[k, j] + rng.NextGaussian();
            }
        }

        return (x, ClassLabels.FromIndices(y));
    }

    /// <summary>Randomly permutes class ids: returns labels with class k renamed to perm[k].</summary>
    public static ClassLabels Rename(ClassLabels labels, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var perm = new SeededRandom(seed).Permutation(labels.ClassCount);
        var y = new int[labels.Count];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = perm[labels[i]];
        }

        return ClassLabels.FromIndices(y);
    }
}
