using System;
using System.IO;
using System.Text.Json;
using Xfer.IO;
using Xfer.Tests.Analysis;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Cli;

/// <summary><c>xfer analyze</c> end to end: JSON fields, written transforms, the readable table, and one-line errors.</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xfer-analyze-" + Guid.NewGuid().ToString("N"));

    public AnalyzeCommandTests()
    {
        Directory.CreateDirectory(_dir);
        var means = TaskTransferScenarios.Means(8);
        var (xs, ys) = TaskTransferScenarios.Draw(means, 60, 1);
        var (xt, yt) = TaskTransferScenarios.Draw(means, 60, 2);
        NpyWriter.Write(Path.Combine(_dir, "xs.npy"), xs);
        NpyWriter.Write(Path.Combine(_dir, "xt.npy"), xt);
        NpyWriter.Write(Path.Combine(_dir, "ys.npy"), [ys.Length], Array.ConvertAll(ys, v => (double)v), "<i8");
        NpyWriter.Write(Path.Combine(_dir, "yt.npy"), [yt.Length], Array.ConvertAll(yt, v => (double)((v + 1) % 4)), "<i8");
        File.WriteAllLines(Path.Combine(_dir, "names.txt"), ["cat", "dog", "owl", "fox"]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Args(params string[] extra) =>
    [
        "analyze", "--source-features", Path.Combine(_dir, "xs.npy"), "--source-labels", Path.Combine(_dir, "ys.npy"),
        "--target-features", Path.Combine(_dir, "xt.npy"), "--target-labels", Path.Combine(_dir, "yt.npy"),
        "--epochs", "40", "--batch", "100", "--head-iterations", "300", "--probe-iterations", "300", "--tau", "0.5",
        "--label-init", "predictions", "--seed", "3", .. extra,
    ];

    [Fact]
    public void Json_has_the_documented_fields_and_out_writes_the_transforms()
    {
        string outDir = Path.Combine(_dir, "out");
        var r = CliProcess.Run(Args("--json", "--out", outDir));
        Assert.True(r.ExitCode == 0, r.StandardError);
        using var doc = JsonDocument.Parse(r.StandardOutput);
        var root = doc.RootElement;
        var terms = root.GetProperty("terms");
        double bound = root.GetProperty("bound").GetDouble();
        double sum = terms.GetProperty("sourceLoss").GetDouble() + terms.GetProperty("labelEntropy").GetDouble()
            + (terms.GetProperty("lipschitz").GetDouble() * terms.GetProperty("wasserstein").GetDouble());
        NumericAssert.Close(sum, bound, 1e-12);
        Assert.True(root.GetProperty("probeLoss").GetDouble() > 0);
        Assert.Equal(4, root.GetProperty("labelMap").GetArrayLength());
        var a = DataFiles.ReadMatrix(Path.Combine(outDir, "A.npy"), "A");
        Assert.Equal(8, a.Rows);
        Assert.Equal(8, a.Columns);
        var b = DataFiles.ReadMatrix(Path.Combine(outDir, "B.npy"), "B");
        Assert.Equal(4, b.Rows);
        for (int c = 0; c < 4; c++)
        {
            double s = 0;
            for (int k = 0; k < 4; k++)
            {
                s += b[k, c];
            }

            NumericAssert.Close(1.0, s, 1e-12);
        }

        Assert.True(File.Exists(Path.Combine(outDir, "A_bar.npy")) && File.Exists(Path.Combine(outDir, "b.npy")) && File.Exists(Path.Combine(outDir, "D.npy")));
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "analysis.json")));
        Assert.Equal(bound, written.RootElement.GetProperty("bound").GetDouble());
    }

    [Fact]
    public void Text_report_shows_the_terms_and_the_label_map_with_class_names()
    {
        var r = CliProcess.Run(Args("--source-class-names", Path.Combine(_dir, "names.txt")));
        Assert.True(r.ExitCode == 0, r.StandardError);
        Assert.Contains("bound on target CE", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("label entropy", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("owl", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("measured probe CE", r.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_are_one_line_errors_with_exit_code_2()
    {
        var r = CliProcess.Run(Args("--ot", "fast"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--ot must be exact or sinkhorn", r.StandardError, StringComparison.Ordinal);
        Assert.Single(r.StandardError.Trim().Split('\n'));
        var half = CliProcess.Run(Args("--source-test-features", Path.Combine(_dir, "xs.npy")));
        Assert.Equal(2, half.ExitCode);
        Assert.Contains("--source-test-labels", half.StandardError, StringComparison.Ordinal);
    }
}
