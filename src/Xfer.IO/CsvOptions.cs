namespace Xfer.IO;

/// <summary>How to read a CSV file.</summary>
/// <param name="LabelColumn">The label column, by header name or 0-based index (negative counts from the end, -1 = last),
/// or <c>none</c> for a file without labels. Null detects it: the target of a scikit-learn file, a header named
/// label/labels/target/targets/y/class, or a last column holding text or only integers; when reading labels and nothing
/// is detected, the last column. The label column is never part of the feature matrix.</param>
/// <param name="HasHeader">Whether the first line is a header; null detects it (a first line with a non-numeric cell in a numeric column).</param>
public sealed record CsvOptions(string? LabelColumn = null, bool? HasHeader = null)
{
    /// <summary>The <see cref="LabelColumn"/> value meaning "this file has no label column".</summary>
    public const string NoLabelColumn = "none";
}
