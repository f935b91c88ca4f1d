using System;

namespace Xfer.Evaluation.Correlation;

/// <summary>Rank transforms shared by the correlation measures.</summary>
public static class Ranks
{
    /// <summary>
    /// 1-based ranks in increasing order, tied values sharing the average of the ranks they span, as
    /// <c>scipy.stats.rankdata(x, method='average')</c>: [10, 20, 20, 30] → [1, 2.5, 2.5, 4].
    /// </summary>
    public static double[] Average(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var order = SortedIndices(values);
        var ranks = new double[n];
        int i = 0;
        while (i < n)
        {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            // Positions i..j (0-based) hold one tie group; their 1-based ranks i+1..j+1 average to (i+j)/2+1.
            double average = ((i + j) / 2.0) + 1.0;
            for (int p = i; p <= j; p++)
            {
                ranks[order[p]] = average;
            }

            i = j + 1;
        }

        return ranks;
    }

    /// <summary>Indices that sort <paramref name="values"/> increasingly; ties keep their input order (stable).</summary>
    public static int[] SortedIndices(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var copy = values.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = copy[a].CompareTo(copy[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>
    /// Positions in decreasing lexicographic order of (<paramref name="primary"/>, <paramref name="secondary"/>):
    /// the element with the largest primary value (the largest secondary among primary ties) gets position 0.
    /// Elements tied in both keep an order that does not affect any measure here (they are interchangeable).
    /// </summary>
    public static int[] DecreasingLexicographicPositions(ReadOnlySpan<double> primary, ReadOnlySpan<double> secondary)
    {
        int n = primary.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var p = primary.ToArray();
        var s = secondary.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = p[b].CompareTo(p[a]);
            if (c != 0)
            {
                return c;
            }

            c = s[b].CompareTo(s[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var position = new int[n];
        for (int r = 0; r < n; r++)
        {
            position[order[r]] = r;
        }

        return position;
    }
}
