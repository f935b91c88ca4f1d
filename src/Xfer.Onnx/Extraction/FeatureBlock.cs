using System;

namespace Xfer.Onnx.Extraction;

/// <summary>
/// One extracted array: N rows (images) × <see cref="Columns"/> float32 values, row-major. A layer's output of shape
/// (h, w, c) per image is flattened in C order to h·w·c columns; <see cref="SampleShape"/> keeps the original shape.
/// </summary>
/// <param name="Name">The layer name (or <c>probs</c> for the head's probabilities).</param>
/// <param name="Rows">Number of images.</param>
/// <param name="Columns">Values per image.</param>
/// <param name="SampleShape">The per-image shape before flattening.</param>
/// <param name="Values">Rows × Columns values.</param>
public sealed record FeatureBlock(string Name, int Rows, int Columns, int[] SampleShape, float[] Values)
{
    /// <summary>Row <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i) => Values.AsSpan(i * Columns, Columns);
}
