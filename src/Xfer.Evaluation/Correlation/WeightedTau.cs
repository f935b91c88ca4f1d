using System;

namespace Xfer.Evaluation.Correlation;

/// <summary>
/// Vigna's weighted τ with exactly the defaults of <c>scipy.stats.weightedtau(x, y)</c> (SciPy 1.10.1:
/// <c>rank=True</c>, hyperbolic weigher, additive weights) [Vigna2015WeightedTau]:
/// τ_w = ½ [τ(x, y; r_xy) + τ(y, x; r_yx)], with
/// τ(x, y; r) = Σ_{i&lt;j} w_ij·sgn(x_i−x_j)·sgn(y_i−y_j) / √(Σ_{i&lt;j, x_i≠x_j} w_ij · Σ_{i&lt;j, y_i≠y_j} w_ij),
/// w_ij = 1/(r_i+1) + 1/(r_j+1), where r_xy is the 0-based position in decreasing lexicographic order of (x, y)
/// (the largest x gets rank 0, ties in x broken by decreasing y), and r_yx the same with the roles swapped.
/// </summary>
/// <remarks>
/// Ties: a pair tied in x contributes to the numerator and to the x-denominator nothing, and still to the
/// y-denominator when untied in y; elements tied in both x and y are interchangeable, so their relative rank
/// does not change the value. NaN when the vectors are empty, have one element, or either is constant (SciPy's
/// "all ties" return). The result of each direction is clipped to [−1, 1], as in SciPy. SciPy evaluates the same sums with an
/// O(n log n) merge sort; this O(n²) form is exact to rounding (agreement ≤ 1e-12 on the committed fixtures) and
/// fast for model pools (n ≤ a few hundred).
/// </remarks>
public static class WeightedTau
{
    /// <summary>τ_w of <paramref name="x"/> and <paramref name="y"/> (symmetric in its arguments); NaN when undefined.</summary>
    public static double Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        PairedInput.Check(x, y);
        if (x.Length < 2 || PairedInput.IsConstant(x) || PairedInput.IsConstant(y))
        {
            return double.NaN;
        }

        return (OneDirection(x, y) + OneDirection(y, x)) / 2.0;
    }

    /// <summary>τ(x, y; r) with r the decreasing lexicographic rank of (x, y); inputs already checked and non-constant.</summary>
    internal static double OneDirection(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        var rank = Ranks.DecreasingLexicographicPositions(x, y);
        var weight = new double[n];
        for (int i = 0; i < n; i++)
        {
            weight[i] = 1.0 / (rank[i] + 1.0); // hyperbolic weigher 1/(r+1)
        }

        double numerator = 0, untiedX = 0, untiedY = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double w = weight[i] + weight[j]; // additive combination
                int sx = Math.Sign(x[i] - x[j]);
                int sy = Math.Sign(y[i] - y[j]);
                numerator += sx * sy * w;
                if (sx != 0)
                {
                    untiedX += w;
                }

                if (sy != 0)
                {
                    untiedY += w;
                }
            }
        }

        return PairedInput.Clip(numerator / Math.Sqrt(untiedX) / Math.Sqrt(untiedY));
    }
}
