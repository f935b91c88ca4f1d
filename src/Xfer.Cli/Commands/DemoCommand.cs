using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Xfer.Cli.Console;
using Xfer.Cli.Demo;
using Xfer.Onnx;
using Xfer.Reports;

namespace Xfer.Cli.Commands;

/// <summary>
/// <c>xfer demo [--out DIR] [--quick] [--seed S] [--no-browser-check]</c>: the whole study on real models and data, with
/// an HTML report (docs/demo.md).
/// </summary>
public static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CancellationToken cancellationToken)
    {
        var output = new Option<string>("--out") { Description = "Report directory (report.html, results.json, CSVs, summary.md, features/).", DefaultValueFactory = _ => "xfer-report" };
        var quick = new Option<bool>("--quick") { Description = "A smaller study (300 Fashion-MNIST and 200 digits images, 200 bootstrap resamples) for a first look." };
        var seed = CommonOptions.Seed();
        var noBrowser = new Option<bool>("--no-browser-check") { Description = "Do not load report.html in headless Chromium to check that every chart renders." };
        var command = new Command("demo", "Run the demo study: MobileNetV2 and InceptionV3 layers on Fashion-MNIST and digits, every metric against linear-probe ground truth, with an HTML report.")
        {
            output, quick, seed, noBrowser,
        };

        CommandAction.Set(command, parse =>
        {
            var clock = Stopwatch.StartNew();
            string outDir = Path.GetFullPath(parse.GetValue(output)!);
            int s = parse.GetValue(seed);
            var plan = DemoPlan.Create(parse.GetValue(quick), s);
            var document = ConsoleProgress.Run(progress => DemoRunner.Run(plan, outDir, s, progress, cancellationToken));
            var files = ReportWriter.Write(document, outDir, XferCache.PathOf("report-js"));

            System.Console.Out.Write(SummaryMarkdown.Write(document));
            var err = System.Console.Error;
            if (!files.ChartsIncluded)
            {
                err.WriteLine($"xfer demo: report.html has tables only: {files.MissingCharts}; then rerun 'xfer demo' (features are cached).");
            }

            if (!parse.GetValue(noBrowser) && files.ChartsIncluded)
            {
                CheckInBrowser(Path.Combine(outDir, ReportWriter.HtmlFile), outDir);
            }

            err.WriteLine(string.Format(CultureInfo.InvariantCulture, "xfer demo: done in {0}. Wrote {1} to {2}. Open {3} in a browser.",
                FormatTime(clock.Elapsed.TotalSeconds), string.Join(", ", files.Files), outDir, Path.Combine(outDir, ReportWriter.HtmlFile)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void CheckInBrowser(string html, string outDir)
    {
        var err = System.Console.Error;
        string? chromium = HeadlessChromium.Find();
        if (chromium is null)
        {
            err.WriteLine("xfer demo: Chromium was not found, so report.html was not checked in a browser (install it with 'scripts/setup.sh browser', or pass --no-browser-check).");
            return;
        }

        try
        {
            var check = HeadlessChromium.Check(chromium, html, Path.Combine(outDir, "report.png"), TimeSpan.FromSeconds(60));
            int drawn = check.Charts.Count(c => c.Rendered);
            if (check.Passed)
            {
                err.WriteLine($"xfer demo: report.html checked in headless Chromium: {drawn} of {check.Charts.Count} charts rendered, no console errors, no network requests; screenshot report.png.");
            }
            else
            {
                err.WriteLine($"xfer demo: warning: in headless Chromium {drawn} of {check.Charts.Count} charts rendered (state: {check.RenderState}); "
                    + string.Join("; ", check.ConsoleErrors.Concat(check.NetworkRequests.Select(r => "network request " + r)).Take(3))
                    + ". The data files are complete; see report.png.");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Http.HttpRequestException or System.Net.WebSockets.WebSocketException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            err.WriteLine($"xfer demo: could not check report.html in headless Chromium ({e.Message}); the report itself is written. Pass --no-browser-check to skip this step.");
        }
    }

    private static string FormatTime(double seconds)
        => seconds < 120 ? seconds.ToString("F0", CultureInfo.InvariantCulture) + " s" : string.Format(CultureInfo.InvariantCulture, "{0} min {1:00} s", (int)seconds / 60, (int)seconds % 60);
}
