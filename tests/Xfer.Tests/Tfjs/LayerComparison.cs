using System;
using System.Collections.Generic;

namespace Xfer.Tests.Tfjs;

/// <summary>
/// The error measure used to compare a converted layer with its reference: max_i |a_i − b_i| / max_i |b_i| over one
/// layer of one image. Scaling by the layer's largest magnitude (not by each |b_i|) keeps values near zero, which are
/// everywhere after ReLUs and cancelling sums, from turning float32 rounding noise into huge relative errors, while a
/// wrong value anywhere in the layer still shows at the layer's own scale.
/// </summary>
internal static class LayerComparison
{
    public static double MaxRelativeError(ReadOnlySpan<float> actual, IReadOnlyList<double> expected)
    {
        if (actual.Length != expected.Count)
        {
            throw new ArgumentException($"actual has {actual.Length} values but expected {expected.Count}");
        }

        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs(expected[i]));
        }

        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }
}
