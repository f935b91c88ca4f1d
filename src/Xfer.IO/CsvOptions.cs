namespace Xfer.IO;

/// <summary>How to read a CSV file.</summary>
/// <param name="LabelColumn">The label column, by header name or 0-based index; null means "none" for features, "the last column" for labels.</param>
/// <param name="HasHeader">Whether the first line is a header; null detects it (a first line with a non-numeric cell in a numeric column).</param>
public sealed record CsvOptions(string? LabelColumn = null, bool? HasHeader = null);
