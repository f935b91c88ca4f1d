using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using Xfer.Core.Errors;
using Xfer.IO.Elements;

namespace Xfer.IO.Npy;

/// <summary>
/// Reads <c>.npy</c> arrays (format 1.0, 2.0, 3.0) of any supported dtype and byte order, C or Fortran order,
/// into float64 in C order.
/// </summary>
/// <remarks>
/// The data is read in bulk: little-endian float64 straight into the result array, every other type in 64 KiB
/// blocks that are byte-swapped (big endian) and widened with SIMD into the result. Fortran-order data is read
/// into a scratch array and transposed into C order. The number of data bytes must match the header exactly.
/// </remarks>
public static class NpyReader
{
    /// <summary>Block size for reading and converting non-float64 data: 64 KiB of input and at most 512 KiB of output stay
    /// in L2; measured faster than 256 KiB or 1 MiB blocks on the 20000×1024 float32 benchmark (bench/Xfer.Bench.IO).</summary>
    private const int BlockBytes = 1 << 16;

    /// <summary>Largest slice read straight into the result (a span of bytes must stay below 2 GiB).</summary>
    private const int DirectReadElements = 1 << 24;

    /// <summary>Reads the <c>.npy</c> file at <paramref name="path"/>.</summary>
    /// <exception cref="InputFileException">The file is missing, unreadable, malformed, truncated or of an unsupported dtype.</exception>
    public static NdArray Read(string path)
    {
        using var stream = InputFiles.OpenRead(path);
        return InputFiles.Guard(path, () => Read(stream, stream.Length, path, null));
    }

    /// <summary>Reads only the header of the <c>.npy</c> file at <paramref name="path"/>.</summary>
    public static NpyHeader ReadHeader(string path)
    {
        using var stream = InputFiles.OpenRead(path);
        return InputFiles.Guard(path, () => NpyHeader.Read(stream, path));
    }

    /// <summary>Reads an array from <paramref name="stream"/>, positioned at the magic string.</summary>
    /// <param name="stream">The stream (need not be seekable).</param>
    /// <param name="length">Total bytes of the <c>.npy</c> content in the stream, when known (checked against the header before reading).</param>
    /// <param name="source">File or <c>file.npz:member</c>, for messages and <see cref="NdArray.Source"/>.</param>
    /// <param name="container">Describes an enclosing container for <see cref="NdArray.Format"/> (e.g. "npz, deflated"), or null.</param>
    public static NdArray Read(Stream stream, long? length, string source, string? container)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = NpyHeader.Read(stream, source);
        if (length is long total && total - header.DataOffset != header.DataLength)
        {
            throw new InputFileException(source, IOMessages.DataLengthMismatch(header, total - header.DataOffset));
        }

        // Every element is overwritten (or reading fails and the array is dropped), so skip zeroing.
        var values = GC.AllocateUninitializedArray<double>((int)header.ElementCount);
        if (header.FortranOrder && header.Shape.Length > 1)
        {
            var columnMajor = GC.AllocateUninitializedArray<double>(values.Length);
            ReadElements(stream, header, columnMajor, source);
            Layout.FortranToC(columnMajor, header.Shape, values);
        }
        else
        {
            ReadElements(stream, header, values, source);
        }

        if (length is null && stream.ReadByte() >= 0)
        {
            throw new InputFileException(source, IOMessages.DataLengthMismatch(header, null));
        }

        return new NdArray(source, header.Shape, header.ElementType.TypeString, values)
        {
            Format = container is null ? header.FormatName : header.FormatName + " in " + container,
            FortranOrder = header.FortranOrder,
        };
    }

    /// <summary>Reads <paramref name="destination"/>.Length elements of the header's type and converts them.</summary>
    private static void ReadElements(Stream stream, NpyHeader header, Span<double> destination, string source)
    {
        long done = ReadElements(stream, header.ElementType, destination);
        if (done < header.DataLength)
        {
            throw new InputFileException(source, IOMessages.TruncatedData(header, done));
        }
    }

    /// <summary>
    /// Reads and converts elements of <paramref name="type"/> from <paramref name="stream"/> into <paramref name="destination"/>;
    /// returns the number of data bytes read, which is less than needed only when the stream ended early.
    /// </summary>
    internal static long ReadElements(Stream stream, ElementType type, Span<double> destination)
    {
        long bytesRead = 0;
        if (type.Kind == ElementKind.Float && type.Size == 8)
        {
            // float64: read straight into the result, then fix the byte order in place if needed.
            for (int start = 0; start < destination.Length; start += DirectReadElements)
            {
                var slice = destination.Slice(start, Math.Min(DirectReadElements, destination.Length - start));
                var bytes = MemoryMarshal.AsBytes(slice);
                int n = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                bytesRead += n;
                if (n < bytes.Length)
                {
                    return bytesRead;
                }

                if (type.NeedsByteSwap)
                {
                    ElementConverter.SwapInPlace(bytes, 8);
                }
            }

            return bytesRead;
        }

        byte[] block = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            int perBlock = BlockBytes / type.Size;
            for (int start = 0; start < destination.Length; start += perBlock)
            {
                int count = Math.Min(perBlock, destination.Length - start);
                var raw = block.AsSpan(0, count * type.Size);
                int n = stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false);
                bytesRead += n;
                if (n < raw.Length)
                {
                    return bytesRead;
                }

                ElementConverter.ToDouble(raw, type, destination.Slice(start, count));
            }

            return bytesRead;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
