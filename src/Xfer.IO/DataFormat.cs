namespace Xfer.IO;

/// <summary>The file formats <see cref="DataFiles"/> reads, as detected from the content.</summary>
public enum DataFormat
{
    /// <summary>NumPy <c>.npy</c> (optionally gzip-compressed).</summary>
    Npy,

    /// <summary>NumPy <c>.npz</c>: a zip archive of <c>.npy</c> members.</summary>
    Npz,

    /// <summary>Delimited text (CSV, TSV, whitespace-separated), optionally gzip-compressed.</summary>
    Csv,

    /// <summary>IDX (MNIST-style), optionally gzip-compressed.</summary>
    Idx,
}
