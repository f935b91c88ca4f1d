using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.IO.Elements;

namespace Xfer.IO.Idx;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed (detected from the content).
/// </summary>
/// <remarks>
/// Format [LeCun1998IDX]: a 4-byte magic <c>00 00 TT NN</c> with type code TT
/// (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64) and rank NN, then NN big-endian
/// int32 dimensions, then the elements, big-endian, in C order.
/// </remarks>
public static class IdxReader
{
    /// <summary>Reads the IDX file at <paramref name="path"/> (gzip or plain).</summary>
    public static NdArray Read(string path)
    {
        using var stream = InputFiles.OpenRead(path, bufferSize: 1 << 16);
        return InputFiles.Guard(path, () =>
        {
            if (Compression.IsGzip(stream))
            {
                using var gz = Compression.OpenGzip(stream);
                return Read(gz, null, path, "idx (gzip)");
            }

            return Read(stream, stream.Length, path, "idx");
        });
    }

    /// <summary>Reads an IDX array from <paramref name="stream"/>, positioned at the magic number.</summary>
    /// <param name="stream">The stream (need not be seekable).</param>
    /// <param name="length">Total bytes of the IDX content, when known.</param>
    /// <param name="source">The file, for messages.</param>
    /// <param name="format">Format label for <see cref="NdArray.Format"/>.</param>
    public static NdArray Read(Stream stream, long? length, string source, string format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> magic = stackalloc byte[4];
        int got = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (got < 4 || magic[0] != 0 || magic[1] != 0)
        {
            throw new InputFileException(source, IOMessages.NotIdx(magic[..got]));
        }

        if (!TryElementType(magic[2], out var type))
        {
            throw new InputFileException(source, IOMessages.UnknownIdxType(magic[2]));
        }

        int rank = magic[3];
        if (rank == 0)
        {
            throw new InputFileException(source, IOMessages.IdxRankZero);
        }

        var dimBytes = new byte[4 * rank];
        if (stream.ReadAtLeast(dimBytes, dimBytes.Length, throwOnEndOfStream: false) < dimBytes.Length)
        {
            throw new InputFileException(source, IOMessages.TruncatedIdxHeader(rank));
        }

        var shape = new int[rank];
        long count = 1;
        for (int a = 0; a < rank; a++)
        {
            shape[a] = BinaryPrimitives.ReadInt32BigEndian(dimBytes.AsSpan(4 * a, 4));
            if (shape[a] < 0)
            {
                throw new InputFileException(source, IOMessages.NegativeIdxDimension(a, (uint)shape[a]));
            }

            count *= shape[a];
            if (count > Array.MaxLength)
            {
                throw new InputFileException(source, IOMessages.ArrayTooLarge(shape.Select(d => (System.Numerics.BigInteger)d).ToArray(), count));
            }
        }

        long dataOffset = 4 + dimBytes.Length;
        long expected = count * type.Size;
        if (length is long total && total - dataOffset != expected)
        {
            throw new InputFileException(source, IOMessages.IdxDataLengthMismatch(shape, type, dataOffset, total - dataOffset));
        }

        var values = GC.AllocateUninitializedArray<double>((int)count); // fully overwritten, or reading fails
        long read = Npy.NpyReader.ReadElements(stream, type, values);
        if (read < expected)
        {
            throw new InputFileException(source, IOMessages.IdxDataLengthMismatch(shape, type, dataOffset, read));
        }

        if (length is null && stream.ReadByte() >= 0)
        {
            throw new InputFileException(source, IOMessages.IdxDataLengthMismatch(shape, type, dataOffset, null));
        }

        return new NdArray(source, shape, type.TypeString, values) { Format = format };
    }

    /// <summary>Maps an IDX type code to the element type (multi-byte types are big-endian).</summary>
    private static bool TryElementType(byte code, out ElementType type)
    {
        type = code switch
        {
            0x08 => new ElementType(ElementKind.UnsignedInteger, 1, false),
            0x09 => new ElementType(ElementKind.SignedInteger, 1, false),
            0x0B => new ElementType(ElementKind.SignedInteger, 2, true),
            0x0C => new ElementType(ElementKind.SignedInteger, 4, true),
            0x0D => new ElementType(ElementKind.Float, 4, true),
            0x0E => new ElementType(ElementKind.Float, 8, true),
            _ => default,
        };
        return type.Size != 0;
    }
}
