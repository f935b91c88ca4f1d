using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;

namespace Xfer.Bench.Suite;

/// <summary>Writes little-endian C-order .npy files (format 1.0), so numpy reads exactly the benchmark's data.</summary>
internal static class NpyFile
{
    /// <summary>Writes a float64 array of the given shape.</summary>
    public static void Write(string path, ReadOnlySpan<double> data, params int[] shape)
    {
        using var stream = File.Create(path);
        WriteHeader(stream, "<f8", shape);
        var buffer = new byte[8 * 8192];
        for (int start = 0; start < data.Length; start += 8192)
        {
            int count = Math.Min(8192, data.Length - start);
            for (int t = 0; t < count; t++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * t, 8), data[start + t]);
            }

            stream.Write(buffer, 0, 8 * count);
        }
    }

    /// <summary>Writes an int64 vector.</summary>
    public static void Write(string path, ReadOnlySpan<int> data)
    {
        using var stream = File.Create(path);
        WriteHeader(stream, "<i8", data.Length);
        var buffer = new byte[8];
        foreach (int v in data)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, v);
            stream.Write(buffer, 0, 8);
        }
    }

    private static void WriteHeader(Stream stream, string dtype, params int[] shape)
    {
        string dims = shape.Length == 1
            ? shape[0].ToString(CultureInfo.InvariantCulture) + ","
            : string.Join(", ", Array.ConvertAll(shape, s => s.ToString(CultureInfo.InvariantCulture)));
        string dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = 10 + dict.Length + 1;
        int padded = (total + 63) / 64 * 64; // header length a multiple of 64, as numpy writes it
        string header = dict + new string(' ', padded - total) + "\n";
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
    }
}
