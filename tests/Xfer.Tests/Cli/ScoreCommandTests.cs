using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xfer.Core;
using Xfer.IO;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Cli;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xfer-score-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, Matrix m)
    {
        string path = Path.Combine(_dir, name);
        NpyWriter.Write(path, m);
        return path;
    }

    private string WriteLabels(string name, int[] labels)
    {
        string path = Path.Combine(_dir, name);
        NpyWriter.Write(path, [labels.Length], labels.Select(v => (double)v).ToArray(), "<i8");
        return path;
    }

    /// <summary>The numpy-referenced case n60_d8_c3 of basic_metrics.json written to .npy files.</summary>
    private (string F, string Y, string P, JsonElement Expected) ReferenceCase()
    {
        var doc = Fixtures.Json("metrics", "basic_metrics.json");
        var c = doc.RootElement.GetProperty("cases")[0];
        return (Write("f.npy", Fixtures.ToMatrix(c.GetProperty("features"))),
            WriteLabels("y.npy", c.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray()),
            Write("p.npy", Fixtures.ToMatrix(c.GetProperty("probs"))),
            c.GetProperty("expected").Clone());
    }

    [Fact]
    public void Json_output_has_the_documented_shape_and_the_reference_values()
    {
        var (f, y, p, expected) = ReferenceCase();
        var r = CliProcess.Run("score", "--features", f, "--labels", y, "--source-probs", p, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StandardOutput);
        var root = doc.RootElement;
        Assert.Equal(60, root.GetProperty("samples").GetInt32());
        Assert.Equal(8, root.GetProperty("dims").GetInt32());
        Assert.Equal(3, root.GetProperty("classes").GetInt32());
        var scores = root.GetProperty("scores").EnumerateArray().ToDictionary(s => s.GetProperty("metric").GetString()!);
        Assert.Equal(["transrate", "logme", "leep", "nce", "hscore"], scores.Keys.Take(5));
        foreach (var s in scores.Values)
        {
            // PAC-Tran is a PAC-Bayes bound (lower is better); every other metric of the suite is higher-is-better.
            Assert.Equal(s.GetProperty("metric").GetString() != "pactran", s.GetProperty("higherIsBetter").GetBoolean());
            Assert.True(s.GetProperty("seconds").GetDouble() >= 0);
        }

        NumericAssert.Close(expected.GetProperty("transrate_eps1e-4").GetDouble(), scores["transrate"].GetProperty("value").GetDouble(), 1e-9);
        NumericAssert.Close(expected.GetProperty("logme").GetDouble(), scores["logme"].GetProperty("value").GetDouble(), 1e-7, 1e-9);
        NumericAssert.Close(expected.GetProperty("leep").GetDouble(), scores["leep"].GetProperty("value").GetDouble(), 1e-12);
        NumericAssert.Close(expected.GetProperty("nce").GetDouble(), scores["nce"].GetProperty("value").GetDouble(), 1e-12);
        NumericAssert.Close(expected.GetProperty("hscore").GetDouble(), scores["hscore"].GetProperty("value").GetDouble(), 1e-9);
    }

    [Fact]
    public void Transrate_eps_option_reaches_the_metric()
    {
        var (f, y, _, expected) = ReferenceCase();
        var r = CliProcess.Run("score", "--features", f, "--labels", y, "--metrics", "transrate", "--transrate-eps", "1e-2", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StandardOutput);
        var s = doc.RootElement.GetProperty("scores")[0];
        NumericAssert.Close(expected.GetProperty("transrate_eps1e-2").GetDouble(), s.GetProperty("value").GetDouble(), 1e-9);
    }

    [Fact]
    public void Table_output_lists_every_metric_and_explains_missing_source_predictions()
    {
        var (f, y, _, _) = ReferenceCase();
        var r = CliProcess.Run("score", "--features", f, "--labels", y);
        Assert.Equal(0, r.ExitCode);
        foreach (var id in new[] { "transrate", "logme", "leep", "nce", "hscore" })
        {
            Assert.Contains(id, r.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("needs the source model's predictions", r.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_label_count_is_one_line_and_exit_code_2()
    {
        var (f, _, _, _) = ReferenceCase();
        string y = WriteLabels("short.npy", Enumerable.Range(0, 59).Select(i => i % 3).ToArray());
        var r = CliProcess.Run("score", "--features", f, "--labels", y);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"xfer: error: {f} has 60 rows but {y} has 59 entries; both must describe the same samples.", r.StandardError.Trim());
    }

    [Fact]
    public void Nan_features_name_the_first_bad_cell()
    {
        var m = TestData.Gaussian(10, 3, 1);
        m[4, 2] = double.NaN;
        string f = Write("nan.npy", m);
        string y = WriteLabels("y10.npy", Enumerable.Range(0, 10).Select(i => i % 2).ToArray());
        var r = CliProcess.Run("score", "--features", f, "--labels", y);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"xfer: error: {f} contains NaN at row 4, column 2. Metrics need finite inputs; check the feature extractor's output.", r.StandardError.Trim());
    }

    [Fact]
    public void A_single_class_is_rejected()
    {
        string f = Write("g.npy", TestData.Gaussian(10, 3, 1));
        string y = WriteLabels("one.npy", new int[10]);
        var r = CliProcess.Run("score", "--features", f, "--labels", y);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("xfer: error: labels has 1 distinct class(es); transferability needs at least 2.", r.StandardError.Trim());
    }

    [Fact]
    public void Asking_for_leep_without_source_predictions_is_an_error()
    {
        var (f, y, _, _) = ReferenceCase();
        var r = CliProcess.Run("score", "--features", f, "--labels", y, "--metrics", "leep,logme");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("xfer: error: leep needs the source model's predictions on the target samples; pass --source-probs or --source-logits, or leave it out of --metrics.", r.StandardError.Trim());
    }

    [Fact]
    public void Probabilities_that_are_not_normalised_are_rejected()
    {
        var (f, y, _, _) = ReferenceCase();
        var bad = new Matrix(60, 2);
        for (int i = 0; i < 60; i++)
        {
            bad[i, 0] = 0.7;
            bad[i, 1] = 0.7;
        }

        string p = Write("bad.npy", bad);
        var r = CliProcess.Run("score", "--features", f, "--labels", y, "--source-probs", p);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"xfer: error: {p}: row 0 sums to 1.4", r.StandardError.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_metric_lists_the_known_ones()
    {
        var (f, y, _, _) = ReferenceCase();
        var r = CliProcess.Run("score", "--features", f, "--labels", y, "--metrics", "nope");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("xfer: error: Unknown metric 'nope'. Known metrics: transrate, logme, leep, nce, hscore", r.StandardError.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_one_line()
    {
        var r = CliProcess.Run("score", "--features", Path.Combine(_dir, "absent.npy"), "--labels", Path.Combine(_dir, "absent.npy"));
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StandardError.Trim().Split('\n'));
        Assert.Contains("absent.npy", r.StandardError, StringComparison.Ordinal);
    }
}
