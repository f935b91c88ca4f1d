using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xfer.IO;
using Xfer.Metrics;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Cli;

/// <summary>End-to-end runs of xfer rank on files (stdout is redirected, so these run one at a time).</summary>
[Collection("Console")]
public sealed class RankCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xfer-rank-test-" + Guid.NewGuid().ToString("N"));

    public RankCommandTests()
    {
        Directory.CreateDirectory(_dir);
        const int n = 240, c = 4;
        NpyWriter.Write(P("labels.npy"), [n], Enumerable.Range(0, n).Select(i => (double)(i % c)).ToArray(), "<i8");
        (string Name, int D, double Sep)[] models = [("weak", 6, 0.2), ("mid", 12, 0.9), ("strong", 20, 2.5)];
        foreach (var (name, d, sep) in models)
        {
            var (x, _) = TestData.Clusters(n, d, c, sep, seed: d);
            NpyWriter.Write(P(name + ".npy"), x, float32: false);
        }

        var logits = TestData.Gaussian(n, 7, 3);
        NpyWriter.Write(P("mid_logits.npy"), logits, float32: false);
        File.WriteAllText(P("truth.csv"), "candidate,accuracy\nweak,0.31\nmid,0.62\nstrong,0.95\nunused,0.5\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private string[] Pool(params string[] extra) =>
        ["rank", "--labels", P("labels.npy"), "--candidate", "weak=" + P("weak.npy"), "--candidate", "mid=" + P("mid.npy") + ",logits=" + P("mid_logits.npy"),
            "--candidate", "strong=" + P("strong.npy"), .. extra];

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => CliInProcess.Run(args);

    [Fact]
    public void Json_has_candidates_scores_rankings_and_the_same_values_as_the_library()
    {
        var (code, stdout, stderr) = Run(Pool("--metrics", "logme,gbc,ncti,etran,leep", "--json"));
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["weak", "mid", "strong"], root.GetProperty("candidates").EnumerateArray().Select(e => e.GetString()));
        var scores = root.GetProperty("scores").EnumerateArray().ToList();
        Assert.Equal(15, scores.Count);
        var logmeStrong = scores.Single(s => s.GetProperty("candidate").GetString() == "strong" && s.GetProperty("metric").GetString() == "logme");
        var y = DataFiles.ReadLabels(P("labels.npy"));
        double expected = LogMe.Score(DataFiles.ReadMatrix(P("strong.npy"), "features"), y).Score;
        Assert.Equal(expected, logmeStrong.GetProperty("value").GetDouble());

        // Pool-relative metrics: values in the document, raw terms in the details.
        var ncti = scores.Where(s => s.GetProperty("metric").GetString() == "ncti").ToList();
        Assert.All(ncti, s => Assert.True(s.GetProperty("details").TryGetProperty("seli", out _)));
        Assert.All(ncti, s =>
        {
            var d = s.GetProperty("details");
            double sum = d.GetProperty("normalized.ncc").GetDouble() + d.GetProperty("normalized.seli").GetDouble() - d.GetProperty("normalized.vc").GetDouble();
            Assert.Equal(sum, s.GetProperty("value").GetDouble(), 12);
        });
        // LEEP: only the candidate with logits has a value; the others carry the reason.
        var leep = scores.Where(s => s.GetProperty("metric").GetString() == "leep").ToList();
        Assert.Single(leep, s => s.GetProperty("value").ValueKind == JsonValueKind.Number);
        Assert.Equal(2, leep.Count(s => s.TryGetProperty("unavailable", out _)));
        Assert.Equal(["strong", "mid", "weak"], root.GetProperty("rankings").GetProperty("logme").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["mid"], root.GetProperty("rankings").GetProperty("leep").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Out_writes_scores_csv_and_rank_json_and_truth_adds_the_agreement()
    {
        var dir = P("out");
        var (code, stdout, stderr) = Run(Pool("--metrics", "logme,sfda,etran", "--truth", P("truth.csv"), "--out", dir, "--bootstrap", "50"));
        Assert.True(code == 0, stderr);
        var csv = File.ReadAllLines(Path.Combine(dir, "scores.csv"));
        Assert.Equal("candidate,metric,value,higherIsBetter,seconds,note", csv[0]);
        Assert.Equal(1 + 9, csv.Length);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "rank.json")));
        var agreement = json.RootElement.GetProperty("agreement").EnumerateArray().ToList();
        Assert.Equal(3, agreement.Count);
        var logme = agreement.Single(a => a.GetProperty("metric").GetString() == "logme");
        Assert.Equal(1.0, logme.GetProperty("kendall").GetDouble(), 12);

        // The text output lists each metric's candidates best first, and the agreement table.
        int s = stdout.IndexOf("strong", stdout.IndexOf("logme —", StringComparison.Ordinal), StringComparison.Ordinal);
        int w = stdout.IndexOf("weak", stdout.IndexOf("logme —", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(s >= 0 && w > s, stdout);
        Assert.Contains("Agreement with", stdout, StringComparison.Ordinal);

        // scores.csv is a valid input of xfer correlate.
        var (code2, stdout2, stderr2) = Run("correlate", "--scores", Path.Combine(dir, "scores.csv"), "--truth", P("truth.csv"), "--json", "--bootstrap", "0");
        Assert.True(code2 == 0, stderr2);
        using var correlate = JsonDocument.Parse(stdout2);
        var again = correlate.RootElement.GetProperty("metrics").EnumerateArray().Single(a => a.GetProperty("metric").GetString() == "logme");
        Assert.Equal(logme.GetProperty("weightedTau").GetDouble(), again.GetProperty("weightedTau").GetDouble());
    }

    [Fact]
    public void A_single_candidate_ranks_with_pool_metrics_marked_unavailable()
    {
        var (code, stdout, stderr) = Run("rank", "--labels", P("labels.npy"), "--candidate", "only=" + P("mid.npy"), "--metrics", "ncti,logme", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var ncti = json.RootElement.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("metric").GetString() == "ncti");
        Assert.Equal(JsonValueKind.Null, ncti.GetProperty("value").ValueKind);
        Assert.Contains("at least two", ncti.GetProperty("unavailable").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duplicate")]
    [InlineData("rows")]
    [InlineData("probs")]
    [InlineData("truth")]
    [InlineData("metric")]
    public void User_errors_exit_with_code_2_and_one_line(string kind)
    {
        NpyWriter.Write(P("short.npy"), TestData.Gaussian(200, 5, 1), float32: false);
        File.WriteAllText(P("partial.csv"), "weak,0.3\nmid,0.6\n");
        string[] args = kind switch
        {
            "duplicate" => ["rank", "--labels", P("labels.npy"), "--candidate", "a=" + P("weak.npy"), "--candidate", "a=" + P("mid.npy")],
            "rows" => ["rank", "--labels", P("labels.npy"), "--candidate", "a=" + P("weak.npy"), "--candidate", "b=" + P("short.npy"), "--metrics", "logme"],
            "probs" => ["rank", "--labels", P("labels.npy"), "--candidate", "a=" + P("weak.npy"), "--candidate", "b=" + P("mid.npy"), "--metrics", "leep,logme"],
            "truth" => Pool("--truth", P("partial.csv")),
            _ => Pool("--metrics", "logme,nosuch"),
        };
        var (code, _, stderr) = Run(args);
        Assert.True(code == 2, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        string expected = kind switch
        {
            "duplicate" => "'a' is given 2 times",
            "rows" => "has 200 rows but labels has 240",
            "probs" => "leep needs the source model's predictions, but no candidate has them",
            "truth" => "no ground truth for candidate(s) strong",
            _ => "Unknown metric 'nosuch'",
        };
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }
}
