using System;
using Xfer.Core;

namespace Xfer.Numerics.Statistics;

/// <summary>
/// Per-feature z-scoring (x − mean)/scale fitted on training rows only, as scikit-learn's <c>StandardScaler</c> (1.2.1):
/// population standard deviation (ddof = 0), and a scale of 1 for (near-)constant features so they pass through centred
/// instead of dividing by zero.
/// </summary>
public sealed class FeatureStandardizer
{
    private FeatureStandardizer(double[] mean, double[] scale)
    {
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Column means of the training rows.</summary>
    public double[] Mean { get; }

    /// <summary>Column scales (population standard deviation, or 1 for constant columns).</summary>
    public double[] Scale { get; }

    /// <summary>Fits the means and scales of <paramref name="x"/>'s columns (two passes, float64).</summary>
    public static FeatureStandardizer Fit(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return FitRows(x, null);
    }

    /// <summary>Fits the means and scales of <paramref name="x"/>'s columns over the listed rows only (no copy of the rows).</summary>
    public static FeatureStandardizer Fit(Matrix x, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(x);
        return FitRows(x, rows.ToArray());
    }

    private static FeatureStandardizer FitRows(Matrix x, int[]? rows)
    {
        int n = rows?.Length ?? x.Rows, d = x.Columns;
        var mean = new double[d];
        var scale = new double[d];
        for (int t = 0; t < n; t++)
        {
            var row = x.Row(rows is null ? t : rows[t]);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= Math.Max(1, n);
        }

        for (int t = 0; t < n; t++)
        {
            var row = x.Row(rows is null ? t : rows[t]);
            for (int j = 0; j < d; j++)
            {
                double c = row[j] - mean[j];
                scale[j] += c * c;
            }
        }

        for (int j = 0; j < d; j++)
        {
            double variance = scale[j] / Math.Max(1, n);

            // scikit-learn 1.2.1 (_is_constant_feature) calls a column constant when var ≤ n·ε·var + (n·|mean|·ε)²: the
            // variance is within the round-off of computing it. Such columns get scale 1.
            const double eps = 2.220446049250313e-16;
            double bound = (n * eps * variance) + Math.Pow(n * Math.Abs(mean[j]) * eps, 2);
            scale[j] = variance <= bound ? 1.0 : Math.Sqrt(variance);
        }

        return new FeatureStandardizer(mean, scale);
    }

    /// <summary>A new matrix holding the standardised listed rows of <paramref name="x"/>, in the order given.</summary>
    public Matrix Transform(Matrix x, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != Mean.Length)
        {
            throw new ArgumentException($"The standardiser was fitted on {Mean.Length} features; got {x.Columns}.", nameof(x));
        }

        var result = new Matrix(rows.Length, x.Columns);
        for (int t = 0; t < rows.Length; t++)
        {
            var src = x.Row(rows[t]);
            var dst = result.Row(t);
            for (int j = 0; j < src.Length; j++)
            {
                dst[j] = (src[j] - Mean[j]) / Scale[j];
            }
        }

        return result;
    }

    /// <summary>A new matrix holding the standardised rows of <paramref name="x"/>.</summary>
    public Matrix Transform(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != Mean.Length)
        {
            throw new ArgumentException($"The standardiser was fitted on {Mean.Length} features; got {x.Columns}.", nameof(x));
        }

        var result = new Matrix(x.Rows, x.Columns);
        for (int i = 0; i < x.Rows; i++)
        {
            var src = x.Row(i);
            var dst = result.Row(i);
            for (int j = 0; j < src.Length; j++)
            {
                dst[j] = (src[j] - Mean[j]) / Scale[j];
            }
        }

        return result;
    }
}
