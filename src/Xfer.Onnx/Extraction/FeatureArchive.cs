using System;
using System.Collections.Generic;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.IO;

namespace Xfer.Onnx.Extraction;

/// <summary>
/// Writes extracted features as an <c>.npz</c>: one float32 N×D array per layer (named after the layer; the per-image
/// output flattened in C order), <c>probs</c> (float32 N×classes) when the model has a classifier head, and
/// <c>labels</c> (int64, N) when the images' labels are known. Written atomically.
/// </summary>
public static class FeatureArchive
{
    /// <summary>The labels member's name.</summary>
    public const string LabelsName = "labels";

    /// <summary>Writes <paramref name="features"/> to <paramref name="path"/> and describes what was written.</summary>
    public static IReadOnlyList<ArraySummary> Write(string path, ExtractedFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var blocks = features.Layers.ToList();
        if (features.Probabilities is not null)
        {
            blocks.Add(features.Probabilities);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in blocks)
        {
            if (!names.Add(b.Name) || (features.Labels is not null && b.Name == LabelsName))
            {
                throw new XferException($"two arrays would be named '{b.Name}' in the archive; extract that layer separately.");
            }
        }

        var arrays = new List<KeyValuePair<string, NdArray>>();
        var summary = new List<ArraySummary>();
        foreach (var b in blocks)
        {
            var values = new double[b.Values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = b.Values[i];
            }

            arrays.Add(new(b.Name, new NdArray(b.Name, [b.Rows, b.Columns], "<f4", values)));
            summary.Add(new ArraySummary(b.Name, b.Rows, b.Columns, b.SampleShape, "<f4"));
        }

        if (features.Labels is not null)
        {
            var labels = new double[features.Labels.Count];
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = features.Labels[i];
            }

            arrays.Add(new(LabelsName, new NdArray(LabelsName, [labels.Length], "<i8", labels)));
            summary.Add(new ArraySummary(LabelsName, labels.Length, 1, [], "<i8"));
        }

        NpyWriter.WriteNpz(path, arrays);
        return summary;
    }
}
