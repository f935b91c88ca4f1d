using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Xfer.Core;
using Xfer.Onnx;
using Xfer.Onnx.Extraction;
using Xfer.Onnx.Models;

namespace Xfer.Bench.Extract;

/// <summary>
/// Images per second of <c>xfer extract</c>'s inference loop (<see cref="FeatureExtractor.Extract"/>) for the named
/// models, on synthetic prepared images (uniform [0, 1), seed 1), default pooled layer plus probs, after one warm-up
/// batch. Usage: <c>dotnet run -c Release --project bench/Extract -- [images=64] [batch=16] [threads=1,2] [models=mobilenet-v2,inception-v3]</c>.
/// Needs <c>scripts/setup.sh models</c>. Prints one Markdown row per (model, threads).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmark; see the class summary for the arguments.</summary>
    public static int Main(string[] args)
    {
        var arguments = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        int images = int.Parse(arguments.GetValueOrDefault("images", "64"), CultureInfo.InvariantCulture);
        int batch = int.Parse(arguments.GetValueOrDefault("batch", "16"), CultureInfo.InvariantCulture);
        var threads = arguments.GetValueOrDefault("threads", "1,2").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var models = arguments.GetValueOrDefault("models", "mobilenet-v2,inception-v3").Split(',');

        Console.WriteLine($"# xfer extract throughput, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} processors, "
            + $"{RuntimeInformation.OSDescription}, ONNX Runtime {OnnxRuntime.Version}, load average {LoadAverage()}");
        Console.WriteLine("| model | input | images | batch | threads | seconds | images/s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (string name in models)
        {
            var model = ModelRegistry.Resolve(name);
            var spec = model.InputSpec!;
            var source = new SyntheticImages(images, [spec.Height, spec.Width, spec.Channels]);
            foreach (int t in threads)
            {
                var options = new ExtractionOptions { BatchSize = batch, Session = new OnnxSessionOptions { IntraOpThreads = t } };
                FeatureExtractor.Extract(model, new SyntheticImages(batch, source.SampleShape), options); // warm-up: session creation, first-run allocations
                var stopwatch = Stopwatch.StartNew();
                var result = FeatureExtractor.Extract(model, source, options);
                stopwatch.Stop();
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1}×{2}×{3} | {4} | {5} | {6} | {7:F2} | {8:F1} |",
                    name, spec.Height, spec.Width, spec.Channels, images, batch, t, result.Seconds, result.ImagesPerSecond));
            }
        }

        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (System.IO.IOException)
        {
            return "unknown";
        }
    }

    private sealed class SyntheticImages : ImageSource
    {
        private readonly float[] _pixels;

        public SyntheticImages(int count, int[] shape)
        {
            Count = count;
            SampleShape = shape;
            var rng = new Random(1);
            _pixels = new float[count * shape.Aggregate(1, (a, b) => a * b)];
            for (int i = 0; i < _pixels.Length; i++)
            {
                _pixels[i] = (float)rng.NextDouble();
            }
        }

        public override int Count { get; }

        public override int[] SampleShape { get; }

        public override ClassLabels? Labels => null;

        public override string Name => "synthetic";

        public override string Description => "synthetic uniform [0, 1) images";

        public override void Fill(int start, int count, Span<float> destination)
            => _pixels.AsSpan(start * (int)SampleLength, count * (int)SampleLength).CopyTo(destination);

        public override void WriteIdentity(IncrementalHash hash) => hash.AppendData(MemoryMarshal.AsBytes(_pixels.AsSpan()));
    }
}
