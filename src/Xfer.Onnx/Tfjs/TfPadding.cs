using System;
using System.Globalization;

namespace Xfer.Onnx.Tfjs;

/// <summary>Padding of one spatial axis: zeros (or ignored cells, for pooling) before and after, and the output size.</summary>
/// <param name="Before">Cells padded before the first input cell (top or left).</param>
/// <param name="After">Cells padded after the last input cell (bottom or right).</param>
/// <param name="Output">Output size along the axis.</param>
public readonly record struct AxisPadding(int Before, int After, int Output);

/// <summary>
/// TensorFlow's convolution and pooling padding, per spatial axis, as explicit pads (ONNX's <c>auto_pad</c> is never
/// used). Formulas from TensorFlow's <c>GetWindowedOutputSize</c> (tensorflow/core/framework/kernel_shape_util.cc),
/// which tfjs-core's <c>conv_util.computePaddingInfo</c> reproduces:
/// <list type="bullet">
/// <item><c>same</c>: out = ⌈in/s⌉, pad_total = max((out−1)·s + (k−1)·d + 1 − in, 0), before = ⌊pad_total/2⌋,
/// after = pad_total − before (the odd cell goes after, i.e. bottom/right).</item>
/// <item><c>valid</c>: out = ⌊(in − (k−1)·d − 1)/s⌋ + 1, no padding.</item>
/// </list>
/// </summary>
public static class TfPadding
{
    /// <summary>Padding for <paramref name="padding"/> = <c>same</c> or <c>valid</c>.</summary>
    /// <param name="input">Input size along the axis.</param>
    /// <param name="kernel">Kernel (window) size.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="dilation">Dilation (1 for pooling).</param>
    /// <param name="padding"><c>same</c> or <c>valid</c>.</param>
    /// <exception cref="ArgumentException">Unknown padding, non-positive sizes, or a valid window larger than the input.</exception>
    public static AxisPadding Compute(int input, int kernel, int stride, int dilation, string padding)
    {
        if (input < 1 || kernel < 1 || stride < 1 || dilation < 1)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "sizes must be positive (input {0}, kernel {1}, stride {2}, dilation {3})", input, kernel, stride, dilation));
        }

        int effectiveKernel = ((kernel - 1) * dilation) + 1;
        switch (padding)
        {
            case "same":
                {
                    int output = (input + stride - 1) / stride;
                    int total = Math.Max(((output - 1) * stride) + effectiveKernel - input, 0);
                    int before = total / 2;
                    return new AxisPadding(before, total - before, output);
                }

            case "valid":
                {
                    if (effectiveKernel > input)
                    {
                        throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                            "a valid window of {0} (kernel {1}, dilation {2}) does not fit an input of {3}", effectiveKernel, kernel, dilation, input));
                    }

                    return new AxisPadding(0, 0, ((input - effectiveKernel) / stride) + 1);
                }

            default:
                throw new ArgumentException("padding '" + padding + "' is not 'same' or 'valid'", nameof(padding));
        }
    }
}
