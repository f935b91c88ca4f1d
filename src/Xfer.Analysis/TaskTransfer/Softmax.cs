using System;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>Numerically stable softmax helpers on spans.</summary>
internal static class Softmax
{
    /// <summary>log Σ exp(x), shifted by the maximum.</summary>
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double max = double.NegativeInfinity;
        foreach (double v in x)
        {
            max = Math.Max(max, v);
        }

        double s = 0;
        foreach (double v in x)
        {
            s += Math.Exp(v - max);
        }

        return max + Math.Log(s);
    }

    /// <summary>Writes softmax(x) into <paramref name="p"/> and returns log Σ exp(x).</summary>
    public static double Into(ReadOnlySpan<double> x, Span<double> p)
    {
        double lse = LogSumExp(x);
        for (int k = 0; k < x.Length; k++)
        {
            p[k] = Math.Exp(x[k] - lse);
        }

        return lse;
    }

    /// <summary>Index of the largest entry (first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<double> x)
    {
        int best = 0;
        for (int k = 1; k < x.Length; k++)
        {
            if (x[k] > x[best])
            {
                best = k;
            }
        }

        return best;
    }
}
