using System.Collections.Generic;

namespace Xfer.IO.Csv;

/// <summary>
/// The first line of scikit-learn's bundled CSVs (<c>sklearn/datasets/data/iris.csv</c>, <c>wine_data.csv</c>,
/// <c>breast_cancer.csv</c>): <c>n_samples,n_features,class_name_0,class_name_1,…</c>, e.g.
/// <c>150,4,setosa,versicolor,virginica</c>. It is metadata, not a column header: the data rows that follow hold
/// <c>n_features</c> feature values and an integer target (the index into the class names) in the last column.
/// This is how <c>sklearn.datasets._base.load_csv_data</c> reads them.
/// </summary>
/// <param name="SampleCount">n_samples: the number of data rows.</param>
/// <param name="FeatureCount">n_features: every data row has this many values plus the target.</param>
/// <param name="ClassNames">The names of target values 0, 1, ….</param>
public sealed record SklearnCsvHeader(int SampleCount, int FeatureCount, IReadOnlyList<string> ClassNames)
{
    /// <summary>
    /// Recognises the metadata line: at least 3 cells; the first two non-negative integers n and d with d ≥ 1; the
    /// rest non-numeric names; and the next line has exactly d + 1 cells.
    /// </summary>
    internal static SklearnCsvHeader? Detect(string[] first, string[]? second)
    {
        if (second is null || first.Length < 3
            || !CsvNumbers.TryParseCount(first[0], out int n) || !CsvNumbers.TryParseCount(first[1], out int d)
            || d < 1 || second.Length != d + 1)
        {
            return null;
        }

        for (int i = 2; i < first.Length; i++)
        {
            if (first[i].Length == 0 || CsvNumbers.IsNumber(first[i]))
            {
                return null;
            }
        }

        return new SklearnCsvHeader(n, d, first[2..]);
    }
}
