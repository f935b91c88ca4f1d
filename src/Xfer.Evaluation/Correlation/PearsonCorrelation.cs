using System;

namespace Xfer.Evaluation.Correlation;

/// <summary>
/// Pearson's sample correlation r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² · Σ(y−ȳ)²), with the semantics of
/// <c>scipy.stats.pearsonr</c> (SciPy 1.10.1): NaN when fewer than two values or when either vector is
/// constant (SciPy raises for n &lt; 2 and warns for constant input); for n = 2 the exact sign product;
/// the result clipped to [−1, 1].
/// </summary>
public static class PearsonCorrelation
{
    /// <summary>Pearson's r of <paramref name="x"/> and <paramref name="y"/>; NaN when undefined (see the type remarks).</summary>
    public static double Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        PairedInput.Check(x, y);
        int n = x.Length;
        if (n < 2 || PairedInput.IsConstant(x) || PairedInput.IsConstant(y))
        {
            return double.NaN;
        }

        if (n == 2)
        {
            // SciPy returns sign(x1−x0)·sign(y1−y0) exactly rather than a rounded quotient.
            return Math.Sign(x[1] - x[0]) * Math.Sign(y[1] - y[0]);
        }

        double mx = Mean(x), my = Mean(y);
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }

        return PairedInput.Clip(sxy / (Math.Sqrt(sxx) * Math.Sqrt(syy)));
    }

    /// <summary>Mean with one correction pass (the naive mean's rounding error removed), so large offsets do not leak into the centred values.</summary>
    internal static double Mean(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double a in v)
        {
            sum += a;
        }

        double mean = sum / v.Length;
        double residual = 0;
        foreach (double a in v)
        {
            residual += a - mean;
        }

        return mean + (residual / v.Length);
    }
}
