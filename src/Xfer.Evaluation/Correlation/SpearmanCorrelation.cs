using System;

namespace Xfer.Evaluation.Correlation;

/// <summary>
/// Spearman's ρ: Pearson's r of the average ranks (ties share the mean of the ranks they span), as
/// <c>scipy.stats.spearmanr</c> (SciPy 1.10.1) on two 1-D vectors. NaN when fewer than two values or
/// when either vector is constant.
/// </summary>
public static class SpearmanCorrelation
{
    /// <summary>Spearman's ρ of <paramref name="x"/> and <paramref name="y"/>; NaN when undefined.</summary>
    public static double Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        PairedInput.Check(x, y);
        if (x.Length < 2 || PairedInput.IsConstant(x) || PairedInput.IsConstant(y))
        {
            return double.NaN;
        }

        var rx = Ranks.Average(x);
        var ry = Ranks.Average(y);
        int n = rx.Length;

        // SciPy goes through np.corrcoef, which has no n = 2 shortcut, so neither do we: the centred form below.
        double mx = (n + 1) / 2.0, my = mx; // the mean of average ranks is exactly (n+1)/2
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = rx[i] - mx, dy = ry[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }

        return PairedInput.Clip(sxy / (Math.Sqrt(sxx) * Math.Sqrt(syy)));
    }
}
