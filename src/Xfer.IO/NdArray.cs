using System;
using System.Collections.Generic;
using System.Linq;

namespace Xfer.IO;

/// <summary>
/// An n-dimensional array as read from a file: its shape, its on-disk element type, and its values
/// converted to float64 in C (row-major) order. String arrays (CSV label columns) carry <see cref="Strings"/> instead.
/// </summary>
public sealed class NdArray
{
    /// <summary>Creates a numeric array.</summary>
    public NdArray(string source, int[] shape, string dtype, double[] values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        Source = source;
        Shape = shape;
        DType = dtype;
        Values = values;
        Strings = null;
    }

    /// <summary>Creates a 1-D string array.</summary>
    public NdArray(string source, IReadOnlyList<string> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        Source = source;
        Shape = [strings.Count];
        DType = "str";
        Values = [];
        Strings = strings;
    }

    /// <summary>Where the array came from (file, or <c>file.npz:name</c>), for messages.</summary>
    public string Source { get; }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Element type as NumPy spells it (<c>&lt;f4</c>, <c>|u1</c>, <c>&gt;i8</c>, <c>|b1</c>), or <c>str</c>.</summary>
    public string DType { get; }

    /// <summary>Values as float64 in C order (empty for string arrays).</summary>
    public double[] Values { get; }

    /// <summary>String values, for string label columns; null for numeric arrays.</summary>
    public IReadOnlyList<string>? Strings { get; }

    /// <summary>The file format it was read from, e.g. <c>npy 1.0</c>, <c>npy 2.0 in npz (deflated)</c>, <c>idx (gzip)</c>, <c>csv</c>.</summary>
    public string Format { get; init; } = string.Empty;

    /// <summary>True when the file stored the data in Fortran (column-major) order; <see cref="Values"/> are in C order regardless.</summary>
    public bool FortranOrder { get; init; }

    /// <summary>Total number of elements.</summary>
    public long Length => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>True for integer or boolean dtypes, whose values are exact integers.</summary>
    public bool IsIntegral => DType.Length >= 2 && (DType[1] is 'i' or 'u' or 'b');

    /// <summary>Shape as text, e.g. "(1000, 512)".</summary>
    public string ShapeText => "(" + string.Join(", ", Shape) + (Shape.Length == 1 ? ",)" : ")");
}
