using System.Collections.Generic;
using Xfer.Core;

namespace Xfer.Onnx.Extraction;

/// <summary>The result of an extraction: one block per requested layer, the head's probabilities and the labels when known.</summary>
/// <param name="Layers">One block per requested layer, in request order.</param>
/// <param name="Probabilities">The classifier head's probabilities (N × classes), or null.</param>
/// <param name="Labels">The images' labels, when the source knows them.</param>
/// <param name="Seconds">Wall time of the inference loop (preparation included).</param>
/// <param name="Threads">ONNX Runtime intra-op threads used.</param>
/// <param name="BatchSize">Images per call.</param>
public sealed record ExtractedFeatures(
    IReadOnlyList<FeatureBlock> Layers,
    FeatureBlock? Probabilities,
    ClassLabels? Labels,
    double Seconds,
    int Threads,
    int BatchSize)
{
    /// <summary>Number of images.</summary>
    public int Count => Layers.Count > 0 ? Layers[0].Rows : 0;

    /// <summary>Throughput of the inference loop.</summary>
    public double ImagesPerSecond => Seconds > 0 ? Count / Seconds : 0;
}
