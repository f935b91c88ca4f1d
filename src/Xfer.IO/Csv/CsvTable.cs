using System.Collections.Generic;

namespace Xfer.IO.Csv;

/// <summary>A CSV file as read: its layout (delimiter, header, metadata line), which column holds the labels, the
/// numeric feature matrix and the raw label cells.</summary>
public sealed class CsvTable
{
    internal CsvTable(
        string path,
        char delimiter,
        bool hasHeader,
        SklearnCsvHeader? sklearn,
        IReadOnlyList<string> columnNames,
        int? labelColumn,
        string labelReason,
        int? indexColumn,
        IReadOnlyList<int> featureColumns,
        NdArray? features,
        IReadOnlyList<string>? labelCells,
        IReadOnlyList<int> rowLines)
    {
        Path = path;
        Delimiter = delimiter;
        HasHeader = hasHeader;
        Sklearn = sklearn;
        ColumnNames = columnNames;
        LabelColumn = labelColumn;
        LabelColumnReason = labelReason;
        IndexColumn = indexColumn;
        FeatureColumns = featureColumns;
        Features = features;
        LabelCells = labelCells;
        RowLines = rowLines;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The field delimiter: <c>,</c>, <c>;</c>, tab, or <c>'\0'</c> for runs of whitespace.</summary>
    public char Delimiter { get; }

    /// <summary>The delimiter for display: "comma", "semicolon", "tab" or "whitespace".</summary>
    public string DelimiterName => Delimiter switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        _ => "whitespace",
    };

    /// <summary>True when the first line is a column header.</summary>
    public bool HasHeader { get; }

    /// <summary>The scikit-learn metadata line (<c>n_samples,n_features,class names…</c>), when the file starts with one.</summary>
    public SklearnCsvHeader? Sklearn { get; }

    /// <summary>Column names from the header, or the 0-based column indices as text when there is none.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount => ColumnNames.Count;

    /// <summary>Number of data rows.</summary>
    public int RowCount => RowLines.Count;

    /// <summary>The 0-based label column, or null when the table has none (a features-only file).</summary>
    public int? LabelColumn { get; }

    /// <summary>Why this column (or none) holds the labels; one of the <see cref="LabelReason"/> texts.</summary>
    public string LabelColumnReason { get; }

    /// <summary>The label column's name (or index as text), or null.</summary>
    public string? LabelColumnName => LabelColumn is int c ? ColumnNames[c] : null;

    /// <summary>An unnamed first column holding 0, 1, 2, … (the index pandas' <c>DataFrame.to_csv</c> writes), excluded from the features.</summary>
    public int? IndexColumn { get; }

    /// <summary>The 0-based columns that form the feature matrix, in file order.</summary>
    public IReadOnlyList<int> FeatureColumns { get; }

    /// <summary>The N×D feature matrix (<c>&lt;f8</c>), or null when the file was read for its labels only.</summary>
    public NdArray? Features { get; }

    /// <summary>The label column's cells (trimmed, unquoted), or null when there is no label column.</summary>
    public IReadOnlyList<string>? LabelCells { get; }

    /// <summary>The 1-based line number of each data row, for messages.</summary>
    public IReadOnlyList<int> RowLines { get; }
}
