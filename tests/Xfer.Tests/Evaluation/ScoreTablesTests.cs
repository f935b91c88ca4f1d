using System.IO;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.Evaluation.Harness;
using Xunit;

namespace Xfer.Tests.Evaluation;

public class ScoreTablesTests
{
    [Fact]
    public void Reads_scores_with_header_direction_column_and_empty_values()
    {
        const string text = "candidate,metric,value,higherIsBetter\n# comment\nresnet50,logme,1.5,\n\"vit, small\",gap,0.3,lower\nresnet50,gap,,\n";
        var rows = ScoreTables.ReadScores("s.csv", new StringReader(text));
        Assert.Equal(3, rows.Count);
        Assert.Equal("vit, small", rows[1].Candidate);
        Assert.False(rows[1].HigherIsBetter);
        Assert.Null(rows[2].Value);
        var (tables, source) = ScoreTables.ToMetricScores("s.csv", rows, id => id == "logme" ? ("LogME", true) : null);
        var gap = tables.Single(t => t.MetricId == "gap");
        Assert.False(gap.HigherIsBetter);
        Assert.Equal("file", source["gap"]);
        Assert.Equal("catalog", source["logme"]);
        Assert.Equal("LogME", tables.Single(t => t.MetricId == "logme").DisplayName);
        Assert.True(gap.Unavailable!.ContainsKey("resnet50"));
    }

    [Fact]
    public void Headerless_files_and_unknown_metrics_default_to_higher_is_better()
    {
        var rows = ScoreTables.ReadScores("s.csv", new StringReader("a,m,1\nb,m,2\n"));
        var (tables, source) = ScoreTables.ToMetricScores("s.csv", rows, _ => null);
        Assert.True(tables[0].HigherIsBetter);
        Assert.Equal("assumed higher-is-better", source["m"]);
    }

    [Fact]
    public void Reads_truth_by_position_or_by_header_name()
    {
        const string text = "candidate,accuracy,crossEntropy\na,0.9,0.3\nb,0.8,0.5\n";
        Assert.Equal([0.9, 0.8], ScoreTables.ReadTruth("t.csv", new StringReader(text)).Select(t => t.Value));
        Assert.Equal([0.3, 0.5], ScoreTables.ReadTruth("t.csv", new StringReader(text), "crossEntropy").Select(t => t.Value));
        Assert.Equal(["a", "b"], ScoreTables.ReadTruth("t.csv", new StringReader("a,90\nb,80\n")).Select(t => t.Key));
    }

    [Theory]
    [InlineData("a,m\n")]
    [InlineData("a,m,1\na,m,2\n")]
    [InlineData("a,m,1,maybe\n")]
    [InlineData("a,m,1e999\n")]
    [InlineData("a,m,1,true\nb,m,2,false\n")]
    public void Malformed_score_tables_name_the_file_and_line(string text)
    {
        var e = Assert.ThrowsAny<XferException>(() =>
        {
            var rows = ScoreTables.ReadScores("bad.csv", new StringReader(text));
            ScoreTables.ToMetricScores("bad.csv", rows, _ => null);
        });
        Assert.StartsWith("bad.csv: ", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_truth_tables_are_rejected()
    {
        Assert.Throws<InputFileException>(() => ScoreTables.ReadTruth("t.csv", new StringReader("a,0.9\na,0.8\n")));
        Assert.Throws<InputFileException>(() => ScoreTables.ReadTruth("t.csv", new StringReader("a,x\n")));
        Assert.Throws<InputFileException>(() => ScoreTables.ReadTruth("t.csv", new StringReader("candidate,accuracy\na,0.9\n"), "nope"));
        Assert.Throws<InputFileException>(() => ScoreTables.ReadTruth("t.csv", new StringReader("")));
    }

    [Fact]
    public void Csv_fields_are_quoted_and_split_back()
    {
        var line = CsvText.Line(["plain", "with,comma", "with \"quote\""]);
        Assert.Equal("plain,\"with,comma\",\"with \"\"quote\"\"\"", line);
        Assert.Equal(["plain", "with,comma", "with \"quote\""], CsvText.Split(line));
        Assert.Equal(string.Empty, CsvText.Number(double.NaN));
    }
}
