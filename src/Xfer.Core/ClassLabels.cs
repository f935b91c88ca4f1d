using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Xfer.Core;

/// <summary>
/// Class labels of N samples as contiguous indices 0..C−1, every class present, with the original
/// label values kept as <see cref="ClassNames"/>.
/// </summary>
/// <remarks>
/// Raw labels are mapped to indices in sorted order (numeric order for integers, ordinal order for
/// strings), so the mapping does not depend on sample order. Unlike TLlib's <c>K = max(y) + 1</c>,
/// which yields an empty class (and NaN) for labels such as {0, 1, 3}, a gap in the raw values
/// never creates an empty class here.
/// </remarks>
public sealed class ClassLabels
{
    private readonly int[] _indices;

    private ClassLabels(int[] indices, string[] names)
    {
        _indices = indices;
        ClassNames = names;
        Counts = new int[names.Length];
        foreach (int k in indices)
        {
            Counts[k]++;
        }
    }


    /// <summary>Class index (0..C−1) of each sample; length N.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>The original label value of each class index, as text.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of samples in each class; every entry is at least 1.</summary>
    public int[] Counts { get; }

    /// <summary>Number of samples, N.</summary>
    public int Count => _indices.Length;

    /// <summary>Number of classes, C.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Class index of sample <paramref name="i"/>.</summary>
    public int this[int i] => _indices[i];

    /// <summary>Maps integer labels to contiguous class indices in increasing numeric order.</summary>
    public static ClassLabels FromIntegers(ReadOnlySpan<long> raw)
    {
        var distinct = new SortedSet<long>();
        foreach (long v in raw)
        {
            distinct.Add(v);
        }

        var map = new Dictionary<long, int>(distinct.Count);
        var names = new string[distinct.Count];
        int next = 0;
        foreach (long v in distinct)
        {
            names[next] = v.ToString(CultureInfo.InvariantCulture);
            map[v] = next++;
        }

        var idx = new int[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            idx[i] = map[raw[i]];
        }

        return new ClassLabels(idx, names);
    }

    /// <summary>Maps integer labels to contiguous class indices in increasing numeric order.</summary>
    public static ClassLabels FromIntegers(IEnumerable<int> raw) => FromIntegers(raw.Select(v => (long)v).ToArray());

    /// <summary>Maps string labels to contiguous class indices in ordinal string order.</summary>
    public static ClassLabels FromStrings(IReadOnlyList<string> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var names = raw.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var map = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int k = 0; k < names.Length; k++)
        {
            map[names[k]] = k;
        }

        var idx = new int[raw.Count];
        for (int i = 0; i < raw.Count; i++)
        {
            idx[i] = map[raw[i]];
        }

        return new ClassLabels(idx, names);
    }

    /// <summary>
    /// Labels from class indices that are already contiguous (0..C−1, every class present).
    /// </summary>
    /// <exception cref="ArgumentException">An index is outside 0..C−1, or a class has no samples.</exception>
    public static ClassLabels FromIndices(int[] indices, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int c = classNames?.Count ?? (indices.Length == 0 ? 0 : indices.Max() + 1);
        var names = classNames?.ToArray() ?? Enumerable.Range(0, c).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
        var seen = new bool[c];
        foreach (int k in indices)
        {
            if (k < 0 || k >= c)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Class index {0} is outside 0..{1}.", k, c - 1), nameof(indices));
            }

            seen[k] = true;
        }

        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Class indices must cover 0..{0} with every class present; class {1} has no samples.", c - 1, missing), nameof(indices));
        }

        return new ClassLabels((int[])indices.Clone(), names);
    }

    /// <summary>The sample indices of each class, in sample order.</summary>
    public int[][] SamplesByClass()
    {
        var groups = new int[ClassCount][];
        var fill = new int[ClassCount];
        for (int k = 0; k < ClassCount; k++)
        {
            groups[k] = new int[Counts[k]];
        }

        for (int i = 0; i < Count; i++)
        {
            int k = _indices[i];
            groups[k][fill[k]++] = i;
        }

        return groups;
    }

    /// <summary>A copy of the class indices as an array.</summary>
    public int[] ToArray() => (int[])_indices.Clone();
}
