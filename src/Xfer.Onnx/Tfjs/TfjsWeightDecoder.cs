using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Linq;

namespace Xfer.Onnx.Tfjs;

/// <summary>How a weight is quantised in a TF.js weights manifest (<c>quantization: {dtype, min, scale}</c>).</summary>
/// <param name="DType"><c>uint8</c>, <c>uint16</c> (affine: value = min + scale·q) or <c>float16</c> (IEEE half).</param>
/// <param name="Min">Offset of the affine quantisation; NaN for float16.</param>
/// <param name="Scale">Step of the affine quantisation; NaN for float16.</param>
public sealed record TfjsQuantization(string DType, double Min, double Scale);

/// <summary>One entry of a TF.js weights manifest.</summary>
/// <param name="Name">Weight name, e.g. <c>Conv1/kernel</c>.</param>
/// <param name="Shape">Shape (Keras layout: a Conv2D kernel is kh×kw×in×out).</param>
/// <param name="DType">The tensor's dtype (<c>float32</c> for every weight xfer uses).</param>
/// <param name="Quantization">Quantisation of the stored bytes, or null for raw float32.</param>
public sealed record TfjsWeightSpec(string Name, int[] Shape, string DType, TfjsQuantization? Quantization)
{
    /// <summary>Number of values.</summary>
    public long Size => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes the weight occupies in its shard group.</summary>
    public long ByteLength => Size * BytesPerValue;

    /// <summary>Bytes per stored value.</summary>
    public int BytesPerValue => (Quantization?.DType ?? DType) switch
    {
        "uint8" => 1,
        "uint16" or "float16" => 2,
        "float32" or "int32" => 4,
        var other => throw new NotSupportedException("weight '" + Name + "' has dtype '" + other + "'"),
    };
}

/// <summary>
/// Decodes TF.js weight bytes to float32 exactly as tfjs-core 4.22 does (<c>io_utils.decodeWeight</c>): affine
/// uint8/uint16 values are <c>Float32Array(q·scale + min)</c>, i.e. computed in float64 and rounded once to float32;
/// float16 values are IEEE half-precision; raw float32 values are copied. Bytes are little-endian.
/// </summary>
public static class TfjsWeightDecoder
{
    /// <summary>Decodes one weight from its bytes (exactly <see cref="TfjsWeightSpec.ByteLength"/> of them).</summary>
    /// <exception cref="NotSupportedException">A dtype or quantisation tfjs does not support for float weights.</exception>
    public static float[] Decode(TfjsWeightSpec spec, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.DType != "float32")
        {
            throw new NotSupportedException("weight '" + spec.Name + "' has dtype '" + spec.DType + "'; only float32 weights are supported");
        }

        long n = spec.Size;
        if (bytes.Length != spec.ByteLength)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "weight '{0}' needs {1} bytes but {2} were given", spec.Name, spec.ByteLength, bytes.Length), nameof(bytes));
        }

        var values = new float[n];
        var q = spec.Quantization;
        switch (q?.DType)
        {
            case null:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * i, 4));
                }

                break;
            case "uint8":
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = (float)((bytes[i] * q.Scale) + q.Min);
                }

                break;
            case "uint16":
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = (float)((BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(2 * i, 2)) * q.Scale) + q.Min);
                }

                break;
            case "float16":
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.Slice(2 * i, 2));
                }

                break;
            default:
                throw new NotSupportedException("weight '" + spec.Name + "' has quantization dtype '" + q.DType + "'; supported: uint8, uint16, float16");
        }

        return values;
    }
}
