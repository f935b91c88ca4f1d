using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xfer.Analysis.Pge;
using Xfer.Core;
using Xfer.IO;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Cli;

/// <summary><c>xfer pge</c> end to end: JSON shape and values, the cache, saved signatures as inputs, and one-line errors.</summary>
public sealed class PgeCommandTests : IDisposable
{
    private static readonly PgeOptions Options = new() { HiddenUnits = 8, Restarts = 2, StepsPerRestart = 10, BatchSize = 16, Seed = 4 };
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xfer-pge-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, (Matrix X, ClassLabels Y)> _tasks = [];

    public PgeCommandTests()
    {
        Directory.CreateDirectory(_dir);
        var (x, y) = TestData.Clusters(80, 6, 3, separation: 2, seed: 1);
        Add("t", x, y);
        Add("same", x, TestData.Rename(y, seed: 2)); // a relabeling of the target
        var (xo, yo) = TestData.Clusters(80, 6, 2, separation: 2, seed: 9);
        Add("other", xo, yo);
        var (xw, yw) = TestData.Clusters(50, 5, 2, separation: 2, seed: 3);
        Add("wide", xw, yw); // 5 features: a different encoder
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Add(string name, Matrix x, ClassLabels y)
    {
        _tasks[name] = (x, y);
        NpyWriter.Write(Path.Combine(_dir, name + "_x.npy"), x);
        NpyWriter.Write(Path.Combine(_dir, name + "_y.npy"), [y.Count], y.ToArray().Select(v => (double)v).ToArray(), "<i8");
    }

    private string Task(string name) => name + "=" + Path.Combine(_dir, name + "_x.npy") + ":" + Path.Combine(_dir, name + "_y.npy");

    private CliProcess.Result Run(params string[] args) => CliProcess.RunWith(new Dictionary<string, string> { ["XFER_CACHE"] = Path.Combine(_dir, "cache") },
        ["pge", "--hidden", "8", "--restarts", "2", "--steps", "10", "--batch", "16", "--seed", "4", .. args]);

    [Fact]
    public void Json_ranks_sources_by_the_librarys_gap_and_the_second_run_is_served_from_the_cache()
    {
        var r = Run("--target", Task("t"), "--source", Task("other"), "--source", Task("same"), "--json");
        Assert.True(r.ExitCode == 0, r.StandardError);
        using var doc = JsonDocument.Parse(r.StandardOutput);
        var root = doc.RootElement;
        Assert.Equal("t", root.GetProperty("target").GetString());
        var sources = root.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["same", "other"], sources.Select(s => s.GetProperty("name").GetString()));

        var target = PrincipalGradientExpectation.Compute(_tasks["t"].X, _tasks["t"].Y, Options);
        foreach (var s in sources)
        {
            string name = s.GetProperty("name").GetString()!;
            var signature = PrincipalGradientExpectation.Compute(_tasks[name].X, _tasks[name].Y, Options);
            NumericAssert.Close(PgeGap.Compute(signature, target), s.GetProperty("gap").GetDouble(), rtol: 1e-12);
        }

        Assert.All(root.GetProperty("signatures").EnumerateArray(), s => Assert.False(s.GetProperty("cached").GetBoolean()));
        var again = Run("--target", Task("t"), "--source", Task("other"), "--source", Task("same"), "--json");
        using var doc2 = JsonDocument.Parse(again.StandardOutput);
        Assert.All(doc2.RootElement.GetProperty("signatures").EnumerateArray(), s => Assert.True(s.GetProperty("cached").GetBoolean()));
        Assert.Equal(sources.Select(s => s.GetProperty("gap").GetDouble()),
            doc2.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("gap").GetDouble()));
    }

    [Fact]
    public void Saved_signatures_stand_in_for_their_tasks()
    {
        string saved = Path.Combine(_dir, "sigs");
        var first = Run("--target", Task("t"), "--source", Task("other"), "--source", Task("same"), "--signature-out", saved, "--json", "--no-cache");
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.True(File.Exists(Path.Combine(saved, "other.pge.npz")));
        var reused = Run("--target", Task("t"), "--source", Path.Combine(saved, "other.pge.npz"), "--source", "s2=" + Path.Combine(saved, "same.pge.npz"), "--json", "--no-cache");
        Assert.True(reused.ExitCode == 0, reused.StandardError);
        using var a = JsonDocument.Parse(first.StandardOutput);
        using var b = JsonDocument.Parse(reused.StandardOutput);
        double Gap(JsonDocument d, string name) => d.RootElement.GetProperty("sources").EnumerateArray().First(s => s.GetProperty("name").GetString() == name).GetProperty("gap").GetDouble();
        Assert.Equal(Gap(a, "other"), Gap(b, "other"));
        Assert.Equal(Gap(a, "same"), Gap(b, "s2"));
    }

    [Fact]
    public void Repeats_report_the_spread_over_seeds()
    {
        var r = Run("--target", Task("t"), "--source", Task("other"), "--source", Task("same"), "--repeats", "3", "--json", "--no-cache");
        Assert.True(r.ExitCode == 0, r.StandardError);
        using var doc = JsonDocument.Parse(r.StandardOutput);
        foreach (var s in doc.RootElement.GetProperty("sources").EnumerateArray())
        {
            var gaps = s.GetProperty("gapsBySeed").EnumerateArray().Select(g => g.GetDouble()).ToArray();
            Assert.Equal(3, gaps.Length);
            NumericAssert.Close(gaps.Average(), s.GetProperty("gap").GetDouble(), rtol: 1e-14);
            NumericAssert.Close(PgeRanking.StandardDeviation(gaps), s.GetProperty("std").GetDouble(), rtol: 1e-12);
        }

        Assert.Equal(3, doc.RootElement.GetProperty("seeds").GetInt32());
    }

    [Theory]
    [InlineData("missing", "nope_x.npy")]
    [InlineData("encoder", "5 features")]
    [InlineData("units", "--units")]
    [InlineData("lr", "learning rate must be a positive finite number; got 0")]
    [InlineData("name", "same name")]
    public void User_errors_are_one_line_and_exit_2(string kind, string expected)
    {
        string[] args = kind switch
        {
            "missing" => ["--target", Task("t"), "--source", "x=" + Path.Combine(_dir, "nope_x.npy") + "," + Path.Combine(_dir, "t_y.npy")],
            "encoder" => ["--target", Task("t"), "--source", Task("wide")],
            "units" => ["--target", Task("t"), "--source", Task("other"), "--units", "layer"],
            "lr" => ["--target", Task("t"), "--source", Task("other"), "--lr", "0"],
            _ => ["--target", Task("t"), "--source", "t=" + Path.Combine(_dir, "other_x.npy") + ":" + Path.Combine(_dir, "other_y.npy")],
        };
        var r = Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.StandardError, StringComparison.Ordinal);
        Assert.Single(r.StandardError.Trim().Split('\n'));
        Assert.Equal(string.Empty, r.StandardOutput);
    }
}
