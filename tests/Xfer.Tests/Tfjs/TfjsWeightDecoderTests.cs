using System;
using Xfer.Onnx.Tfjs;
using Xunit;

namespace Xfer.Tests.Tfjs;

public class TfjsWeightDecoderTests
{
    private static TfjsWeightSpec Spec(int n, TfjsQuantization? q) => new("w", [n], "float32", q);

    [Fact]
    public void Uint8_values_are_min_plus_scale_times_q()
    {
        // min −0.5, scale 0.25 (both exact in binary): q = 0, 3, 255 → −0.5, 0.25, 63.25.
        var values = TfjsWeightDecoder.Decode(Spec(3, new("uint8", -0.5, 0.25)), [0, 3, 255]);
        Assert.Equal([-0.5f, 0.25f, 63.25f], values);
    }

    [Fact]
    public void Uint8_dequantisation_rounds_once_from_float64_as_tfjs_does()
    {
        // tfjs: Float32Array[i] = q·scale + min in JavaScript doubles, then one rounding to float32. For
        // q = 8, scale = 0.047528138446664175, min = 0.0709297482015403, Node 20 gives 0.4511548578739166 (bits
        // 1055325637); float32 arithmetic (q·(float)scale + (float)min) would give the next float (bits 1055325638).
        // Second case: q = 209, scale 0.02695335132964198, min 1.521078652048839 → bits 1088745540 in Node.
        var a = TfjsWeightDecoder.Decode(Spec(1, new("uint8", 0.0709297482015403, 0.047528138446664175)), [8]);
        var b = TfjsWeightDecoder.Decode(Spec(1, new("uint8", 1.521078652048839, 0.02695335132964198)), [209]);
        Assert.Equal(1055325637u, BitConverter.SingleToUInt32Bits(a[0]));
        Assert.Equal(1088745540u, BitConverter.SingleToUInt32Bits(b[0]));
    }

    [Fact]
    public void Uint16_values_are_little_endian()
    {
        // q = 0x0102 = 258 and 0xFFFF = 65535 with min 1, scale 0.5 → 130, 32768.5.
        var values = TfjsWeightDecoder.Decode(Spec(2, new("uint16", 1.0, 0.5)), [0x02, 0x01, 0xFF, 0xFF]);
        Assert.Equal([130f, 32768.5f], values);
    }

    [Fact]
    public void Float16_values_are_ieee_halves()
    {
        // 0x3C00 = 1, 0xC000 = −2, 0x3555 = 0.333251953125, 0x7BFF = 65504 (largest half), 0x0001 = 2^−24 (subnormal).
        byte[] bytes = [0x00, 0x3C, 0x00, 0xC0, 0x55, 0x35, 0xFF, 0x7B, 0x01, 0x00];
        var values = TfjsWeightDecoder.Decode(Spec(5, new("float16", double.NaN, double.NaN)), bytes);
        Assert.Equal([1f, -2f, 0.333251953125f, 65504f, 5.9604644775390625E-08f], values);
    }

    [Fact]
    public void Float32_values_are_copied()
    {
        // 1.0f = 00 00 80 3F, −0.15625f = 00 00 20 BE (little-endian).
        var values = TfjsWeightDecoder.Decode(Spec(2, null), [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xBE]);
        Assert.Equal([1f, -0.15625f], values);
    }

    [Fact]
    public void Byte_counts_follow_the_stored_type()
    {
        Assert.Equal(12, new TfjsWeightSpec("k", [2, 3, 2], "float32", new("uint8", 0, 1)).ByteLength);
        Assert.Equal(24, new TfjsWeightSpec("k", [2, 3, 2], "float32", new("float16", double.NaN, double.NaN)).ByteLength);
        Assert.Equal(48, new TfjsWeightSpec("k", [2, 3, 2], "float32", null).ByteLength);
        Assert.Throws<ArgumentException>(() => TfjsWeightDecoder.Decode(Spec(3, null), new byte[11]));
        Assert.Throws<NotSupportedException>(() => TfjsWeightDecoder.Decode(new TfjsWeightSpec("i", [1], "int32", null), new byte[4]));
    }
}
