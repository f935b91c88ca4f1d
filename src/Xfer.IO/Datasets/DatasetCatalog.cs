using System;
using System.Collections.Generic;

namespace Xfer.IO.Datasets;

/// <summary>A request for a dataset: <c>NAME[:split]</c>, optional class subset, optional seeded subsample.</summary>
/// <param name="Name">fashion-mnist, digits, iris, wine, breast-cancer.</param>
/// <param name="Split">train, test or all (datasets without an official split are split with <paramref name="Seed"/>).</param>
/// <param name="Classes">Keep only these class ids (original label values), relabelled in the given order; null keeps all.</param>
/// <param name="Limit">Keep at most this many samples (seeded, class-stratified); null keeps all.</param>
/// <param name="Seed">Seed for splits and subsampling.</param>
public sealed record DatasetRequest(string Name, string Split = "train", IReadOnlyList<int>? Classes = null, int? Limit = null, int Seed = 0);

/// <summary>The datasets xfer can load (see docs/datasets.md).</summary>
/// <remarks>STUB: the dataset helper implements this.</remarks>
public static class DatasetCatalog
{
    /// <summary>Parses <c>NAME[:split]</c>.</summary>
    public static DatasetRequest Parse(string spec) => throw new NotImplementedException("DatasetCatalog.Parse");

    /// <summary>Loads a dataset; missing files give an XferException saying how to get them (scripts/setup.sh data).</summary>
    public static Dataset Load(DatasetRequest request) => throw new NotImplementedException("DatasetCatalog.Load");

    /// <summary>Names of the datasets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fashion-mnist", "digits", "iris", "wine", "breast-cancer"];
}
