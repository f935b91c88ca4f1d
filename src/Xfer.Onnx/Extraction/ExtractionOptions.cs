using System.Collections.Generic;

namespace Xfer.Onnx.Extraction;

/// <summary>What to extract and how.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Layers to extract, by name as <c>xfer layers</c> lists them; empty means the model's pooled layer.</summary>
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary>Images per ONNX Runtime call (the last batch may be smaller).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Also return the classifier head's probabilities (<c>probs</c>) when the model has a softmax head.</summary>
    public bool IncludeProbabilities { get; init; } = true;

    /// <summary>
    /// How each layer's per-image output is stored: whole (default) or globally average-pooled to one value per channel
    /// (<see cref="SpatialAveragePooling"/>). Vectors, such as the pooled layer and the probabilities, are never changed.
    /// </summary>
    public LayerPooling Pooling { get; init; } = LayerPooling.None;

    /// <summary>Session settings (threads, optimisation level).</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Default;
}
