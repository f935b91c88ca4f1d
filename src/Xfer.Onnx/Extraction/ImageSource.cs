using System;
using System.Security.Cryptography;
using Xfer.Core;

namespace Xfer.Onnx.Extraction;

/// <summary>Where the images of an extraction come from: a count, a per-sample shape, and batches of model-ready values.</summary>
public abstract class ImageSource
{
    /// <summary>Number of images.</summary>
    public abstract int Count { get; }

    /// <summary>The shape of one prepared image as the model receives it (H, W, C for NHWC models).</summary>
    public abstract int[] SampleShape { get; }

    /// <summary>The images' labels, when known.</summary>
    public abstract ClassLabels? Labels { get; }

    /// <summary>A short name for messages, e.g. "--images x.npy" or "--dataset fashion-mnist:train".</summary>
    public abstract string Name { get; }

    /// <summary>One line for the user: what the images are and how they were prepared.</summary>
    public abstract string Description { get; }

    /// <summary>Writes images [start, start + count) into <paramref name="destination"/> (count × product of <see cref="SampleShape"/>), row-major.</summary>
    public abstract void Fill(int start, int count, Span<float> destination);

    /// <summary>Feeds everything that determines the prepared values (and the labels) to <paramref name="hash"/>, for the feature cache.</summary>
    public abstract void WriteIdentity(IncrementalHash hash);

    /// <summary>Values per image.</summary>
    public long SampleLength
    {
        get
        {
            long n = 1;
            foreach (int d in SampleShape)
            {
                n *= d;
            }

            return n;
        }
    }
}
