using System.Collections.Generic;

namespace Xfer.Onnx.Extraction;

/// <summary>One array of a features archive.</summary>
/// <param name="Name">Member name in the .npz (layer name, <c>probs</c> or <c>labels</c>).</param>
/// <param name="Rows">Rows (images).</param>
/// <param name="Columns">Columns (1 for labels).</param>
/// <param name="SampleShape">Per-image shape before flattening (empty for labels).</param>
/// <param name="DType">NumPy dtype written (<c>&lt;f4</c> or <c>&lt;i8</c>).</param>
public sealed record ArraySummary(string Name, int Rows, int Columns, int[] SampleShape, string DType);

/// <summary>What <c>xfer extract</c> produced, whether computed now or served from the cache.</summary>
/// <param name="Model">The model's description.</param>
/// <param name="Images">The images' description.</param>
/// <param name="Count">Number of images.</param>
/// <param name="Arrays">The archive's arrays.</param>
/// <param name="Seconds">Inference time when computed (the original run's time when cached).</param>
/// <param name="ImagesPerSecond">Throughput of that run.</param>
/// <param name="Threads">ONNX Runtime intra-op threads of that run.</param>
/// <param name="BatchSize">Batch size of that run.</param>
/// <param name="FromCache">True when the archive was copied from the feature cache.</param>
/// <param name="CacheKey">The cache key (hex SHA-256), or empty when caching was off.</param>
public sealed record ExtractionSummary(
    string Model,
    string Images,
    int Count,
    IReadOnlyList<ArraySummary> Arrays,
    double Seconds,
    double ImagesPerSecond,
    int Threads,
    int BatchSize,
    bool FromCache,
    string CacheKey);
