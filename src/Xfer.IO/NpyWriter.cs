using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using Xfer.Core;
using Xfer.IO.Elements;

namespace Xfer.IO;

/// <summary>Writes <c>.npy</c> (format 1.0, little-endian, C order) and <c>.npz</c> files atomically.</summary>
/// <remarks>
/// The header is byte-for-byte what NumPy 1.24 writes (numpy/lib/format.py, <c>_write_array_header</c>): the dict
/// with sorted keys, 21 − len(repr(shape[0])) spaces of growth room (GROWTH_AXIS_MAX_DIGITS = 21), then spaces and a
/// newline up to the next multiple of 64 bytes (ARRAY_ALIGN) counting the 10-byte prefix; at least one space is
/// always added. Supported dtypes: <c>&lt;f8</c>, <c>&lt;f4</c>, <c>&lt;i8</c>, <c>&lt;i4</c>, <c>|u1</c>.
/// </remarks>
public static class NpyWriter
{
    /// <summary>The dtypes the writer produces.</summary>
    public const string SupportedDtypes = "<f8, <f4, <i8, <i4, |u1";

    /// <summary>NumPy's ARRAY_ALIGN.</summary>
    private const int Align = 64;

    /// <summary>NumPy's GROWTH_AXIS_MAX_DIGITS (= len(str(8 * 2**64 - 1))).</summary>
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>Elements converted per block when the dtype is not float64.</summary>
    private const int BlockElements = 1 << 16;

    /// <summary>Writes a matrix as <c>&lt;f8</c> (or <c>&lt;f4</c> with <paramref name="float32"/>).</summary>
    public static void Write(string path, Matrix matrix, bool float32 = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var type = float32 ? ElementType.Float32 : ElementType.Float64;
        int[] shape = [matrix.Rows, matrix.Columns];
        AtomicFile.Write(path, s => WriteNpy(s, shape, matrix.Data, type));
    }

    /// <summary>Writes an array with the given dtype (<c>&lt;f4</c>, <c>&lt;f8</c>, <c>&lt;i8</c>, <c>&lt;i4</c>, <c>|u1</c>).</summary>
    /// <exception cref="ArgumentException">The dtype is not supported, the value count does not match the shape, or an
    /// integer dtype gets a value that is not an integer in its range.</exception>
    public static void Write(string path, int[] shape, ReadOnlySpan<double> values, string dtype)
    {
        var type = WritableType(dtype);
        Validate(shape, values, type, nameof(values));
        double[] copy = values.ToArray(); // a span cannot be captured by the write callback
        AtomicFile.Write(path, s => WriteNpy(s, shape, copy, type));
    }

    /// <summary>Writes an array with the given dtype without copying <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">As for the span overload.</exception>
    public static void Write(string path, int[] shape, double[] values, string dtype)
    {
        ArgumentNullException.ThrowIfNull(values);
        var type = WritableType(dtype);
        Validate(shape, values, type, nameof(values));
        AtomicFile.Write(path, s => WriteNpy(s, shape, values, type));
    }

    /// <summary>Writes several named arrays into one <c>.npz</c> (zip of <c>name.npy</c> members; deflated when <paramref name="compress"/>).</summary>
    /// <remarks>Each array is written with its own dtype when that is one of the supported ones (byte order becomes
    /// little endian), else as <c>&lt;f8</c> for floats and <c>&lt;i8</c> for integers and booleans.</remarks>
    public static void WriteNpz(string path, IReadOnlyList<KeyValuePair<string, NdArray>> arrays, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var plan = new List<(string Name, NdArray Array, ElementType Type)>();
        foreach (var (name, array) in arrays)
        {
            ArgumentNullException.ThrowIfNull(array);
            if (string.IsNullOrEmpty(name) || !names.Add(name))
            {
                throw new ArgumentException($"Array names must be non-empty and unique; got '{name}'.", nameof(arrays));
            }

            if (array.Strings is not null)
            {
                throw new ArgumentException($"Array '{name}' holds strings; .npz members written here are numeric ({SupportedDtypes}).", nameof(arrays));
            }

            var type = NpzType(array.DType);
            Validate(array.Shape, array.Values, type, nameof(arrays));
            plan.Add((name, array, type));
        }

        AtomicFile.Write(path, s =>
        {
            using var zip = new ZipArchive(s, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, array, type) in plan)
            {
                var entry = zip.CreateEntry(name + ".npy", compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var member = entry.Open();
                WriteNpy(member, array.Shape, array.Values, type);
            }
        });
    }

    /// <summary>The complete 1.0 header (magic, version, length, dict, padding, newline) NumPy 1.24 writes for a C-order array.</summary>
    public static byte[] Header(int[] shape, string dtype)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string shapeText = "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + (shape.Length == 1 ? ",)" : ")");
        string dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        if (shape.Length > 0)
        {
            dict += new string(' ', GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length);
        }

        int prefix = 10; // magic (6) + version (2) + uint16 length (2)
        int withNewline = dict.Length + 1;
        int pad = Align - ((prefix + withNewline) % Align);
        string text = dict + new string(' ', pad) + "\n";
        var bytes = new byte[prefix + text.Length];
        Npy.NpyHeader.Magic.CopyTo(bytes);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), checked((ushort)text.Length));
        Encoding.Latin1.GetBytes(text, bytes.AsSpan(prefix));
        return bytes;
    }

    private static void WriteNpy(Stream stream, int[] shape, double[] values, ElementType type)
    {
        stream.Write(Header(shape, type.TypeString));
        if (type == ElementType.Float64 && BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        byte[] block = ArrayPool<byte>.Shared.Rent(BlockElements * 8);
        try
        {
            for (int start = 0; start < values.Length; start += BlockElements)
            {
                var src = values.AsSpan(start, Math.Min(BlockElements, values.Length - start));
                var dst = block.AsSpan(0, src.Length * type.Size);
                Encode(src, type, dst);
                stream.Write(dst);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>float64 → the target type (little endian); values were validated, so integer casts are exact.</summary>
    private static void Encode(ReadOnlySpan<double> src, ElementType type, Span<byte> dst)
    {
        switch (type.Kind, type.Size)
        {
            case (ElementKind.Float, 8):
                src.CopyTo(MemoryMarshal.Cast<byte, double>(dst));
                break;
            case (ElementKind.Float, 4):
                // IEEE round-to-nearest-even, as NumPy's astype(float32).
                TensorPrimitives.ConvertTruncating<double, float>(src, MemoryMarshal.Cast<byte, float>(dst));
                break;
            case (ElementKind.SignedInteger, 8):
                TensorPrimitives.ConvertTruncating<double, long>(src, MemoryMarshal.Cast<byte, long>(dst));
                break;
            case (ElementKind.SignedInteger, 4):
                TensorPrimitives.ConvertTruncating<double, int>(src, MemoryMarshal.Cast<byte, int>(dst));
                break;
            default:
                TensorPrimitives.ConvertTruncating<double, byte>(src, dst);
                break;
        }

        if (!BitConverter.IsLittleEndian)
        {
            ElementConverter.SwapInPlace(dst, type.Size);
        }
    }

    private static ElementType WritableType(string dtype)
    {
        if (dtype is null || !ElementType.TryParse(dtype, out var type, out _) || !IsWritable(type))
        {
            throw new ArgumentException($"Cannot write dtype '{dtype}'; supported: {SupportedDtypes}.", nameof(dtype));
        }

        return type with { BigEndian = false };
    }

    private static bool IsWritable(ElementType t) => (t.Kind, t.Size) is (ElementKind.Float, 8) or (ElementKind.Float, 4)
        or (ElementKind.SignedInteger, 8) or (ElementKind.SignedInteger, 4) or (ElementKind.UnsignedInteger, 1);

    private static ElementType NpzType(string dtype)
    {
        if (ElementType.TryParse(dtype, out var t, out _))
        {
            if (IsWritable(t))
            {
                return t with { BigEndian = false };
            }

            return t.Kind == ElementKind.Float ? ElementType.Float64 : ElementType.Int64;
        }

        return ElementType.Float64;
    }

    private static void Validate(int[] shape, ReadOnlySpan<double> values, ElementType type, string paramName)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0))
        {
            throw new ArgumentException("Shape dimensions must be non-negative.", nameof(shape));
        }

        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Shape ({0}) needs {1} values but {2} were given.", string.Join(", ", shape), count, values.Length), paramName);
        }

        if (type.Kind == ElementKind.Float)
        {
            return;
        }

        (double min, double max) = (type.Kind, type.Size) switch
        {
            (ElementKind.SignedInteger, 8) => (-9223372036854775808.0, 9223372036854775807.0),
            (ElementKind.SignedInteger, 4) => (int.MinValue, int.MaxValue),
            _ => (0.0, 255.0),
        };
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];

            // 2^63 itself rounds up from long.MaxValue as a double, so the upper bound for int64 is exclusive.
            bool tooBig = type.Size == 8 ? v >= max : v > max;
            if (v != Math.Floor(v) || v < min || tooBig)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Value {0} at index {1} is not an integer in the range of {2}.", v.ToString("R", CultureInfo.InvariantCulture), i, type.TypeString), paramName);
            }
        }
    }
}
