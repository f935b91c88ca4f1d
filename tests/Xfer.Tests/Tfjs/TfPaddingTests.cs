using System;
using Xfer.Onnx.Tfjs;
using Xunit;

namespace Xfer.Tests.Tfjs;

public class TfPaddingTests
{
    // Hand derivations with TensorFlow's rule: out = ⌈in/s⌉, total = max((out−1)·s + (k−1)·d + 1 − in, 0),
    // before = ⌊total/2⌋, after = total − before.
    [Theory]
    [InlineData(5, 3, 2, 1, 1, 1, 3)]      // odd input, stride 2: out 3, total (3−1)·2 + 3 − 5 = 2
    [InlineData(6, 3, 2, 1, 0, 1, 3)]      // even input, stride 2: out 3, total 4 + 3 − 6 = 1 → the odd cell goes after
    [InlineData(224, 3, 2, 1, 0, 1, 112)]  // MobileNet-sized: total 111·2 + 3 − 224 = 1
    [InlineData(7, 1, 2, 1, 0, 0, 4)]      // 1×1 kernel never pads: total 3·2 + 1 − 7 = 0
    [InlineData(5, 1, 3, 1, 0, 0, 2)]      // kernel smaller than stride: 1·3 + 1 − 5 = −1 → 0
    [InlineData(5, 4, 1, 1, 1, 2, 5)]      // even kernel, stride 1: total 3
    [InlineData(6, 4, 3, 1, 0, 1, 2)]      // even kernel, stride 3: out 2, total 3 + 4 − 6 = 1
    [InlineData(5, 3, 1, 2, 2, 2, 5)]      // dilation 2: effective kernel 5, total 4
    [InlineData(5, 2, 1, 2, 1, 1, 5)]      // kernel 2, dilation 2: effective 3, total 2
    [InlineData(17, 3, 2, 1, 1, 1, 9)]     // 17 → 9: total 8·2 + 3 − 17 = 2
    [InlineData(18, 3, 2, 1, 0, 1, 9)]     // 18 → 9: total 16 + 3 − 18 = 1
    [InlineData(1, 3, 2, 1, 1, 1, 1)]      // a single cell: total 3 − 1 = 2
    public void Same_padding_matches_tensorflow(int input, int kernel, int stride, int dilation, int before, int after, int output)
    {
        Assert.Equal(new AxisPadding(before, after, output), TfPadding.Compute(input, kernel, stride, dilation, "same"));
    }

    [Theory]
    [InlineData(225, 3, 2, 1, 112)] // MobileNetV2's Conv1 after ZeroPadding2D((0,1),(0,1)): ⌊(225 − 3)/2⌋ + 1
    [InlineData(299, 3, 2, 1, 149)] // InceptionV3's conv2d_1
    [InlineData(8, 8, 8, 1, 1)]     // InceptionV3's final 8×8 average pool
    [InlineData(5, 3, 1, 2, 1)]     // dilation 2: effective kernel 5
    [InlineData(6, 2, 2, 1, 3)]
    [InlineData(7, 2, 2, 1, 3)]     // the last row is dropped
    public void Valid_padding_never_pads(int input, int kernel, int stride, int dilation, int output)
    {
        Assert.Equal(new AxisPadding(0, 0, output), TfPadding.Compute(input, kernel, stride, dilation, "valid"));
    }

    [Fact]
    public void A_valid_window_larger_than_the_input_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => TfPadding.Compute(4, 3, 1, 2, "valid"));
        Assert.Contains("does not fit an input of 4", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TfPadding.Compute(4, 3, 1, 1, "causal"));
        Assert.Throws<ArgumentException>(() => TfPadding.Compute(4, 3, 0, 1, "same"));
    }
}
