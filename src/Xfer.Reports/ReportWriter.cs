using System;
using System.Collections.Generic;
using System.IO;
using Xfer.Core;
using Xfer.Reports.Model;

namespace Xfer.Reports;

/// <summary>What <see cref="ReportWriter.Write"/> produced.</summary>
/// <param name="Directory">The output directory.</param>
/// <param name="Files">File names written, in order.</param>
/// <param name="ChartsIncluded">Whether report.html has charts (false: tables only, see <paramref name="MissingCharts"/>).</param>
/// <param name="MissingCharts">Why the charts are missing, or null.</param>
public sealed record ReportFiles(string Directory, IReadOnlyList<string> Files, bool ChartsIncluded, string? MissingCharts);

/// <summary>Writes a report directory: results.json, the CSVs, summary.md and report.html, each atomically.</summary>
public static class ReportWriter
{
    /// <summary>results.json.</summary>
    public const string JsonFile = "results.json";

    /// <summary>summary.md.</summary>
    public const string SummaryFile = "summary.md";

    /// <summary>report.html.</summary>
    public const string HtmlFile = "report.html";

    /// <summary>
    /// Writes every file into <paramref name="directory"/> (created if needed). The charts' scripts are read from
    /// <paramref name="vegaDirectory"/>; when they are missing the page is written with tables only and the reason is
    /// returned in <see cref="ReportFiles.MissingCharts"/>.
    /// </summary>
    public static ReportFiles Write(ReportDocument document, string directory, string vegaDirectory)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(vegaDirectory);
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        void Put(string name, string text)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, name), text);
            files.Add(name);
        }

        Put(JsonFile, ResultsJson.Write(document));
        foreach (var (name, text) in ResultsCsv.All(document))
        {
            Put(name, text);
        }

        Put(SummaryFile, SummaryMarkdown.Write(document));
        var assets = VegaAssets.TryLoad(vegaDirectory, out string? missing);
        Put(HtmlFile, HtmlReport.Write(document, assets, missing));
        return new ReportFiles(Path.GetFullPath(directory), files, assets is not null, missing);
    }
}
