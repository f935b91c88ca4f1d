using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xfer.Cli.Commands;
using Xfer.Tests.IO;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Cli;

/// <summary><c>xfer inspect</c>: text and JSON reports of the fixtures, and one-line errors with exit code 2.</summary>
public class InspectCommandTests
{
    private static string Inspect(string spec, bool json = false, string? labelColumn = null)
    {
        using var output = new StringWriter();
        Assert.Equal(0, InspectCommand.Run(spec, json, labelColumn, output));
        return output.ToString();
    }

    private static string Field(string text, string key)
        => text.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith(key + " ", StringComparison.Ordinal))[key.Length..].Trim();

    [Fact]
    public void Npy_report_lists_format_dtype_shape_order_and_statistics()
    {
        string text = Inspect(IoFixtures.PathOf("npy/f4_be_F_v2.npy"));
        Assert.Equal("npy 2.0", Field(text, "format"));
        Assert.Equal(">f4 (float32)", Field(text, "dtype"));
        Assert.Equal("(3, 4)", Field(text, "shape"));
        Assert.Equal("Fortran (converted to C order)", Field(text, "order"));
        Assert.Equal("-3.4028234663852886E+38", Field(text, "min"));
        Assert.Equal("3.4028234663852886E+38", Field(text, "max"));
        Assert.Equal("1", Field(text, "NaN"));
        Assert.Equal("1", Field(text, "+inf"));
        Assert.Equal("1", Field(text, "-inf"));
        Assert.DoesNotContain("distinct", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_like_vector_shows_distinct_values_and_counts()
    {
        string text = Inspect(IoFixtures.PathOf("idx/labels-idx1-ubyte.gz"));
        Assert.Equal("idx (gzip)", Field(text, "format"));
        Assert.Equal("4", Field(text, "distinct"));
        Assert.Equal("3: 3, 0: 2, 1: 1, 9: 1", Field(text, "counts"));
        Assert.Equal("2.7142857142857144", Field(text, "mean")); // 19 / 7
    }

    [Fact]
    public void Npz_without_member_lists_every_member()
    {
        string text = Inspect(IoFixtures.PathOf("npz/stored.npz"));
        Assert.Equal("npz (3 arrays)", Field(text, "format"));
        Assert.Contains("features  <f4  (6, 3)  C order", text, StringComparison.Ordinal);
        Assert.Contains("labels    <i8  (6,)  C order", text, StringComparison.Ordinal);
        Assert.Contains("logits    >f8  (6, 4)  C order", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mean", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_report_has_the_same_fields_with_null_for_missing_numbers()
    {
        using var doc = JsonDocument.Parse(Inspect(IoFixtures.PathOf("npz/stored.npz") + ":labels", json: true));
        var root = doc.RootElement;
        Assert.Equal("<i8", root.GetProperty("dtype").GetString());
        Assert.Equal([6], root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(0.0, root.GetProperty("min").GetDouble());
        Assert.Equal(2.0, root.GetProperty("max").GetDouble());
        Assert.Equal(1.0, root.GetProperty("mean").GetDouble());
        Assert.Equal(3, root.GetProperty("distinct").GetInt32());
        Assert.Equal([2L, 2L, 2L], root.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("count").GetInt64()));

        using var nan = JsonDocument.Parse(Inspect(IoFixtures.PathOf("npy/labels_f8_nan.npy"), json: true));
        Assert.Equal(1, nan.RootElement.GetProperty("nan").GetInt32());
        Assert.Equal(0.5, nan.RootElement.GetProperty("mean").GetDouble()); // mean of the finite values 0 and 1

        using var members = JsonDocument.Parse(Inspect(IoFixtures.PathOf("npz/xy.npz"), json: true));
        var x = members.RootElement.GetProperty("members")[0];
        Assert.Equal("x", x.GetProperty("name").GetString());
        Assert.Equal("F", x.GetProperty("order").GetString());
    }

    [Fact]
    public void Csv_report_names_the_label_column_and_its_classes()
    {
        string text = Inspect(IoFixtures.PathOf("csv/sklearn_like.csv"));
        Assert.Equal("csv (comma-separated, scikit-learn metadata line, 5 rows × 5 columns)", Field(text, "format"));
        Assert.Equal("column 4 (target of the scikit-learn metadata line)", Field(text, "labels"));
        Assert.Equal("0 = setosa, 1 = versicolor, 2 = virginica", Field(text, "classes"));
        Assert.Equal("(5, 4)", Field(text, "shape"));
        Assert.Equal("setosa: 2, virginica: 2, versicolor: 1", Field(text, "label counts")); // by count, ties in class order

        string byIndex = Inspect(IoFixtures.PathOf("csv/noheader.csv"), labelColumn: "0");
        Assert.Equal("column 0 (given)", Field(byIndex, "labels"));
        Assert.Equal("(4, 2)", Field(byIndex, "shape"));
    }

    [Fact]
    public void Bad_file_exits_with_code_2_and_one_line()
    {
        string path = IoFixtures.PathOf("corrupt/truncated.npy");
        var r = CliProcess.Run("inspect", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("xfer: error: " + path + ": truncated data: the header declares shape (3, 4) of <f4 = 48 bytes, but only 40 bytes follow the 128-byte header.", r.StandardError.TrimEnd());
        Assert.Equal(string.Empty, r.StandardOutput);

        var missing = CliProcess.Run("inspect", "/nonexistent/x.npz:labels", "--json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("xfer: error: /nonexistent/x.npz: file not found (its directory does not exist either).", missing.StandardError.TrimEnd());
    }

    [Fact]
    public void Inspect_runs_end_to_end_with_json_on_stdout()
    {
        var r = CliProcess.Run("inspect", IoFixtures.PathOf("npy/vector_i8.npy"), "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.StandardError);
        using var doc = JsonDocument.Parse(r.StandardOutput);
        Assert.Equal(5, doc.RootElement.GetProperty("distinct").GetInt32());
        Assert.Equal(2.2, doc.RootElement.GetProperty("mean").GetDouble(), 15); // (5 − 3 + 0 + 7 + 2) / 5
    }
}
