using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Xfer.IO;

/// <summary>
/// Descriptive statistics of an array for <c>xfer inspect</c>: range, mean and non-finite counts, and for label-like
/// data (1-D or N×1, every value an integer, or text) the distinct values with their counts.
/// </summary>
public sealed class ArraySummary
{
    private ArraySummary(long count, double? min, double? max, double? mean, long nan, long positiveInfinity, long negativeInfinity, IReadOnlyList<ClassCount>? classes)
    {
        Count = count;
        Min = min;
        Max = max;
        Mean = mean;
        NaNCount = nan;
        PositiveInfinityCount = positiveInfinity;
        NegativeInfinityCount = negativeInfinity;
        Classes = classes;
    }

    /// <summary>Number of elements.</summary>
    public long Count { get; }

    /// <summary>Smallest finite value; null when there is none (empty, all non-finite, or text).</summary>
    public double? Min { get; }

    /// <summary>Largest finite value; null when there is none.</summary>
    public double? Max { get; }

    /// <summary>Mean of the finite values (float64 with Neumaier compensated summation); null when there are none.</summary>
    public double? Mean { get; }

    /// <summary>Number of NaN values.</summary>
    public long NaNCount { get; }

    /// <summary>Number of +∞ values.</summary>
    public long PositiveInfinityCount { get; }

    /// <summary>Number of −∞ values.</summary>
    public long NegativeInfinityCount { get; }

    /// <summary>For label-like data, every distinct value with its count, in increasing value order (ordinal for text); else null.</summary>
    public IReadOnlyList<ClassCount>? Classes { get; }

    /// <summary>Number of distinct values when <see cref="Classes"/> is set.</summary>
    public int? DistinctCount => Classes?.Count;

    /// <summary>Summarises a numeric or text array.</summary>
    public static ArraySummary Of(NdArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Strings is not null)
        {
            return OfLabels(array.Strings);
        }

        var values = array.Values;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, compensation = 0;
        long finite = 0, nan = 0, posInf = 0, negInf = 0;
        bool integral = true;
        foreach (double v in values)
        {
            if (double.IsNaN(v))
            {
                nan++;
                continue;
            }

            if (double.IsInfinity(v))
            {
                if (v > 0)
                {
                    posInf++;
                }
                else
                {
                    negInf++;
                }

                continue;
            }

            finite++;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            integral &= v == Math.Floor(v);

            // Neumaier compensated summation [Neumaier1974]: the first-order error bound does not grow with the number of terms.
            double t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }

        bool labelLike = (array.Shape.Length == 1 || (array.Shape.Length == 2 && array.Shape[1] == 1))
            && integral && finite == values.Length;
        IReadOnlyList<ClassCount>? classes = null;
        if (labelLike)
        {
            var counts = new Dictionary<double, long>();
            foreach (double v in values)
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }

            classes = counts.OrderBy(kv => kv.Key)
                .Select(kv => new ClassCount(kv.Key.ToString("R", CultureInfo.InvariantCulture), kv.Value))
                .ToList();
        }

        return finite == 0
            ? new ArraySummary(values.Length, null, null, null, nan, posInf, negInf, classes)
            : new ArraySummary(values.Length, min, max, (sum + compensation) / finite, nan, posInf, negInf, classes);
    }

    /// <summary>Summarises text labels: counts only.</summary>
    public static ArraySummary OfLabels(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var classes = labels.GroupBy(s => s, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ClassCount(g.Key, g.LongCount()))
            .ToList();
        return new ArraySummary(labels.Count, null, null, null, 0, 0, 0, classes);
    }

    /// <summary>Summarises class labels: each class name with its count, in class order.</summary>
    public static ArraySummary OfLabels(Core.ClassLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var classes = labels.ClassNames.Select((name, k) => new ClassCount(name, labels.Counts[k])).ToList();
        return new ArraySummary(labels.Count, null, null, null, 0, 0, 0, classes);
    }

    /// <summary>The <paramref name="top"/> most frequent classes (ties in value order).</summary>
    public IReadOnlyList<ClassCount> MostFrequent(int top)
        => Classes is null ? [] : Classes.Select((c, i) => (c, i)).OrderByDescending(x => x.c.Count).ThenBy(x => x.i).Take(top).Select(x => x.c).ToList();
}

/// <summary>One distinct value of label-like data and how often it occurs.</summary>
/// <param name="Value">The value as text (integers without a decimal point).</param>
/// <param name="Count">Number of occurrences.</param>
public sealed record ClassCount(string Value, long Count);
