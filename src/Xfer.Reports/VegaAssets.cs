using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Xfer.Reports;

/// <summary>
/// The Vega, Vega-Lite and vega-embed browser bundles that report.html inlines, so the page needs no network when viewed.
/// <c>scripts/setup.sh report</c> fetches them with <c>npm pack</c> into <c>&lt;cache&gt;/report-js/</c>; they are
/// never committed.
/// </summary>
/// <param name="Directory">Where the scripts were read from.</param>
/// <param name="Scripts">Script texts in load order (vega, vega-lite, vega-embed).</param>
/// <param name="Versions">Package versions (from the directory's VERSIONS file), for the report's provenance; empty when unknown.</param>
public sealed record VegaAssets(string Directory, IReadOnlyList<string> Scripts, string Versions)
{
    /// <summary>The files, in the order a page must load them (vega-lite needs vega; vega-embed needs both).</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];

    /// <summary>The setup command that fetches the scripts (for messages).</summary>
    public const string SetupCommand = "scripts/setup.sh report";

    /// <summary>Reads the scripts from <paramref name="directory"/>, or returns null with the reason (one line) when any is missing.</summary>
    public static VegaAssets? TryLoad(string directory, out string? missing)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var absent = FileNames.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (absent.Count > 0)
        {
            missing = $"the chart scripts ({string.Join(", ", absent)}) are not in {directory}; run '{SetupCommand}' (npm pack of vega, vega-lite and vega-embed) to fetch them";
            return null;
        }

        missing = null;
        string versionsFile = Path.Combine(directory, "VERSIONS");
        string versions = File.Exists(versionsFile) ? File.ReadAllText(versionsFile).Trim().ReplaceLineEndings(", ") : string.Empty;
        return new VegaAssets(directory, FileNames.Select(f => File.ReadAllText(Path.Combine(directory, f))).ToList(), versions);
    }
}
