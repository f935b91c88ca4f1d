using System;

namespace Xfer.Evaluation.Correlation;

/// <summary>
/// Kendall's τ-b, the default variant of <c>scipy.stats.kendalltau</c> (SciPy 1.10.1):
/// τ_b = (P − Q) / (√n_x · √n_y), where over all pairs i &lt; j, P counts concordant pairs, Q discordant pairs,
/// n_x the pairs not tied in x and n_y the pairs not tied in y (a pair tied in both counts in neither).
/// </summary>
/// <remarks>
/// NaN when fewer than two values or when every pair is tied in x or in y (SciPy's <c>xtie == tot</c> case).
/// The counts are exact integers; only the final quotient rounds, in SciPy's order (÷√n_x ÷√n_y), and the result
/// is clipped to [−1, 1]. O(n²) pairs: candidate pools hold tens to hundreds of models.
/// </remarks>
public static class KendallTau
{
    /// <summary>Kendall's τ-b of <paramref name="x"/> and <paramref name="y"/>; NaN when undefined.</summary>
    public static double Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        PairedInput.Check(x, y);
        int n = x.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        long concordantMinusDiscordant = 0, untiedX = 0, untiedY = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                int sx = Math.Sign(x[i] - x[j]);
                int sy = Math.Sign(y[i] - y[j]);
                concordantMinusDiscordant += sx * sy;
                untiedX += sx != 0 ? 1 : 0;
                untiedY += sy != 0 ? 1 : 0;
            }
        }

        if (untiedX == 0 || untiedY == 0)
        {
            return double.NaN;
        }

        return PairedInput.Clip(concordantMinusDiscordant / Math.Sqrt(untiedX) / Math.Sqrt(untiedY));
    }
}
