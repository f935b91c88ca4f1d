using System;
using System.Globalization;

namespace Xfer.Onnx.Models;

/// <summary>
/// Image resizing that reproduces TensorFlow.js's cpu kernels bit for bit (tfjs-backend-cpu 4.22
/// <c>kernels/ResizeBilinear.js</c> and <c>kernels/ResizeNearestNeighbor.js</c>, which implement TensorFlow's
/// <c>resize_bilinear</c>/<c>resize_nearest_neighbor</c> with the <c>align_corners</c> and <c>half_pixel_centers</c>
/// switches). Source coordinates and interpolation are computed in float64 from float32 inputs and rounded once to
/// float32, as the JavaScript kernels do.
/// </summary>
public static class ImageResize
{
    /// <summary>Resizes one H×W×C image (row-major HWC) to outH×outW×C.</summary>
    /// <param name="source">inHeight·inWidth·channels values.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="destination">outHeight·outWidth·channels values.</param>
    /// <param name="outHeight">Output height.</param>
    /// <param name="outWidth">Output width.</param>
    /// <param name="interpolation">The resize to reproduce.</param>
    public static void Resize(ReadOnlySpan<float> source, int inHeight, int inWidth, int channels,
        Span<float> destination, int outHeight, int outWidth, Interpolation interpolation)
    {
        var (bilinear, alignCorners, halfPixelCenters) = interpolation switch
        {
            Interpolation.Bilinear => (true, false, true),
            Interpolation.BilinearAlignCorners => (true, true, false),
            Interpolation.Nearest => (false, false, true),
            _ => throw new ArgumentOutOfRangeException(nameof(interpolation)),
        };
        Resize(source, inHeight, inWidth, channels, destination, outHeight, outWidth, bilinear, alignCorners, halfPixelCenters);
    }

    /// <summary>Resizes with explicit TensorFlow switches (for tests and for models that use other combinations).</summary>
    /// <param name="source">inHeight·inWidth·channels values.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="destination">outHeight·outWidth·channels values.</param>
    /// <param name="outHeight">Output height.</param>
    /// <param name="outWidth">Output width.</param>
    /// <param name="bilinear">Bilinear (true) or nearest neighbour (false).</param>
    /// <param name="alignCorners">TF's align_corners.</param>
    /// <param name="halfPixelCenters">TF's half_pixel_centers.</param>
    public static void Resize(ReadOnlySpan<float> source, int inHeight, int inWidth, int channels,
        Span<float> destination, int outHeight, int outWidth, bool bilinear, bool alignCorners, bool halfPixelCenters)
    {
        if (inHeight < 1 || inWidth < 1 || channels < 1 || outHeight < 1 || outWidth < 1)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "image sizes must be positive (in {0}×{1}×{2}, out {3}×{4})", inHeight, inWidth, channels, outHeight, outWidth));
        }

        if (source.Length != inHeight * inWidth * channels || destination.Length != outHeight * outWidth * channels)
        {
            throw new ArgumentException("buffer lengths do not match the image sizes");
        }

        if (bilinear)
        {
            ResizeBilinear(source, inHeight, inWidth, channels, destination, outHeight, outWidth, alignCorners, halfPixelCenters);
        }
        else
        {
            ResizeNearest(source, inHeight, inWidth, channels, destination, outHeight, outWidth, alignCorners, halfPixelCenters);
        }
    }

    private static double Ratio(int input, int output, bool alignCorners) =>
        alignCorners && output > 1 ? (input - 1) / (double)(output - 1) : input / (double)output;

    private static void ResizeBilinear(ReadOnlySpan<float> x, int inH, int inW, int ch, Span<float> y, int outH, int outW,
        bool alignCorners, bool halfPixelCenters)
    {
        double rowRatio = Ratio(inH, outH, alignCorners);
        double colRatio = Ratio(inW, outW, alignCorners);

        // Column tables once per image (the same for every row).
        var colFloor = new int[outW];
        var colCeil = new int[outW];
        var colFrac = new double[outW];
        for (int c = 0; c < outW; c++)
        {
            double f = halfPixelCenters ? (colRatio * (c + 0.5)) - 0.5 : colRatio * c;
            colFloor[c] = Math.Max(0, (int)Math.Floor(f));
            colFrac[c] = f - colFloor[c];
            colCeil[c] = Math.Min(inW - 1, (int)Math.Ceiling(f));
        }

        int o = 0;
        for (int r = 0; r < outH; r++)
        {
            double fr = halfPixelCenters ? (rowRatio * (r + 0.5)) - 0.5 : rowRatio * r;
            int rowFloor = Math.Max(0, (int)Math.Floor(fr));
            double rowFrac = fr - rowFloor;
            int rowCeil = Math.Min(inH - 1, (int)Math.Ceiling(fr));
            int top = rowFloor * inW * ch;
            int bottom = rowCeil * inW * ch;
            for (int c = 0; c < outW; c++)
            {
                int left = colFloor[c] * ch;
                int right = colCeil[c] * ch;
                double cf = colFrac[c];
                for (int d = 0; d < ch; d++)
                {
                    double topLeft = x[top + left + d];
                    double topRight = x[top + right + d];
                    double bottomLeft = x[bottom + left + d];
                    double bottomRight = x[bottom + right + d];
                    double t = topLeft + ((topRight - topLeft) * cf);
                    double b = bottomLeft + ((bottomRight - bottomLeft) * cf);
                    y[o++] = (float)(t + ((b - t) * rowFrac));
                }
            }
        }
    }

    private static void ResizeNearest(ReadOnlySpan<float> x, int inH, int inW, int ch, Span<float> y, int outH, int outW,
        bool alignCorners, bool halfPixelCenters)
    {
        double rowRatio = Ratio(inH, outH, alignCorners);
        double colRatio = Ratio(inW, outW, alignCorners);
        var cols = new int[outW];
        for (int c = 0; c < outW; c++)
        {
            cols[c] = Nearest(halfPixelCenters ? colRatio * (c + 0.5) : colRatio * c, inW, alignCorners, halfPixelCenters);
        }

        int o = 0;
        for (int r = 0; r < outH; r++)
        {
            int row = Nearest(halfPixelCenters ? rowRatio * (r + 0.5) : rowRatio * r, inH, alignCorners, halfPixelCenters);
            for (int c = 0; c < outW; c++)
            {
                x.Slice(((row * inW) + cols[c]) * ch, ch).CopyTo(y.Slice(o, ch));
                o += ch;
            }
        }
    }

    private static int Nearest(double f, int size, bool alignCorners, bool halfPixelCenters)
    {
        int i = Math.Min(size - 1, (int)(alignCorners ? JsRound(f) : Math.Floor(f)));
        return halfPixelCenters ? Math.Max(0, i) : i;
    }

    /// <summary>JavaScript's Math.round: the nearest integer, halves towards +∞ (not .NET's banker's rounding, and
    /// not ⌊f + ½⌋, which rounds 0.49999999999999994 up).</summary>
    private static double JsRound(double f)
    {
        double r = Math.Floor(f);
        return f - r >= 0.5 ? r + 1 : r;
    }
}
