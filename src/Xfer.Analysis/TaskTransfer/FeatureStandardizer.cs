using System;
using Xfer.Core;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>
/// Per-feature z-scoring fitted on one matrix, as scikit-learn's <c>StandardScaler</c> (population standard
/// deviation; a constant feature keeps scale 1, with sklearn's test <c>_is_constant_feature</c>:
/// var ≤ n·ε·var + (n·|mean|·ε)²). TTA
/// standardises each domain with the statistics of its own train split (official l.109–119).
/// </summary>
public sealed class FeatureStandardizer
{
    private FeatureStandardizer(double[] mean, double[] scale)
    {
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Per-feature mean.</summary>
    public double[] Mean { get; }

    /// <summary>Per-feature scale (standard deviation, or 1 for a constant feature).</summary>
    public double[] Scale { get; }

    /// <summary>Fits mean and population standard deviation of each column.</summary>
    public static FeatureStandardizer Fit(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Rows, d = x.Columns;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= Math.Max(1, n);
        }

        var variance = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < d; j++)
            {
                double c = row[j] - mean[j];
                variance[j] += c * c;
            }
        }

        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            const double Eps = 2.220446049250313e-16; // float64 machine epsilon, as np.finfo(np.float64).eps
            double var = variance[j] / Math.Max(1, n);
            double bound = (n * Eps * var) + Math.Pow(n * mean[j] * Eps, 2);
            scale[j] = var <= bound ? 1.0 : Math.Sqrt(var);
        }

        return new FeatureStandardizer(mean, scale);
    }

    /// <summary>Returns (x − mean)/scale as a new matrix.</summary>
    public Matrix Transform(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var r = new Matrix(x.Rows, x.Columns);
        for (int i = 0; i < x.Rows; i++)
        {
            var src = x.Row(i);
            var dst = r.Row(i);
            for (int j = 0; j < x.Columns; j++)
            {
                dst[j] = (src[j] - Mean[j]) / Scale[j];
            }
        }

        return r;
    }
}
