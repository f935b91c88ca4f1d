using System;

namespace Xfer.IO.Datasets;

/// <summary>
/// A batch of images as stored by a dataset: N×H×W×C values on the dataset's own scale (e.g. 0..255 for
/// Fashion-MNIST, 0..16 for scikit-learn's digits), row-major NHWC.
/// </summary>
/// <remarks>STUB: the dataset helper implements loaders that produce these.</remarks>
public sealed class ImageSet
{
    /// <summary>Wraps pixel data (no copy).</summary>
    public ImageSet(int count, int height, int width, int channels, float[] pixels, double maxValue)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)count * height * width * channels)
        {
            throw new ArgumentException("pixel buffer length does not match N×H×W×C", nameof(pixels));
        }

        Count = count;
        Height = height;
        Width = width;
        Channels = channels;
        Pixels = pixels;
        MaxValue = maxValue;
    }

    /// <summary>N.</summary>
    public int Count { get; }

    /// <summary>H.</summary>
    public int Height { get; }

    /// <summary>W.</summary>
    public int Width { get; }

    /// <summary>C (1 for grey).</summary>
    public int Channels { get; }

    /// <summary>N×H×W×C values, NHWC.</summary>
    public float[] Pixels { get; }

    /// <summary>The value of a white pixel on the dataset's scale (255, 16, ...).</summary>
    public double MaxValue { get; }
}
