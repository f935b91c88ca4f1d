namespace Xfer.Onnx.Tfjs;

/// <summary>
/// Version of the TF.js → ONNX conversion. Converted models are cached under <c>$XFER_CACHE/models/converted/</c>
/// keyed by the source files' hash and this number: bump it whenever <see cref="TfjsLayersImporter"/> produces a
/// different graph or different weights for the same input, so no stale conversion is reused.
/// </summary>
public static class TfjsConverterVersion
{
    /// <summary>The current version.</summary>
    public const int Current = 1;
}
