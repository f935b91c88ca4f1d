using System;
using Xfer.IO.Datasets;

namespace Xfer.Onnx.Models;

/// <summary>Turns dataset images into a model's NHWC float32 input (resize, grey→RGB, scaling).</summary>
/// <remarks>STUB: the dataset/TF.js helper implements this.</remarks>
public static class ImagePreprocessor
{
    /// <summary>Prepares images [start, start+count) of <paramref name="images"/> into <paramref name="destination"/> (count×H×W×C of the spec).</summary>
    public static void Prepare(ImageSet images, int start, int count, ModelInputSpec spec, Span<float> destination)
        => throw new NotImplementedException("ImagePreprocessor.Prepare");
}
