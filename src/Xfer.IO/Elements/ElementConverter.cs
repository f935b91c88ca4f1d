using System;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Xfer.IO.Elements;

/// <summary>
/// Converts raw element bytes to float64 in bulk: byte order is fixed in place with the vectorised
/// <see cref="BinaryPrimitives"/> span overloads, then the elements are widened with
/// <see cref="TensorPrimitives"/> (SIMD where the pair of types allows it). No per-element reader calls.
/// </summary>
public static class ElementConverter
{
    /// <summary>
    /// Converts <paramref name="raw"/> (whole elements of <paramref name="type"/>) into <paramref name="destination"/>.
    /// <paramref name="raw"/> is used as scratch: big-endian data is byte-swapped in place.
    /// </summary>
    public static void ToDouble(Span<byte> raw, ElementType type, Span<double> destination)
    {
        if (raw.Length != destination.Length * type.Size)
        {
            throw new ArgumentException(
                $"{raw.Length} bytes do not hold {destination.Length} elements of {type.Size} bytes.", nameof(raw));
        }

        if (type.NeedsByteSwap)
        {
            SwapInPlace(raw, type.Size);
        }

        switch (type.Kind, type.Size)
        {
            case (ElementKind.Float, 8):
                MemoryMarshal.Cast<byte, double>(raw).CopyTo(destination);
                break;
            case (ElementKind.Float, 4):
                TensorPrimitives.ConvertTruncating<float, double>(MemoryMarshal.Cast<byte, float>(raw), destination);
                break;
            case (ElementKind.Float, 2):
                HalfToDouble(MemoryMarshal.Cast<byte, Half>(raw), destination);
                break;
            case (ElementKind.SignedInteger, 1):
                TensorPrimitives.ConvertTruncating<sbyte, double>(MemoryMarshal.Cast<byte, sbyte>(raw), destination);
                break;
            case (ElementKind.SignedInteger, 2):
                TensorPrimitives.ConvertTruncating<short, double>(MemoryMarshal.Cast<byte, short>(raw), destination);
                break;
            case (ElementKind.SignedInteger, 4):
                TensorPrimitives.ConvertTruncating<int, double>(MemoryMarshal.Cast<byte, int>(raw), destination);
                break;
            case (ElementKind.SignedInteger, 8):
                TensorPrimitives.ConvertTruncating<long, double>(MemoryMarshal.Cast<byte, long>(raw), destination);
                break;
            case (ElementKind.UnsignedInteger, 1):
                TensorPrimitives.ConvertTruncating<byte, double>(raw, destination);
                break;
            case (ElementKind.UnsignedInteger, 2):
                TensorPrimitives.ConvertTruncating<ushort, double>(MemoryMarshal.Cast<byte, ushort>(raw), destination);
                break;
            case (ElementKind.UnsignedInteger, 4):
                TensorPrimitives.ConvertTruncating<uint, double>(MemoryMarshal.Cast<byte, uint>(raw), destination);
                break;
            case (ElementKind.UnsignedInteger, 8):
                TensorPrimitives.ConvertTruncating<ulong, double>(MemoryMarshal.Cast<byte, ulong>(raw), destination);
                break;
            case (ElementKind.Boolean, 1):
                // NumPy reads any non-zero byte as True.
                for (int i = 0; i < raw.Length; i++)
                {
                    destination[i] = raw[i] != 0 ? 1.0 : 0.0;
                }

                break;
            default:
                throw new ArgumentException($"Unsupported element type {type}.", nameof(type));
        }
    }

    /// <summary>Reverses the bytes of every <paramref name="size"/>-byte element of <paramref name="raw"/> in place.</summary>
    public static void SwapInPlace(Span<byte> raw, int size)
    {
        switch (size)
        {
            case 2:
                var s16 = MemoryMarshal.Cast<byte, ushort>(raw);
                BinaryPrimitives.ReverseEndianness(s16, s16);
                break;
            case 4:
                var s32 = MemoryMarshal.Cast<byte, uint>(raw);
                BinaryPrimitives.ReverseEndianness(s32, s32);
                break;
            case 8:
                var s64 = MemoryMarshal.Cast<byte, ulong>(raw);
                BinaryPrimitives.ReverseEndianness(s64, s64);
                break;
            default:
                break;
        }
    }

    /// <summary>float16 → float64 through float32 (exact: every half is a float), in blocks on the stack.</summary>
    private static void HalfToDouble(ReadOnlySpan<Half> source, Span<double> destination)
    {
        Span<float> block = stackalloc float[512];
        for (int start = 0; start < source.Length; start += block.Length)
        {
            int n = Math.Min(block.Length, source.Length - start);
            var part = block[..n];
            TensorPrimitives.ConvertToSingle(source.Slice(start, n), part);
            TensorPrimitives.ConvertTruncating<float, double>(part, destination.Slice(start, n));
        }
    }
}
