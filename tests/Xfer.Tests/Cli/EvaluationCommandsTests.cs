using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xfer.Cli;
using Xfer.Core.Errors;
using Xfer.IO;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Cli;

/// <summary>End-to-end runs of xfer probe, correlate and eval on files (stdout is redirected, so these run one at a time).</summary>
[Collection("Console")]
public sealed class EvaluationCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xfer-cli-test-" + Guid.NewGuid().ToString("N"));

    public EvaluationCommandsTests()
    {
        Directory.CreateDirectory(_dir);
        const int n = 150, c = 3;
        NpyWriter.Write(P("labels.npy"), [n], Enumerable.Range(0, n).Select(i => (double)(i % c)).ToArray(), "<i8");
        double[] separation = [0.2, 1.0, 3.0];
        for (int m = 0; m < separation.Length; m++)
        {
            var (x, _) = TestData.Clusters(n, 5, c, separation[m], seed: 30 + m);
            NpyWriter.Write(P($"m{m}.npy"), x, float32: true);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => CliInProcess.Run(args);

    [Fact]
    public void Probe_json_has_the_documented_fields()
    {
        var (code, stdout, stderr) = Run("probe", "--features", P("m2.npy"), "--labels", P("labels.npy"), "--folds", "3", "--json", "--seed", "2");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.InRange(root.GetProperty("accuracy").GetDouble(), 0.9, 1.0);
        Assert.True(root.GetProperty("crossEntropy").GetDouble() >= 0);
        Assert.True(root.GetProperty("l2").GetDouble() > 0);
        Assert.Equal(120, root.GetProperty("trainSize").GetInt32());
        Assert.Equal(30, root.GetProperty("testSize").GetInt32());
        Assert.Equal(7, root.GetProperty("crossValidation").GetArrayLength());
        Assert.Equal(2, root.GetProperty("seed").GetInt32());
        Assert.True(root.GetProperty("iterations").GetInt32() > 0);
    }

    [Fact]
    public void Eval_writes_every_file_and_correlate_reads_them_back()
    {
        var out1 = P("out");
        var (code, _, stderr) = Run(["eval", "--labels", P("labels.npy"), "--candidate", "a=" + P("m0.npy"), "--candidate", "b=" + P("m1.npy"),
            "--candidate", "c=" + P("m2.npy"), "--out", out1, "--folds", "3", "--bootstrap", "100", "--metrics", "logme,hscore"]);
        Assert.True(code == 0, stderr);
        Assert.All(new[] { "scores.csv", "truth.csv", "correlations.csv", "summary.md", "eval.json" }, f => Assert.True(File.Exists(Path.Combine(out1, f)), f));

        var (code2, stdout, stderr2) = Run("correlate", "--scores", Path.Combine(out1, "scores.csv"), "--truth", Path.Combine(out1, "truth.csv"), "--json", "--bootstrap", "100");
        Assert.True(code2 == 0, stderr2);
        using var json = JsonDocument.Parse(stdout);
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.Equal(2, metrics.GetArrayLength());
        var logme = metrics.EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "logme");
        foreach (var field in new[] { "pearson", "spearman", "kendall", "weightedTau", "top1RelativeAccuracy", "regret", "recallAt1" })
        {
            Assert.True(logme.TryGetProperty(field, out _), field);
        }

        using var eval = JsonDocument.Parse(File.ReadAllText(Path.Combine(out1, "eval.json")));
        var evalLogme = eval.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "logme");
        Assert.Equal(evalLogme.GetProperty("weightedTau").GetDouble(), logme.GetProperty("weightedTau").GetDouble());
    }

    [Fact]
    public void User_errors_exit_with_code_2_and_one_line()
    {
        File.WriteAllText(P("scores.csv"), "x,logme,1\ny,logme,2\n");
        File.WriteAllText(P("truth.csv"), "x,0.5\n");
        var (code, _, stderr) = Run("correlate", "--scores", P("scores.csv"), "--truth", P("truth.csv"));
        Assert.Equal(2, code);
        Assert.Contains("no ground truth", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));

        var (code2, _, stderr2) = Run("eval", "--labels", P("labels.npy"), "--candidate", "a", "--out", P("o"));
        Assert.Equal(2, code2);
        Assert.Contains("NAME=FEATURES", stderr2, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidate_specs_parse_names_probabilities_logits_and_npz_members()
    {
        var a = CandidateSpec.Parse("resnet50=feats.npz:resnet50");
        Assert.Equal(("resnet50", "feats.npz:resnet50", (string?)null, (string?)null), (a.Name, a.Features, a.Probabilities, a.Logits));
        var b = CandidateSpec.Parse("vit=f.npy,p.npy");
        Assert.Equal("p.npy", b.Probabilities);
        var c = CandidateSpec.Parse("vit=f.npy,logits=l.npz:out");
        Assert.Equal("l.npz:out", c.Logits);
        Assert.Null(c.Probabilities);
        Assert.Throws<XferException>(() => CandidateSpec.Parse("=f.npy"));
        Assert.Throws<XferException>(() => CandidateSpec.Parse("a=f.npy,p.npy,q.npy"));
        Assert.Throws<XferException>(() => CandidateSpec.ParseAll(["a=x.npy", "a=y.npy"]));
    }
}

/// <summary>Tests that redirect the process-wide console run one at a time.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection
{
}
