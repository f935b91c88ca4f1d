using System;
using System.Globalization;
using Xfer.Core.Errors;
using Xfer.IO.Datasets;

namespace Xfer.Onnx.Models;

/// <summary>
/// Turns dataset images into a model's NHWC float32 input, in the order nsfwjs's <c>NSFWJS.infer</c> uses:
/// <list type="number">
/// <item>divide by the dataset's white value in float32 (<c>x.toFloat().div(255)</c>; 16 for scikit-learn's digits);</item>
/// <item>resize to the model's size with <see cref="ModelInputSpec.Resize"/> (<see cref="ImageResize"/>, bit-exact
/// with tfjs), skipped when the size already matches (as nsfwjs does);</item>
/// <item>replicate grey to the model's channels (a grey image shown in a browser has R = G = B);</item>
/// <item>map [0, 1] to the model's range: value·Scale + Offset (skipped when Scale = 1 and Offset = 0).</item>
/// </list>
/// </summary>
public static class ImagePreprocessor
{
    /// <summary>Prepares images [start, start+count) of <paramref name="images"/> into <paramref name="destination"/> (count×H×W×C of the spec).</summary>
    /// <exception cref="XferException">The images' channels cannot be mapped to the model's (only 1→3 replication and equal counts are supported).</exception>
    public static void Prepare(ImageSet images, int start, int count, ModelInputSpec spec, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(spec);
        if (start < 0 || count < 0 || start + count > images.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), string.Format(CultureInfo.InvariantCulture,
                "images [{0}, {1}) are outside the set of {2}", start, start + count, images.Count));
        }

        int inC = images.Channels;
        int outC = spec.Channels;
        if (inC != outC && !(inC == 1 && outC > 1))
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "the images have {0} channels but the model takes {1}; only grey (1 channel) images can be expanded, by replication.", inC, outC));
        }

        int inSize = images.Height * images.Width * inC;
        int outPixels = spec.Height * spec.Width;
        if (destination.Length != (long)count * outPixels * outC)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "destination holds {0} values but {1} images of {2}×{3}×{4} need {5}", destination.Length, count, spec.Height, spec.Width, outC,
                (long)count * outPixels * outC), nameof(destination));
        }

        bool resize = images.Height != spec.Height || images.Width != spec.Width;
        float white = (float)images.MaxValue;
        bool affine = spec.Scale != 1.0 || spec.Offset != 0.0;
        var normalised = new float[inSize];
        var resized = resize ? new float[outPixels * inC] : normalised;
        for (int n = 0; n < count; n++)
        {
            var pixels = images.Pixels.AsSpan((start + n) * inSize, inSize);
            for (int i = 0; i < inSize; i++)
            {
                normalised[i] = pixels[i] / white; // float32 division, as tfjs's div on float32 tensors
            }

            if (resize)
            {
                ImageResize.Resize(normalised, images.Height, images.Width, inC, resized, spec.Height, spec.Width, spec.Resize);
            }

            var target = destination.Slice(n * outPixels * outC, outPixels * outC);
            if (inC == outC)
            {
                resized.AsSpan(0, outPixels * outC).CopyTo(target);
            }
            else
            {
                for (int p = 0; p < outPixels; p++)
                {
                    target.Slice(p * outC, outC).Fill(resized[p]);
                }
            }

            if (affine)
            {
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = (float)((target[i] * spec.Scale) + spec.Offset);
                }
            }
        }
    }
}
