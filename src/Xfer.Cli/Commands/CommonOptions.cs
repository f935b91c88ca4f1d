using System;
using System.CommandLine;
using System.Globalization;
using Xfer.Core.Errors;
using Xfer.Metrics.Catalog;

namespace Xfer.Cli.Commands;

/// <summary>Options shared by several commands, created fresh for each command.</summary>
public static class CommonOptions
{
    /// <summary><c>--json</c>: machine-readable output on stdout.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write JSON to stdout instead of a table." };

    /// <summary><c>--threads N</c>.</summary>
    public static Option<int?> Threads() => new("--threads") { Description = "Threads for BLAS and managed loops (default: XFER_THREADS or all cores)." };

    /// <summary><c>--seed S</c>.</summary>
    public static Option<int> Seed() => new("--seed") { Description = "Seed for every random choice.", DefaultValueFactory = _ => MetricSettings.DefaultSeed };

    /// <summary><c>--metrics LIST</c>.</summary>
    public static Option<string> Metrics() => new("--metrics") { Description = "Comma-separated metric ids, or 'all'.", DefaultValueFactory = _ => "all" };

    /// <summary><c>--param key=value</c> (repeatable): a metric parameter.</summary>
    public static Option<string[]> Params() => new("--param")
    {
        Description = "Metric parameter as key=value, e.g. transrate.epsilon=1e-3 (repeatable; see docs/metrics).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>--label-column NAME|INDEX</c> for CSV inputs.</summary>
    public static Option<string?> LabelColumn() => new("--label-column") { Description = "CSV inputs: the label column, by header name or 0-based index (default: last column for labels)." };

    /// <summary><c>--transrate-eps</c>: TransRate's distortion ε.</summary>
    public static Option<double?> TransRateEpsilon() => new("--transrate-eps") { Description = "TransRate distortion ε (default 1e-4)." };

    /// <summary>Builds metric settings from the seed, <c>--param</c> pairs and the TransRate ε shortcut.</summary>
    public static MetricSettings BuildSettings(int seed, string[]? parameters, double? transRateEpsilon)
    {
        var settings = new MetricSettings { Seed = seed };
        foreach (var p in parameters ?? [])
        {
            int eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new XferException($"--param {p}: expected key=value, e.g. transrate.epsilon=1e-3.");
            }

            settings.Set(p[..eq].Trim(), p[(eq + 1)..].Trim());
        }

        if (transRateEpsilon is double eps)
        {
            if (!(eps > 0) || !double.IsFinite(eps))
            {
                throw new XferException($"--transrate-eps must be a positive number; got {eps.ToString(CultureInfo.InvariantCulture)}.");
            }

            settings.Set("transrate.epsilon", eps.ToString("R", CultureInfo.InvariantCulture));
        }

        return settings;
    }
}
