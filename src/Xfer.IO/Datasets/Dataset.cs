using Xfer.Core;

namespace Xfer.IO.Datasets;

/// <summary>A labelled dataset split: images (image datasets) and/or a feature matrix (tabular datasets, or flattened pixels).</summary>
/// <param name="Name">Dataset name, e.g. "fashion-mnist".</param>
/// <param name="Split">"train", "test", or "all".</param>
/// <param name="Images">Images, for image datasets; null for tabular ones.</param>
/// <param name="Features">Tabular features (or flattened pixels for image datasets), N×D.</param>
/// <param name="Labels">Class labels with the dataset's class names.</param>
/// <param name="Description">Provenance: source files, subset and subsampling applied (with seed).</param>
public sealed record Dataset(string Name, string Split, ImageSet? Images, Matrix Features, ClassLabels Labels, string Description);
