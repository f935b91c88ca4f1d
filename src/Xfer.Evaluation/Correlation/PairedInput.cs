using System;
using System.Globalization;

namespace Xfer.Evaluation.Correlation;

/// <summary>Argument checks shared by the correlation measures (programming errors, not user errors: the CSV readers validate user input).</summary>
internal static class PairedInput
{
    public static void Check(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Both vectors must describe the same candidates; got {0} and {1} values.", x.Length, y.Length));
        }

        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Value {0} is not finite (x = {1}, y = {2}); correlations need finite inputs.", i, x[i], y[i]));
            }
        }
    }

    /// <summary>True when every value equals the first (or there are none).</summary>
    public static bool IsConstant(ReadOnlySpan<double> v)
    {
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] != v[0])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Clips to [−1, 1], as SciPy does after each correlation (rounding can overshoot by an ulp).</summary>
    public static double Clip(double r) => Math.Min(1.0, Math.Max(-1.0, r));
}
