using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xfer.Reports;
using Xfer.Tests.Tfjs;
using Xunit;

namespace Xfer.Tests.Reports;

/// <summary>results.json, the CSVs, summary.md and report.html from a hand-built document (<see cref="SampleReports"/>).</summary>
public sealed class ReportWritersTests
{
    [Fact]
    public void Results_json_has_weightedTau_with_its_interval_per_metric_and_nulls_for_undefined_numbers()
    {
        using var json = JsonDocument.Parse(ResultsJson.Write(SampleReports.Small()));
        var root = json.RootElement;
        Assert.Equal("Toy report", root.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("tta").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pge").ValueKind);
        var study = root.GetProperty("studies")[0];
        Assert.Equal("toy", study.GetProperty("id").GetString());
        Assert.Equal(30, study.GetProperty("trainSamples").GetInt32());
        Assert.Equal(["a", "b", "c,1"], study.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(0.75, study.GetProperty("candidates")[2].GetProperty("crossEntropy").GetDouble());

        var up = study.GetProperty("metrics")[0];
        Assert.Equal("up", up.GetProperty("metric").GetString());
        Assert.Equal(1.0, up.GetProperty("weightedTau").GetDouble());
        var ci = up.GetProperty("weightedTauInterval");
        Assert.Equal(0.5, ci.GetProperty("lower").GetDouble());
        Assert.Equal(1.0, ci.GetProperty("upper").GetDouble());
        Assert.Equal(0.95, ci.GetProperty("confidence").GetDouble());
        Assert.Equal(990, ci.GetProperty("valid").GetInt32());
        Assert.Equal(7, ci.GetProperty("seed").GetInt32());
        Assert.Equal(3, up.GetProperty("scores").GetArrayLength());

        var down = study.GetProperty("metrics")[1];
        Assert.Equal(-1.0, down.GetProperty("weightedTau").GetDouble());
        Assert.Equal(JsonValueKind.Null, down.GetProperty("weightedTauInterval").GetProperty("lower").ValueKind);
        Assert.Equal(0.8 / 0.9, down.GetProperty("top1RelativeAccuracy").GetDouble());
        Assert.True(down.GetProperty("poolRelative").GetBoolean());
        Assert.False(down.GetProperty("higherIsBetter").GetBoolean());
        var missing = down.GetProperty("unavailable")[0];
        Assert.Equal("c,1", missing.GetProperty("candidate").GetString());
        Assert.Equal("needs \"probs\"", missing.GetProperty("reason").GetString());
    }

    [Fact]
    public void Results_json_holds_tta_terms_and_the_pge_matrix()
    {
        using var json = JsonDocument.Parse(ResultsJson.Write(SampleReports.Small(SampleReports.Tta(), SampleReports.Pge())));
        var pairs = json.RootElement.GetProperty("tta").GetProperty("pairs");
        Assert.Equal(0.875, pairs[0].GetProperty("bound").GetDouble());
        Assert.Equal(0.125, pairs[0].GetProperty("wasserstein").GetDouble());
        Assert.Equal(JsonValueKind.Null, pairs[1].GetProperty("actualTargetLoss").ValueKind);
        var gaps = json.RootElement.GetProperty("pge").GetProperty("gaps");
        Assert.Equal(1.5, gaps[0][1].GetDouble());
        Assert.Equal(JsonValueKind.Null, gaps[0][2].ValueKind);
        Assert.Equal(0.25, gaps[1][1].GetDouble());
    }

    [Fact]
    public void Csv_tables_hold_exactly_the_hand_written_rows()
    {
        var doc = SampleReports.Small();
        Assert.Equal(
            "study,candidate,model,layer,features,accuracy,crossEntropy\n" +
            "toy,a,m1,l1,4,0.9,0.3\n" +
            "toy,b,m1,l2 (final),8,0.8,0.5\n" +
            "toy,\"c,1\",m2,l1,16,0.7,0.75\n", ResultsCsv.Candidates(doc));
        Assert.Equal(
            "study,candidate,metric,value,unavailable\n" +
            "toy,a,up,3,\n" +
            "toy,b,up,2,\n" +
            "toy,\"c,1\",up,1,\n" +
            "toy,a,down,0.5,\n" +
            "toy,b,down,0.25,\n" +
            "toy,\"c,1\",down,,\"needs \"\"probs\"\"\"\n", ResultsCsv.Scores(doc));
        var agreement = ResultsCsv.Agreement(doc).Split('\n');
        Assert.Equal("study,metric,name,higherIsBetter,poolRelative,candidates,weightedTau,weightedTauLow,weightedTauHigh,confidence,top1RelativeAccuracy,pearson,spearman,kendall,seconds", agreement[0]);
        Assert.Equal("toy,up,Up,true,false,3,1,0.5,1,0.95,1,1,1,1,0.25", agreement[1]);
        Assert.Equal("toy,down,Down,false,true,2,-1,,,0.95," + (0.8 / 0.9).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ",-1,-1,-1,1.5", agreement[2]);
        Assert.Equal("source,target,reweightedSourceLoss,labelMismatchEntropy,wasserstein,bound,actualTargetLoss\nsrc,tgt,0.5,0.25,0.125,0.875,0.6\nsrc2,tgt,1,0.5,0.25,1.75,\n", ResultsCsv.Tta(SampleReports.Tta()));
        Assert.Equal("target,source,gap\nt1,s1,0.5\nt1,s2,1.5\nt2,s1,2\nt2,s2,0.25\nt2,s3,1\n", ResultsCsv.Pge(SampleReports.Pge()));
        Assert.Equal(["candidates.csv", "scores.csv", "agreement.csv"], ResultsCsv.All(doc).Select(f => f.Key));
    }

    [Fact]
    public void Rankings_follow_each_metrics_direction()
    {
        var study = SampleReports.Small().Studies[0];
        Assert.Equal(["a", "b", "c,1"], StudyRanking.ByTruth(study).Select(c => c.Name));
        Assert.Equal(["up", "down"], StudyRanking.ByWeightedTau(study).Select(m => m.Id));
        var down = StudyRanking.Ranks(study, study.Metrics[1]);
        Assert.Equal(1, down["b"]);
        Assert.Equal(2, down["a"]);
        Assert.False(down.ContainsKey("c,1"));
        Assert.Equal("b", StudyRanking.TopPick(study, study.Metrics[1]));
    }

    [Fact]
    public void Summary_lists_candidates_by_truth_and_metrics_by_weighted_tau()
    {
        string md = SummaryMarkdown.Write(SampleReports.Small(SampleReports.Tta(), SampleReports.Pge()));
        Assert.Contains("| 1 | a | 4 | 0.9000 |", md, StringComparison.Ordinal);
        Assert.Contains("| 3 | c,1 | 16 | 0.7000 |", md, StringComparison.Ordinal);
        Assert.Contains("| Up | 1.000 | [0.500, 1.000] (95%) | 1.000 | a | 0.250 s |", md, StringComparison.Ordinal);
        Assert.Contains("| Down (↓) | -1.000 | – | 0.889 | b | 1.5 s |", md, StringComparison.Ordinal);
        Assert.True(md.IndexOf("| Up |", StringComparison.Ordinal) < md.IndexOf("| Down (↓) |", StringComparison.Ordinal));
        Assert.Contains("| src | tgt | 0.500 | 0.250 | 0.125 | 0.875 | 0.600 |", md, StringComparison.Ordinal);
        Assert.Contains("| t1 | 0.5 | 1.5 | – |", md, StringComparison.Ordinal);
        Assert.Contains("| probe | 2 min 10 s |  |", md, StringComparison.Ordinal);
        Assert.Contains("| **total** | **2 min 12 s** | |", md, StringComparison.Ordinal);
        Assert.Contains("> **Note:** nothing missing", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_chart_scripts_the_page_has_tables_and_says_why()
    {
        using var dir = new TempDirectory();
        var files = ReportWriter.Write(SampleReports.Small(), dir.Path, Path.Combine(dir.Path, "no-such-dir"));
        Assert.False(files.ChartsIncluded);
        Assert.Contains("scripts/setup.sh report", files.MissingCharts, StringComparison.Ordinal);
        Assert.Equal(["results.json", "candidates.csv", "scores.csv", "agreement.csv", "summary.md", "report.html"], files.Files);
        string html = File.ReadAllText(Path.Combine(dir.Path, "report.html"));
        Assert.Contains("Charts are not shown: the chart scripts (vega.min.js, vega-lite.min.js, vega-embed.min.js) are not in", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("<td>c,1</td><td>m2</td><td>l1</td><td class=\"num\">16</td><td class=\"num\">0.7000</td>", html, StringComparison.Ordinal);
        Assert.Contains("title=\"needs &quot;probs&quot;\">–</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void With_chart_scripts_the_page_inlines_them_and_one_spec_per_chart()
    {
        using var dir = new TempDirectory();
        string js = Path.Combine(dir.Path, "js");
        Directory.CreateDirectory(js);
        foreach (var f in VegaAssets.FileNames)
        {
            File.WriteAllText(Path.Combine(js, f), "/* " + f + " */ var s = '</script>';");
        }

        var doc = SampleReports.Small(SampleReports.Tta(), SampleReports.Pge());
        var files = ReportWriter.Write(doc, Path.Combine(dir.Path, "out"), js);
        Assert.True(files.ChartsIncluded);
        Assert.Contains("tta.csv", files.Files);
        string html = File.ReadAllText(Path.Combine(dir.Path, "out", "report.html"));
        string[] ids = ["truth-toy", "ranks-toy", "scatter-toy", "tau-toy", "time-toy", "tta", "pge"];
        Assert.Equal(ids, HtmlReport.Charts(doc).Select(c => c.Id));
        foreach (var id in ids)
        {
            Assert.Contains($"<div class=\"chart\" id=\"{id}\"></div>", html, StringComparison.Ordinal);
            Assert.Contains($"<script type=\"application/json\" id=\"spec-{id}\">", html, StringComparison.Ordinal);
        }

        // Inlined in load order, with the closing-tag sequence neutralised; no external script or stylesheet.
        Assert.True(html.IndexOf("/* vega.min.js */", StringComparison.Ordinal) < html.IndexOf("/* vega-lite.min.js */", StringComparison.Ordinal));
        Assert.Contains("var s = '<\\/script>';", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Weighted_tau_chart_data_carry_the_interval_and_skip_undefined_bounds()
    {
        var spec = VegaLiteCharts.WeightedTau(SampleReports.Small().Studies[0]).Spec;
        var values = spec["data"]!["values"]!.AsArray();
        Assert.Equal("Up", (string?)values[0]!["metric"]);
        Assert.Equal(0.5, (double)values[0]!["lower"]!);
        Assert.Null(values[1]!["lower"]);
        var tta = VegaLiteCharts.Tta(SampleReports.Tta()).Spec["layer"]!.AsArray()[0]!["data"]!["values"]!.AsArray();
        Assert.Equal(6, tta.Count);
        Assert.Equal(0.875, tta.Where(v => (string?)v!["pair"] == "src → tgt").Sum(v => (double)v!["value"]!), 12);
    }
}
