using System;
using System.Globalization;
using Xfer.Core.Errors;

namespace Xfer.Onnx.Extraction;

/// <summary>
/// Global average pooling of a batch of per-image outputs, done on the values ONNX Runtime returns (the pooled layer
/// itself is not added to the graph, so a layer can be stored pooled or not from the same session).
/// </summary>
/// <remarks>
/// The channel axis follows the layout of the model's values: TF.js and named models expose Keras layers, which are
/// channels-last (H, W, C); ONNX files use ONNX's own convention for convolutions, channels-first (C, H, W). Sums are
/// accumulated in float64 and the mean is rounded to float32 once, so the result is the correctly rounded mean of the
/// float32 inputs up to the float64 summation error (far below float32 resolution for any real layer size).
/// </remarks>
public static class SpatialAveragePooling
{
    /// <summary>Parses a CLI value: <c>none</c> or <c>avg</c>.</summary>
    public static LayerPooling Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "none" => LayerPooling.None,
            "avg" or "average" or "mean" => LayerPooling.Average,
            _ => throw new XferException($"--pool {text}: use 'avg' (global average pooling of convolutional layers to one value per channel) or 'none' (store H·W·C values)."),
        };
    }

    /// <summary>Whether a per-image output of this shape is pooled (rank 2 or more: spatial axes plus channels).</summary>
    public static bool Applies(ReadOnlySpan<long> sampleShape) => sampleShape.Length >= 2;

    /// <summary>The number of channels of a per-image shape with the given layout.</summary>
    public static int Channels(ReadOnlySpan<long> sampleShape, bool channelsLast)
        => checked((int)(channelsLast ? sampleShape[^1] : sampleShape[0]));

    /// <summary>
    /// Averages each of <paramref name="count"/> images of <paramref name="values"/> (count × product of
    /// <paramref name="sampleShape"/>, C order) over every axis but the channel axis, writing count × C values.
    /// </summary>
    /// <param name="values">The batch as returned by the model, images first.</param>
    /// <param name="count">Images in the batch.</param>
    /// <param name="sampleShape">Per-image shape, at least rank 2: (H, W, C) or (C, H, W) for a 2-D feature map.</param>
    /// <param name="channelsLast">True for (…, C), false for (C, …).</param>
    /// <param name="destination">count × C outputs.</param>
    public static void Pool(ReadOnlySpan<float> values, int count, ReadOnlySpan<long> sampleShape, bool channelsLast, Span<float> destination)
    {
        if (!Applies(sampleShape))
        {
            throw new ArgumentException("Pooling needs a per-image output of rank 2 or more.", nameof(sampleShape));
        }

        long perImage = 1;
        foreach (long d in sampleShape)
        {
            perImage *= d;
        }

        int channels = Channels(sampleShape, channelsLast);
        long positions = perImage / channels;
        if (values.Length != count * perImage || destination.Length != count * channels || positions < 1)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Pooling {0} images of shape ({1}) needs {2} inputs and {3} outputs; got {4} and {5}.",
                count, string.Join(", ", sampleShape.ToArray()), count * perImage, count * channels, values.Length, destination.Length));
        }

        var sums = new double[channels];
        for (int image = 0; image < count; image++)
        {
            var x = values.Slice(checked((int)(image * perImage)), checked((int)perImage));
            Array.Clear(sums);
            if (channelsLast)
            {
                // (positions, C): add each position's channel vector.
                for (long p = 0; p < positions; p++)
                {
                    var row = x.Slice(checked((int)(p * channels)), channels);
                    for (int c = 0; c < channels; c++)
                    {
                        sums[c] += row[c];
                    }
                }
            }
            else
            {
                // (C, positions): each channel is one contiguous run.
                for (int c = 0; c < channels; c++)
                {
                    var run = x.Slice(checked((int)(c * positions)), checked((int)positions));
                    double s = 0;
                    foreach (float v in run)
                    {
                        s += v;
                    }

                    sums[c] = s;
                }
            }

            var output = destination.Slice(image * channels, channels);
            for (int c = 0; c < channels; c++)
            {
                output[c] = (float)(sums[c] / positions);
            }
        }
    }
}
