using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Bench.Suite;

/// <summary>
/// Wall-clock benchmark of every metric in <see cref="MetricCatalog"/> on a seeded synthetic task (<see cref="SyntheticTask"/>), each on
/// its own and as the whole suite the way <c>xfer rank</c> runs it (<see cref="PoolRunner"/>: shared statistics computed once).
/// Usage: <c>dotnet run -c Release --project bench/Suite -- [--n 20000] [--d 1024] [--c 50] [--cs 100] [--seed 1] [--sep 1]
/// [--out DIR] [--metrics a,b] [--no-suite]</c>. Writes DIR/features.npy, labels.npy, probs.npy (the data numpy_reference.py reads),
/// DIR/xfer.json and DIR/xfer.md. Threads: <c>XFER_THREADS</c> (BLAS and managed loops).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmark; see the class summary for the options.</summary>
    public static int Main(string[] args)
    {
        var o = Options.Parse(args);
        Directory.CreateDirectory(o.Out);
        var provider = Linalg.Provider;
        Console.Error.WriteLine($"suite: provider {provider.Name}, BLAS threads {provider.Threads}, managed threads {Parallelism.Threads}");

        var clock = Stopwatch.StartNew();
        var data = SyntheticTask.Generate(o.N, o.D, o.C, o.Cs, o.Seed, o.Separation);
        var source = SourcePredictions.FromLogits(data.Logits.Clone());
        double generateSeconds = clock.Elapsed.TotalSeconds;
        NpyFile.Write(Path.Combine(o.Out, "features.npy"), data.Features.Data, o.N, o.D);
        NpyFile.Write(Path.Combine(o.Out, "labels.npy"), data.Labels);
        NpyFile.Write(Path.Combine(o.Out, "probs.npy"), source.Probabilities.Data, o.N, o.Cs);
        Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "suite: generated N={0} D={1} C={2} Cs={3} in {4:F1} s, wrote {5}",
            o.N, o.D, o.C, o.Cs, generateSeconds, o.Out));

        var labels = ClassLabels.FromIntegers(data.Labels);
        var metrics = o.Metrics is null ? MetricCatalog.All : MetricCatalog.Parse(o.Metrics, includePoolRelative: true);
        var settings = new MetricSettings();

        WarmUp(metrics, settings);

        // Each metric on its own: a fresh task, so the metric pays for the shared statistics it uses, as a standalone script would.
        var alone = new List<MetricRun>();
        foreach (var metric in metrics)
        {
            Collect();
            var task = new TransferTask(data.Features, labels, source, "synthetic");
            Console.Error.Write($"suite: {metric.Descriptor.Id} ... ");
            var run = RunAlone(metric, task, settings);
            Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:F2} s  {1}", run.Seconds, run.Value?.ToString("R", CultureInfo.InvariantCulture) ?? run.Unavailable));
            alone.Add(run);
        }

        // The whole suite as `xfer rank` runs it on one candidate: PoolRunner, shared statistics computed once.
        PoolResult? suite = null;
        if (!o.NoSuite)
        {
            Collect();
            Console.Error.Write("suite: whole suite (PoolRunner) ... ");
            suite = PoolRunner.Run([new PoolCandidate("synthetic", () => new TransferTask(data.Features, labels, source, "synthetic"))], metrics, settings);
            Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:F2} s", suite.Seconds));
        }

        var machine = new Machine(provider.Name, provider.Threads, Parallelism.Threads, Environment.ProcessorCount, RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription, LoadAverage(), DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        File.WriteAllText(Path.Combine(o.Out, "xfer.json"), Report.Json(o, machine, alone, suite));
        File.WriteAllText(Path.Combine(o.Out, "xfer.md"), Report.Markdown(o, machine, alone, suite));
        Console.Write(Report.Markdown(o, machine, alone, suite));
        return 0;
    }

    /// <summary>One run of every metric (and a two-candidate pool for pool-relative ones) on a small task, so JIT compilation, native
    /// library loading and first-use allocations are not timed.</summary>
    private static void WarmUp(IReadOnlyList<ITransferabilityMetric> metrics, MetricSettings settings)
    {
        var sw = Stopwatch.StartNew();
        var small = SyntheticTask.Generate(600, 48, 5, 10, 12345, 0.7);
        var smallLabels = ClassLabels.FromIntegers(small.Labels);
        var smallSource = SourcePredictions.FromLogits(small.Logits.Clone());
        var other = SyntheticTask.Generate(600, 40, 5, 10, 54321, 0.5);
        PoolRunner.Run(
        [
            new PoolCandidate("a", () => new TransferTask(small.Features, smallLabels, smallSource, "a")),
            new PoolCandidate("b", () => new TransferTask(other.Features.SelectRows(Enumerable.Range(0, 600).ToArray()), smallLabels, smallSource, "b")),
        ], metrics, settings);
        foreach (var metric in metrics)
        {
            RunAlone(metric, new TransferTask(small.Features, smallLabels, smallSource, "a"), settings);
        }

        Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "suite: warm-up {0:F1} s", sw.Elapsed.TotalSeconds));
    }

    private static MetricRun RunAlone(ITransferabilityMetric metric, TransferTask task, MetricSettings settings)
    {
        switch (metric)
        {
            case ISingleTaskMetric single:
                var outcome = MetricRunner.Evaluate(task, single, settings, CancellationToken.None);
                return new MetricRun(metric.Descriptor, outcome.Seconds, outcome.Value, outcome.Unavailable, outcome.Details);
            case IPoolRelativeMetric pooled:
                // Pool-relative: the per-candidate part (its raw components) is what costs; the min-max across the pool is O(pool size).
                var sw = Stopwatch.StartNew();
                var components = pooled.ComputeComponents(task, settings, CancellationToken.None);
                return new MetricRun(metric.Descriptor, sw.Elapsed.TotalSeconds, null, "pool-relative: per-candidate components only", components.Values);
            default:
                throw new ArgumentException($"unknown metric kind {metric.Descriptor.Id}", nameof(metric));
        }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}

/// <summary>Command-line options.</summary>
internal sealed record Options(int N, int D, int C, int Cs, int Seed, double Separation, string Out, string? Metrics, bool NoSuite)
{
    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        bool noSuite = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-suite")
            {
                noSuite = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                map[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'; see the usage in Program.cs");
            }
        }

        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(Int("n", 20000), Int("d", 1024), Int("c", 50), Int("cs", 100), Int("seed", 1),
            map.TryGetValue("sep", out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : 1.0,
            map.GetValueOrDefault("out", "bench/Suite/data"), map.GetValueOrDefault("metrics"), noSuite);
    }
}

/// <summary>Where and how the benchmark ran.</summary>
internal sealed record Machine(string Provider, int BlasThreads, int ManagedThreads, int Processors, string Runtime, string Os, string LoadAverage, string Date);

/// <summary>One metric timed on its own.</summary>
internal sealed record MetricRun(MetricDescriptor Metric, double Seconds, double? Value, string? Unavailable, IReadOnlyDictionary<string, double> Details);

/// <summary>The JSON and Markdown reports.</summary>
internal static class Report
{
    public static string Json(Options o, Machine m, IReadOnlyList<MetricRun> alone, PoolResult? suite)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("task");
            w.WriteNumber("n", o.N);
            w.WriteNumber("d", o.D);
            w.WriteNumber("c", o.C);
            w.WriteNumber("cs", o.Cs);
            w.WriteNumber("seed", o.Seed);
            w.WriteNumber("sep", o.Separation);
            w.WriteEndObject();
            w.WriteStartObject("machine");
            w.WriteString("provider", m.Provider);
            w.WriteNumber("blasThreads", m.BlasThreads);
            w.WriteNumber("managedThreads", m.ManagedThreads);
            w.WriteNumber("processors", m.Processors);
            w.WriteString("runtime", m.Runtime);
            w.WriteString("os", m.Os);
            w.WriteString("loadAverage", m.LoadAverage);
            w.WriteString("date", m.Date);
            w.WriteEndObject();
            w.WriteStartArray("metrics");
            foreach (var r in alone)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Metric.Id);
                w.WriteNumber("seconds", r.Seconds);
                if (r.Value is double v)
                {
                    w.WriteNumber("value", v);
                }
                else
                {
                    w.WriteNull("value");
                    w.WriteString("unavailable", r.Unavailable);
                }

                w.WriteStartObject("details");
                foreach (var (key, value) in r.Details)
                {
                    if (double.IsFinite(value))
                    {
                        w.WriteNumber(key, value);
                    }
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (suite is not null)
            {
                w.WriteStartObject("suite");
                w.WriteNumber("seconds", suite.Seconds);
                w.WriteNumber("sharedSeconds", suite.Candidates[0].SharedSeconds);
                w.WriteStartObject("metricSeconds");
                foreach (var outcome in suite.Outcomes)
                {
                    w.WriteNumber(outcome.Metric.Id, outcome.Seconds);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string Markdown(Options o, Machine m, IReadOnlyList<MetricRun> alone, PoolResult? suite)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Format(inv, "xfer metric suite, N={0} D={1} C={2} Cs={3} seed={4} sep={5}; {6}; BLAS threads {7}, managed threads {8}; "
            + "{9} processors; {10}; load average {11}; {12}", o.N, o.D, o.C, o.Cs, o.Seed, o.Separation, m.Provider, m.BlasThreads, m.ManagedThreads,
            m.Processors, m.Runtime, m.LoadAverage, m.Date));
        sb.AppendLine();
        sb.AppendLine("| metric | alone (s) | in suite (s) | value |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var r in alone)
        {
            var inSuite = suite?.Outcomes.FirstOrDefault(x => x.Metric.Id == r.Metric.Id);
            sb.AppendLine(string.Format(inv, "| {0} | {1:F2} | {2} | {3} |", r.Metric.Id, r.Seconds,
                inSuite is null ? "–" : inSuite.Seconds.ToString("F2", inv), r.Value?.ToString("G10", inv) ?? "(components)"));
        }

        sb.AppendLine(string.Format(inv, "| **sum of alone** | {0:F2} | | |", alone.Sum(r => r.Seconds)));
        if (suite is not null)
        {
            sb.AppendLine(string.Format(inv, "| **whole suite** (PoolRunner, shared statistics {0:F2} s) | | {1:F2} | |", suite.Candidates[0].SharedSeconds, suite.Seconds));
        }

        return sb.ToString();
    }
}
