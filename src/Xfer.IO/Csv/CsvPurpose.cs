namespace Xfer.IO.Csv;

/// <summary>What a CSV file is read for; decides the default label column.</summary>
public enum CsvPurpose
{
    /// <summary>
    /// The feature matrix: every column except the label column (and a pandas index column). Without an explicit
    /// label column, a column is taken as labels only when it is recognisably one: the target of a scikit-learn file,
    /// a header named label/labels/target/targets/y/class, or a last column holding text or only integers.
    /// Otherwise every column is a feature.
    /// </summary>
    Features,

    /// <summary>The labels: the explicit label column, else a recognisable one (as for features), else the last column.
    /// Feature cells are not parsed.</summary>
    Labels,
}
