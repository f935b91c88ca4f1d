using System;
using System.Globalization;
using System.Threading.Tasks;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Numerics.OptimalTransport;

/// <summary>
/// Pairwise Euclidean distances between the rows of two matrices, computed as ‖x‖² + ‖y‖² − 2·x·yᵀ with one
/// gemm (the form of the official TTA code's <c>L2_dist</c>; <c>torch.cdist</c> uses the same expansion for large
/// inputs). Negative squared distances from cancellation are clamped to zero before the square root.
/// </summary>
public static class PairwiseDistance
{
    /// <summary>
    /// Writes the n×m matrix of ‖x_i − y_j‖² (or ‖x_i − y_j‖ when <paramref name="squared"/> is false) into
    /// <paramref name="result"/>, which must be n×m. No allocation beyond two norm vectors.
    /// </summary>
    public static void Euclidean(Matrix x, Matrix y, Matrix result, bool squared)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(result);
        if (x.Columns != y.Columns || result.Rows != x.Rows || result.Columns != y.Rows)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Pairwise distances need x (n×d), y (m×d) and an n×m result; got {0}×{1}, {2}×{3} and {4}×{5}.",
                x.Rows, x.Columns, y.Rows, y.Columns, result.Rows, result.Columns));
        }

        int n = x.Rows, m = y.Rows;
        var xx = RowSquaredNorms(x);
        var yy = RowSquaredNorms(y);
        Linalg.MultiplyInto(x, y, result, alpha: -2.0, beta: 0.0, transposeB: true);
        var r = result.Data;
        Parallel.For(0, n, Parallelism.Options, i =>
        {
            var row = r.AsSpan(i * m, m);
            double xi = xx[i];
            for (int j = 0; j < m; j++)
            {
                double d2 = row[j] + xi + yy[j];
                d2 = d2 > 0 ? d2 : 0.0;
                row[j] = squared ? d2 : Math.Sqrt(d2);
            }
        });
    }

    /// <summary>Returns a new n×m matrix of Euclidean (or squared Euclidean) distances.</summary>
    public static Matrix Euclidean(Matrix x, Matrix y, bool squared = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var result = new Matrix(x.Rows, y.Rows);
        Euclidean(x, y, result, squared);
        return result;
    }

    /// <summary>‖x_i‖² for each row.</summary>
    public static double[] RowSquaredNorms(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var norms = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            double s = 0;
            foreach (double v in x.Row(i))
            {
                s += v * v;
            }

            norms[i] = s;
        }

        return norms;
    }
}
