using System.IO;
using Xfer.Core.Errors;
using Xfer.IO;
using Xfer.IO.Csv;
using Xunit;

namespace Xfer.Tests.IO;

/// <summary>Delimited text: header detection, scikit-learn metadata, quoting, delimiters, label columns, errors.
/// Expected values are read off the small hand-written files in Fixtures/io/csv.</summary>
public class CsvReaderTests
{
    private static string Csv(string name) => IoFixtures.PathOf("csv/" + name);

    [Fact]
    public void Header_and_text_labels_in_the_last_column()
    {
        var table = DataFiles.ReadCsv(Csv("header.csv"), null, CsvPurpose.Features);
        Assert.True(table.HasHeader);
        Assert.Equal("comma", table.DelimiterName);
        Assert.Equal("species", table.LabelColumnName);
        Assert.Equal([0, 1], table.FeatureColumns);

        var x = DataFiles.ReadMatrix(Csv("header.csv"), "features");
        Assert.Equal((4, 2), (x.Rows, x.Columns));
        Assert.Equal([5.1, 3.5, 4.9, 3.0, 6.3, 3.3, 5.8, 2.7], x.Data);

        var y = DataFiles.ReadLabels(Csv("header.csv"));
        Assert.Equal(["setosa", "versicolor", "virginica"], y.ClassNames);
        Assert.Equal([0, 0, 2, 1], y.ToArray());
    }

    [Fact]
    public void Integer_last_column_is_the_label_column_unless_told_otherwise()
    {
        var table = DataFiles.ReadCsv(Csv("noheader.csv"), null, CsvPurpose.Features);
        Assert.False(table.HasHeader);
        Assert.Equal(2, table.LabelColumn);
        Assert.Equal(LabelReason.LastColumnIntegers, table.LabelColumnReason);

        var all = DataFiles.ReadMatrix(Csv("noheader.csv"), "features", new CsvOptions("none"));
        Assert.Equal((4, 3), (all.Rows, all.Columns));
        Assert.Equal(2.0, all[3, 2]);

        var x = DataFiles.ReadMatrix(Csv("noheader.csv"), "features");
        Assert.Equal((4, 2), (x.Rows, x.Columns));
        Assert.Equal(-1e-3, x[1, 1]);
        Assert.True(double.IsNaN(x[2, 0]));
        Assert.True(double.IsPositiveInfinity(x[2, 1]));
        Assert.True(double.IsNegativeInfinity(x[3, 0]));

        Assert.Equal([0, 1, 1, 2], DataFiles.ReadLabels(Csv("noheader.csv")).ToArray());

        var withLabel = DataFiles.ReadMatrix(Csv("noheader.csv"), "features", new CsvOptions("2"));
        Assert.Equal(x.Data, withLabel.Data);
        var byNegative = DataFiles.ReadMatrix(Csv("noheader.csv"), "features", new CsvOptions("-1"));
        Assert.Equal(x.Data, byNegative.Data);
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadLabels(Csv("noheader.csv"), new CsvOptions("none")));
        Assert.Equal(Csv("noheader.csv") + ": labels need a label column, but --label-column is 'none'.", e.Message);
    }

    [Fact]
    public void Label_column_by_name_or_index()
    {
        int[] expected = [1, 0, 1];
        Assert.Equal(expected, DataFiles.ReadLabels(Csv("pandas_index.csv"), new CsvOptions("target")).ToArray());
        Assert.Equal(expected, DataFiles.ReadLabels(Csv("pandas_index.csv"), new CsvOptions("3")).ToArray());
        Assert.Equal(expected, DataFiles.ReadLabels(Csv("pandas_index.csv"), new CsvOptions("TARGET")).ToArray());
        Assert.Equal(expected, DataFiles.ReadLabels(Csv("pandas_index.csv"), new CsvOptions("-1")).ToArray());

        // Choosing column 0 as the label leaves the text column 'species' among the features.
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadMatrix(Csv("header.csv"), "features", new CsvOptions("0")));
        Assert.Equal(Csv("header.csv") + ": line 2, column 2 ('species'): 'setosa' is not a number; every column except the label column must be numeric (choose the label column with --label-column).", e.Message);
        var withoutFirst = DataFiles.ReadMatrix(Csv("noheader.csv"), "features", new CsvOptions("0"));
        Assert.Equal([2.0, 0.0], withoutFirst.Row(0).ToArray());

        // Without a label column every column is a feature: a float last column is not taken as labels.
        var floats = DataFiles.ReadCsv(Csv("savetxt_space.txt"), new CsvOptions(), CsvPurpose.Features);
        Assert.Equal(LabelReason.LastColumnIntegers, floats.LabelColumnReason); // its last column is 0, 1, 1 written as %.18e
        var header = DataFiles.ReadCsv(Csv("semicolon.csv"), null, CsvPurpose.Features);
        Assert.Equal(LabelReason.HeaderName, header.LabelColumnReason);
    }

    [Fact]
    public void Scikit_learn_metadata_line_names_the_classes()
    {
        var table = DataFiles.ReadCsv(Csv("sklearn_like.csv"), null, CsvPurpose.Features);
        Assert.NotNull(table.Sklearn);
        Assert.False(table.HasHeader);
        Assert.Equal(4, table.Sklearn!.FeatureCount);
        Assert.Equal(4, table.LabelColumn);
        var x = DataFiles.ReadMatrix(Csv("sklearn_like.csv"), "features");
        Assert.Equal((5, 4), (x.Rows, x.Columns));
        Assert.Equal([5.1, 3.5, 1.4, 0.2], x.Row(0).ToArray());
        var y = DataFiles.ReadLabels(Csv("sklearn_like.csv"));
        Assert.Equal(["setosa", "versicolor", "virginica"], y.ClassNames);
        Assert.Equal([0, 0, 1, 2, 2], y.ToArray());

        // A class absent from the rows is dropped; the others keep their names and order.
        var missing = DataFiles.ReadLabels(Csv("sklearn_missing_class.csv"));
        Assert.Equal(["a", "c"], missing.ClassNames);
        Assert.Equal([0, 1, 1], missing.ToArray());
    }

    [Fact]
    public void Quoted_fields_hold_delimiters_quotes_and_line_breaks()
    {
        var table = DataFiles.ReadCsv(Csv("quoted.csv"), null, CsvPurpose.Features);
        Assert.Equal(["x, first", "y \"second\"", "label"], table.ColumnNames);
        Assert.Equal([1.5, 2, 3, 4, -1, 0], table.Features!.Values);
        Assert.Equal(["big, \"red\" dog", "multi\nline", "big, \"red\" dog"], table.LabelCells);
        Assert.Equal([2, 3, 5], table.RowLines);
    }

    [Theory]
    [InlineData("semicolon.csv", "semicolon")]
    [InlineData("tab.tsv", "tab")]
    public void Semicolon_and_tab_delimiters_are_detected(string file, string delimiter)
    {
        var table = DataFiles.ReadCsv(Csv(file), null, CsvPurpose.Features);
        Assert.Equal(delimiter, table.DelimiterName);
        Assert.Equal([1.5, 2, 3, 4], table.Features!.Values);
        Assert.Equal(["x", "y"], table.LabelCells);
    }

    [Fact]
    public void Numpy_savetxt_output_reads_with_spaces_or_commas_and_a_commented_header()
    {
        double[] expected = IoFixtures.Values(IoFixtures.Object("csv"), "savetxt_values");
        var space = DataFiles.ReadArray(Csv("savetxt_space.txt"), new CsvOptions("none"));
        Assert.Equal([3, 3], space.Shape);
        IoFixtures.AssertIdentical(expected, space.Values, "savetxt_space.txt");
        var comma = DataFiles.ReadCsv(Csv("savetxt_comma_header.csv"), new CsvOptions("none"), CsvPurpose.Features);
        Assert.False(comma.HasHeader); // np.savetxt writes the header as a '# ' comment
        IoFixtures.AssertIdentical(expected, comma.Features!.Values, "savetxt_comma_header.csv");
    }

    [Fact]
    public void Pandas_index_column_is_skipped()
    {
        var table = DataFiles.ReadCsv(Csv("pandas_index.csv"), null, CsvPurpose.Features);
        Assert.Equal(0, table.IndexColumn);
        Assert.Equal("target", table.LabelColumnName);
        Assert.Equal([0.5, 1.5, 0.25, 2.5, 0.125, 3.5], table.Features!.Values);
        Assert.Equal([1, 0, 1], DataFiles.ReadLabels(Csv("pandas_index.csv")).ToArray());
    }

    [Fact]
    public void Single_column_text_labels_with_and_without_header()
    {
        var plain = DataFiles.ReadLabels(Csv("labels_strings.csv"));
        Assert.Equal(4, plain.Count);
        Assert.Equal(["bird", "cat", "dog"], plain.ClassNames);
        var headed = DataFiles.ReadLabels(Csv("labels_strings_header.csv"));
        Assert.Equal(3, headed.Count);
        Assert.Equal(["cat", "dog"], headed.ClassNames);
        var forced = DataFiles.ReadLabels(Csv("labels_strings.csv"), new CsvOptions(HasHeader: true));
        Assert.Equal(3, forced.Count);
    }

    [Fact]
    public void Integral_float_labels_are_integers_and_fractional_ones_are_errors()
    {
        Assert.Equal(["0", "1", "2"], DataFiles.ReadLabels(Csv("labels_float_integral.csv")).ClassNames);
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadLabels(Csv("labels_float_fractional.csv")));
        Assert.Equal(Csv("labels_float_fractional.csv") + ": line 3: label '0.5' is a number but not an integer; numeric labels must be integers.", e.Message);
    }

    [Fact]
    public void Gzip_csv_is_read_by_content()
    {
        var x = DataFiles.ReadMatrix(Csv("digits_like.csv.gz"), "features");
        Assert.Equal((3, 3), (x.Rows, x.Columns));
        Assert.Equal([0, 16, 3, 5, 0, 12, 9, 9, 0], x.Data);
        Assert.Equal(["1", "7"], DataFiles.ReadLabels(Csv("digits_like.csv.gz")).ClassNames);
    }

    [Fact]
    public void Byte_order_mark_crlf_blank_and_comment_lines_are_tolerated()
    {
        var table = DataFiles.ReadCsv(Csv("bom_crlf_comments.csv"), null, CsvPurpose.Features);
        Assert.Equal(["f0", "f1", "label"], table.ColumnNames);
        Assert.Equal([1, 2, 3, 4], table.Features!.Values);
        Assert.Equal([4, 6], table.RowLines);
    }

    [Theory]
    [InlineData("ragged.csv", null, "line 3 has 2 fields but line 1 has 3; every row needs the same number of columns.")]
    [InlineData("nonnumeric.csv", null, "line 3, column 1 ('b'): 'oops' is not a number; every column except the label column must be numeric (choose the label column with --label-column).")]
    [InlineData("emptycell.csv", null, "line 3, column 1 ('b'): an empty cell is not a number; every column except the label column must be numeric (choose the label column with --label-column).")]
    [InlineData("empty_label.csv", null, "line 3, column 2 ('label'): the label is empty; every row needs a label.")]
    [InlineData("comments_only.csv", null, "the file holds no rows (only blank or # comment lines).")]
    [InlineData("unclosed_quote.csv", null, "line 2: a quoted field is not closed before the end of the file.")]
    [InlineData("text_after_quote.csv", null, "line 1: text after a closing quote; a quoted field must end at the delimiter (write a quote inside quotes as \"\").")]
    [InlineData("header.csv", "kind", "no column named 'kind'. Columns: sepal_length, sepal_width, species.")]
    [InlineData("header.csv", "5", "label column 5 is out of range; the file has 3 columns (0..2, or -1 for the last).")]
    [InlineData("noheader.csv", "species", "label column 'species' is a name, but the file has no header line; give a 0-based index (0..2) instead.")]
    [InlineData("labels_strings.csv", null, "no feature columns: the file has 1 column(s) and column 0 holds the labels.")]
    public void Bad_csv_gives_one_line_with_the_line_and_column(string file, string? labelColumn, string problem)
    {
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadMatrix(Csv(file), "features", new CsvOptions(labelColumn)));
        Assert.Equal(Csv(file) + ": " + problem, e.Message);
    }

    [Fact]
    public void Forcing_no_header_makes_the_header_line_data()
    {
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadMatrix(Csv("header.csv"), "features", new CsvOptions(HasHeader: false)));
        Assert.Equal(Csv("header.csv") + ": line 1, column 0: 'sepal_length' is not a number; every column except the label column must be numeric (choose the label column with --label-column).", e.Message);
        var forced = DataFiles.ReadCsv(Csv("noheader.csv"), new CsvOptions(HasHeader: true), CsvPurpose.Features);
        Assert.Equal(["1.0", "2.0", "0"], forced.ColumnNames);
        Assert.Equal([3, 2], forced.Features!.Shape);
    }

    [Fact]
    public void Wrong_sklearn_row_count_is_an_error()
    {
        string dir = IoFixtures.ScratchDirectory();
        try
        {
            string path = Path.Combine(dir, "short.csv");
            File.WriteAllText(path, "3,2,a,b\n1,2,0\n3,4,1\n");
            var e = Assert.Throws<InputFileException>(() => DataFiles.ReadMatrix(path, "features"));
            Assert.Equal(path + ": the first line (scikit-learn metadata: n_samples, n_features, class names) announces 3 rows, but the file has 2.", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
