using System;
using System.IO;
using System.Linq;
using Xfer.Cli.Demo;
using Xfer.Onnx;
using Xfer.Reports;
using Xfer.Tests.Tfjs;
using Xunit;

namespace Xfer.Tests.Reports;

/// <summary>
/// Skipped, with the reason, when Chromium or the chart scripts are missing; <c>XFER_REQUIRE_BROWSER=1</c> turns the skip
/// into a failure (for CI machines that ran <c>scripts/setup.sh browser report</c>).
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        string? problem = HeadlessChromium.Find() is null
            ? "Chromium is not installed (scripts/setup.sh browser installs Debian's chromium)"
            : VegaAssets.TryLoad(XferCache.PathOf("report-js"), out string? missing) is null ? missing : null;
        if (problem is not null && Environment.GetEnvironmentVariable("XFER_REQUIRE_BROWSER") != "1")
        {
            Skip = problem;
        }
    }
}

/// <summary>report.html of a synthetic document (every chart kind, TTA and PGE included) in headless Chromium.</summary>
[Trait("Category", "Slow")]
public sealed class ReportBrowserTests
{
    [BrowserFact]
    public void Every_chart_renders_without_console_errors_or_network_requests()
    {
        string chromium = HeadlessChromium.Find() ?? throw new InvalidOperationException("XFER_REQUIRE_BROWSER=1 but Chromium is not installed; run scripts/setup.sh browser.");
        using var dir = new TempDirectory();
        var doc = SampleReports.Small(SampleReports.Tta(), SampleReports.Pge());
        var files = ReportWriter.Write(doc, dir.Path, XferCache.PathOf("report-js"));
        Assert.True(files.ChartsIncluded, files.MissingCharts);

        // The screenshot is kept as a test artifact.
        string artifacts = Path.Combine(AppContext.BaseDirectory, "TestResults");
        string screenshot = Path.Combine(artifacts, "report-synthetic.png");
        File.Copy(Path.Combine(dir.Path, "report.html"), Path.Combine(Directory.CreateDirectory(artifacts).FullName, "report-synthetic.html"), overwrite: true);
        var check = HeadlessChromium.Check(chromium, Path.Combine(dir.Path, "report.html"), screenshot, TimeSpan.FromSeconds(60));

        Assert.Empty(check.ConsoleErrors);
        Assert.Empty(check.NetworkRequests);
        Assert.Equal("7", check.RenderState);
        Assert.Equal(HtmlReport.Charts(doc).Select(c => c.Id), check.Charts.Select(c => c.Id));
        foreach (var c in check.Charts)
        {
            Assert.True(c.Rendered, $"chart {c.Id} drew {c.Marks} marks in {c.Width}×{c.Height} px");
        }

        // Each chart draws at least one mark per data point it must show (3 candidates, 2 metrics, 2 TTA pairs × 3 terms, 5 gaps).
        Assert.True(check.Charts.Single(c => c.Id == "truth-toy").Marks >= 3);
        Assert.True(check.Charts.Single(c => c.Id == "tta").Marks >= 6);
        Assert.True(check.Charts.Single(c => c.Id == "pge").Marks >= 5);
        Assert.True(check.Passed);
        var png = File.ReadAllBytes(screenshot);
        Assert.True(png.Length > 10_000, $"screenshot has {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
    }

    [BrowserFact]
    public void A_script_error_on_the_page_is_reported()
    {
        // The check must be able to fail: a page that throws and logs an error.
        string chromium = HeadlessChromium.Find()!;
        using var dir = new TempDirectory();
        string page = Path.Combine(dir.Path, "bad.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><div class=\"chart\" id=\"x\"></div><script>console.error('boom'); document.body.setAttribute('data-charts-rendered', '0'); null.f();</script></body></html>");
        var check = HeadlessChromium.Check(chromium, page, null, TimeSpan.FromSeconds(30));
        Assert.False(check.Passed);
        Assert.Contains(check.ConsoleErrors, e => e.Contains("boom", StringComparison.Ordinal));
        Assert.Contains(check.ConsoleErrors, e => e.StartsWith("exception:", StringComparison.Ordinal));
        Assert.False(check.Charts.Single().Rendered);
    }
}
