using System;
using System.Collections.Generic;
using System.Globalization;

namespace Xfer.IO.Elements;

/// <summary>
/// A fixed-size numeric element type with its byte order: the subset of NumPy dtypes the readers accept
/// (float16/32/64, int8/16/32/64, uint8/16/32/64, bool; little or big endian).
/// </summary>
/// <param name="Kind">Float, signed or unsigned integer, or boolean.</param>
/// <param name="Size">Bytes per element: 1, 2, 4 or 8.</param>
/// <param name="BigEndian">True when multi-byte elements are stored most significant byte first.</param>
public readonly record struct ElementType(ElementKind Kind, int Size, bool BigEndian)
{
    /// <summary>The list of supported dtypes as shown in error messages.</summary>
    public const string SupportedList = "float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool (little or big endian)";

    /// <summary>float64, little endian.</summary>
    public static ElementType Float64 { get; } = new(ElementKind.Float, 8, false);

    /// <summary>float32, little endian.</summary>
    public static ElementType Float32 { get; } = new(ElementKind.Float, 4, false);

    /// <summary>int64, little endian.</summary>
    public static ElementType Int64 { get; } = new(ElementKind.SignedInteger, 8, false);

    /// <summary>int32, little endian.</summary>
    public static ElementType Int32 { get; } = new(ElementKind.SignedInteger, 4, false);

    /// <summary>uint8.</summary>
    public static ElementType UInt8 { get; } = new(ElementKind.UnsignedInteger, 1, false);

    /// <summary>True when the bytes must be reversed to read an element on this machine.</summary>
    public bool NeedsByteSwap => Size > 1 && BigEndian == BitConverter.IsLittleEndian;

    /// <summary>True for integer and boolean types, whose values are exact integers.</summary>
    public bool IsIntegral => Kind != ElementKind.Float;

    /// <summary>The NumPy type string, e.g. <c>&lt;f4</c>, <c>&gt;i8</c>, <c>|u1</c>, <c>|b1</c>.</summary>
    public string TypeString => (Size == 1 ? "|" : BigEndian ? ">" : "<") + KindChar + Size.ToString(CultureInfo.InvariantCulture);

    /// <summary>The NumPy name, e.g. <c>float32</c>, <c>uint8</c>, <c>bool</c>.</summary>
    public string Name => Kind switch
    {
        ElementKind.Float => "float" + (Size * 8).ToString(CultureInfo.InvariantCulture),
        ElementKind.SignedInteger => "int" + (Size * 8).ToString(CultureInfo.InvariantCulture),
        ElementKind.UnsignedInteger => "uint" + (Size * 8).ToString(CultureInfo.InvariantCulture),
        _ => "bool",
    };

    private char KindChar => Kind switch
    {
        ElementKind.Float => 'f',
        ElementKind.SignedInteger => 'i',
        ElementKind.UnsignedInteger => 'u',
        _ => 'b',
    };

    /// <summary>
    /// Parses a NumPy dtype descriptor such as <c>&lt;f4</c>, <c>&gt;u2</c>, <c>|b1</c>, <c>=i8</c> (native order),
    /// <c>f8</c>, <c>?</c>, or a name such as <c>float32</c>.
    /// </summary>
    /// <param name="descr">The descriptor.</param>
    /// <param name="type">The element type when supported.</param>
    /// <param name="problem">Otherwise why not, as a sentence fragment naming the dtype and listing what is supported.</param>
    public static bool TryParse(string descr, out ElementType type, out string problem)
    {
        ArgumentNullException.ThrowIfNull(descr);
        type = default;
        problem = string.Empty;
        string d = descr.Trim();
        if (Names.TryGetValue(d, out var named))
        {
            type = named;
            return true;
        }

        bool? bigEndian = null;
        if (d.Length > 0 && d[0] is '<' or '>' or '|' or '=')
        {
            bigEndian = d[0] switch
            {
                '<' => false,
                '>' => true,
                '=' => !BitConverter.IsLittleEndian,
                _ => null,
            };
            d = d[1..];
        }

        if (d.Length >= 2 && d[0] is 'f' or 'i' or 'u' or 'b'
            && int.TryParse(d.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int size))
        {
            ElementKind kind = d[0] switch
            {
                'f' => ElementKind.Float,
                'i' => ElementKind.SignedInteger,
                'u' => ElementKind.UnsignedInteger,
                _ => ElementKind.Boolean,
            };
            bool sizeOk = kind switch
            {
                ElementKind.Float => size is 2 or 4 or 8,
                ElementKind.Boolean => size == 1,
                _ => size is 1 or 2 or 4 or 8,
            };
            if (sizeOk)
            {
                // '|' (not applicable) on a multi-byte type, or no prefix at all: NumPy means native order.
                type = new ElementType(kind, size, size > 1 && (bigEndian ?? !BitConverter.IsLittleEndian));
                return true;
            }
        }

        problem = string.Format(CultureInfo.InvariantCulture, "dtype '{0}' {1}is not supported; supported: {2}",
            descr, Describe(d), SupportedList);
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => TypeString;

    /// <summary>A parenthesised explanation of an unsupported dtype code, e.g. "(complex128) ".</summary>
    private static string Describe(string code)
    {
        if (code.Length == 0)
        {
            return string.Empty;
        }

        string bits = code.Length > 1 && int.TryParse(code.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? (n * 8).ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        return code[0] switch
        {
            'O' => "(Python objects, saved with allow_pickle=True) ",
            'c' => "(complex" + bits + ") ",
            'U' => "(Unicode strings) ",
            'S' or 'a' => "(byte strings) ",
            'V' => "(raw bytes or a structured record) ",
            'M' => "(datetime64) ",
            'm' => "(timedelta64) ",
            'f' => "(float" + bits + ") ",
            _ => string.Empty,
        };
    }

    /// <summary>NumPy dtype names accepted in place of type strings (hand-written headers).</summary>
    private static readonly Dictionary<string, ElementType> Names = new(StringComparer.Ordinal)
    {
        ["float16"] = new(ElementKind.Float, 2, !BitConverter.IsLittleEndian),
        ["float32"] = new(ElementKind.Float, 4, !BitConverter.IsLittleEndian),
        ["float64"] = new(ElementKind.Float, 8, !BitConverter.IsLittleEndian),
        ["int8"] = new(ElementKind.SignedInteger, 1, false),
        ["int16"] = new(ElementKind.SignedInteger, 2, !BitConverter.IsLittleEndian),
        ["int32"] = new(ElementKind.SignedInteger, 4, !BitConverter.IsLittleEndian),
        ["int64"] = new(ElementKind.SignedInteger, 8, !BitConverter.IsLittleEndian),
        ["uint8"] = new(ElementKind.UnsignedInteger, 1, false),
        ["uint16"] = new(ElementKind.UnsignedInteger, 2, !BitConverter.IsLittleEndian),
        ["uint32"] = new(ElementKind.UnsignedInteger, 4, !BitConverter.IsLittleEndian),
        ["uint64"] = new(ElementKind.UnsignedInteger, 8, !BitConverter.IsLittleEndian),
        ["bool"] = new(ElementKind.Boolean, 1, false),
        ["?"] = new(ElementKind.Boolean, 1, false),
        ["|?"] = new(ElementKind.Boolean, 1, false),
    };
}
