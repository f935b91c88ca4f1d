using System;
using System.Globalization;
using Xfer.Core.Errors;

namespace Xfer.Analysis.Pge;

/// <summary>The gap between two PGE signatures (<see cref="PgeDistance"/>); smaller means the source is expected to transfer better.</summary>
public static class PgeGap
{
    /// <summary>
    /// The gap between <paramref name="source"/> and <paramref name="target"/>. Throws <see cref="XferException"/> when they were
    /// computed with different settings or feature dimensions (their gradients would belong to different networks).
    /// </summary>
    public static double Compute(PgeSignature source, PgeSignature target, PgeDistance distance = PgeDistance.Euclidean)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        RequireComparable(source, target);
        int units = source.UnitCount, offset = 0;
        double total = 0;
        for (int u = 0; u < units; u++)
        {
            int length = source.UnitLengths[u];
            var a = source.Vector.AsSpan(offset, length);
            var b = target.Vector.AsSpan(offset, length);
            offset += length;
            double squared = 0, dot = 0;
            for (int i = 0; i < length; i++)
            {
                double diff = a[i] - b[i];
                squared += diff * diff;
                dot += a[i] * b[i];
            }

            total += distance switch
            {
                // Units are unit vectors or zero (degenerate), so a·b is the cosine, or 0 when either gradient vanished.
                PgeDistance.Cosine => 1.0 - dot,
                PgeDistance.MeanUnitDistance => Math.Sqrt(squared),
                _ => squared,
            };
        }

        double mean = total / units;
        return distance == PgeDistance.Euclidean ? Math.Sqrt(mean) : mean;
    }

    /// <summary>Throws unless the two signatures come from the same probe network and unit layout.</summary>
    public static void RequireComparable(PgeSignature a, PgeSignature b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.FeatureDimension != b.FeatureDimension)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "PGE signatures of '{0}' and '{1}' have feature dimensions {2} and {3}; sources and target must use the same encoder and layer.",
                a.Name, b.Name, a.FeatureDimension, b.FeatureDimension));
        }

        string sa = a.Options.SignatureSettings(), sb = b.Options.SignatureSettings();
        if (!string.Equals(sa, sb, StringComparison.Ordinal))
        {
            throw new XferException($"PGE signatures of '{a.Name}' ({sa}) and '{b.Name}' ({sb}) were computed with different settings; recompute them with the same options and seed.");
        }

        if (a.Vector.Length != b.Vector.Length || a.UnitCount != b.UnitCount)
        {
            throw new XferException($"PGE signatures of '{a.Name}' and '{b.Name}' have different layouts ({a.Vector.Length} and {b.Vector.Length} values); recompute them with the same options.");
        }
    }
}
