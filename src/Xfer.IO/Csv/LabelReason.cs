namespace Xfer.IO.Csv;

/// <summary>Why a CSV column was taken as the label column (shown by <c>xfer inspect</c>).</summary>
public static class LabelReason
{
    /// <summary>Chosen by <see cref="CsvOptions.LabelColumn"/>.</summary>
    public const string Given = "given";

    /// <summary><see cref="CsvOptions.LabelColumn"/> is <c>none</c>.</summary>
    public const string Excluded = "none (as requested)";

    /// <summary>The target column of a scikit-learn CSV.</summary>
    public const string Sklearn = "target of the scikit-learn metadata line";

    /// <summary>A header named label, labels, target, targets, y or class.</summary>
    public const string HeaderName = "header name";

    /// <summary>The last column holds text.</summary>
    public const string LastColumnText = "last column, holds text";

    /// <summary>The last column holds only integers.</summary>
    public const string LastColumnIntegers = "last column, holds only integers";

    /// <summary>Reading labels with nothing detected: the last column.</summary>
    public const string LastColumnDefault = "last column (default)";

    /// <summary>No label column detected: every column is a feature.</summary>
    public const string None = "none detected (every column is a feature)";
}
