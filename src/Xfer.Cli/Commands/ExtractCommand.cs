using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using Xfer.Cli.Console;
using Xfer.Core.Errors;
using Xfer.IO.Datasets;
using Xfer.Onnx;
using Xfer.Onnx.Extraction;
using Xfer.Onnx.Models;

namespace Xfer.Cli.Commands;

/// <summary>
/// <c>xfer extract</c>: runs a model over a dataset or prepared images and writes the chosen layers' features (plus
/// <c>probs</c> and <c>labels</c> when known) to an .npz, reusing cached results for a repeated request.
/// </summary>
public static class ExtractCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CancellationToken cancellationToken)
    {
        var model = LayersCommand.ModelOption();
        var dataset = new Option<string?>("--dataset") { Description = "Dataset as NAME[:split], e.g. fashion-mnist:test (" + string.Join(", ", DatasetCatalog.Names) + "); prepared for the model." };
        var images = new Option<string?>("--images") { Description = "N×H×W×C float32 .npy of images already prepared for the model (fed as they are: no resizing or scaling)." };
        var layers = new Option<string[]>("--layer") { Description = "Layer to extract, as 'xfer layers' names it (repeatable, or comma-separated); default: the pooled layer." };
        var limit = new Option<int?>("--limit") { Description = "At most N images (datasets: seeded, class-stratified subsample; --images: the first N)." };
        var batch = new Option<int>("--batch") { Description = "Images per inference call.", DefaultValueFactory = _ => new ExtractionOptions().BatchSize };
        var threads = CommonOptions.Threads();
        var classes = new Option<string?>("--classes") { Description = "Datasets: keep only these class ids, comma-separated (relabelled 0..k-1 in the given order)." };
        var seed = CommonOptions.Seed();
        var output = new Option<string>("--out") { Description = "Output .npz: one N×D float32 array per layer, plus probs and labels when known.", Required = true };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the feature cache ($XFER_CACHE/features)." };
        var noProbs = new Option<bool>("--no-probs") { Description = "Do not save the classifier head's probabilities." };
        var pool = new Option<string>("--pool") { Description = "avg: store each convolutional layer globally average-pooled (one value per channel, as for layer selection); none: all H·W·C values.", DefaultValueFactory = _ => "none" };
        var json = CommonOptions.Json();
        var command = new Command("extract", "Extract features of a pre-trained model's layers for a dataset or prepared images into an .npz.")
        {
            model, dataset, images, layers, limit, batch, threads, classes, seed, output, noCache, noProbs, pool, json,
        };

        CommandAction.Set(command, parse =>
        {
            Inputs.ApplyThreads(parse.GetValue(threads));
            string? datasetSpec = parse.GetValue(dataset);
            string? imagesPath = parse.GetValue(images);
            if ((datasetSpec is null) == (imagesPath is null))
            {
                throw new XferException("Give exactly one of --dataset NAME[:split] or --images F.npy.");
            }

            int? limitValue = parse.GetValue(limit);
            if (limitValue is int l && l < 1)
            {
                throw new XferException($"--limit must be at least 1; got {l}.");
            }

            string? classList = parse.GetValue(classes);
            if (imagesPath is not null && classList is not null)
            {
                throw new XferException("--classes selects dataset classes; --images has no labels to select by.");
            }

            var options = new ExtractionOptions
            {
                Layers = (parse.GetValue(layers) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                BatchSize = parse.GetValue(batch),
                IncludeProbabilities = !parse.GetValue(noProbs),
                Pooling = SpatialAveragePooling.Parse(parse.GetValue(pool)!),
            };
            string outPath = parse.GetValue(output)!;
            var summary = ConsoleProgress.Run(progress =>
            {
                var resolved = ModelRegistry.Resolve(parse.GetValue(model)!, progress);
                ImageSource source = imagesPath is not null
                    ? new ArrayImageSource(imagesPath, limitValue)
                    : new DatasetImageSource(LoadDataset(datasetSpec!, ParseClasses(classList), limitValue, parse.GetValue(seed)), SpecFor(resolved));
                return FeatureExtractor.ExtractToFile(resolved, source, options, outPath, !parse.GetValue(noCache), progress, cancellationToken);
            });

            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(ToJson(summary, outPath));
            }
            else
            {
                WriteText(summary, outPath);
                if (options.Pooling == LayerPooling.Average)
                {
                    System.Console.Out.WriteLine("pooled  feature maps averaged over their spatial positions (one value per channel)");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>How images are prepared for <paramref name="model"/>: its stated spec, or one assumed from an NHWC input shape.</summary>
    public static ModelInputSpec SpecFor(ResolvedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.InputSpec is ModelInputSpec spec)
        {
            return spec;
        }

        var dims = model.Input.Type?.TensorType?.Shape?.Dim;
        if (dims is { Count: 4 } && dims.Skip(1).All(d => d.HasDimValue) && dims[3].DimValue is 1 or 3)
        {
            int h = (int)dims[1].DimValue, w = (int)dims[2].DimValue, c = (int)dims[3].DimValue;
            return new ModelInputSpec(h, w, c, Interpolation.Bilinear, 1.0, 0.0,
                string.Format(CultureInfo.InvariantCulture, "{0}×{1}×{2}, bilinear, pixel/max in [0, 1] (assumed: the model states no preprocessing)", h, w, c));
        }

        throw new XferException($"{model.Spec} has input '{model.Input.Name}' {LayersCommand.ShapeText(model.Input)}; --dataset prepares NHWC images (N, H, W, 1 or 3) only. Prepare the images yourself and pass --images F.npy.");
    }

    private static Dataset LoadDataset(string spec, int[]? classes, int? limit, int seed)
    {
        var request = DatasetCatalog.Parse(spec) with { Classes = classes, Limit = limit, Seed = seed };
        return DatasetCatalog.Load(request);
    }

    private static int[]? ParseClasses(string? list)
    {
        if (list is null)
        {
            return null;
        }

        var parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out ids[i]))
            {
                throw new XferException($"--classes {list}: '{parts[i]}' is not a class id; give integers such as 0,3,7.");
            }
        }

        if (ids.Length < 2 || ids.Distinct().Count() != ids.Length)
        {
            throw new XferException($"--classes {list}: give at least two distinct class ids.");
        }

        return ids;
    }

    private static void WriteText(ExtractionSummary s, string outPath)
    {
        var o = System.Console.Out;
        o.WriteLine(s.Model);
        o.WriteLine("images  " + s.Images);
        o.WriteLine("wrote   " + outPath + ": " + string.Join(", ", s.Arrays.Select(a => a.DType == "<i8"
            ? string.Format(CultureInfo.InvariantCulture, "{0} ({1}, int64)", a.Name, a.Rows)
            : string.Format(CultureInfo.InvariantCulture, "{0} ({1}×{2} float32{3})", a.Name, a.Rows, a.Columns,
                a.SampleShape.Length > 1 ? ", per image (" + string.Join(", ", a.SampleShape) + ") flattened" : string.Empty))));
        o.WriteLine(s.FromCache
            ? string.Format(CultureInfo.InvariantCulture, "cached  (computed earlier: {0} images in {1:F1} s, {2:F1} images/s with {3} thread(s), batch {4})", s.Count, s.Seconds, s.ImagesPerSecond, s.Threads, s.BatchSize)
            : string.Format(CultureInfo.InvariantCulture, "speed   {0} images in {1:F1} s: {2:F1} images/s with {3} thread(s), batch {4} (ONNX Runtime {5})", s.Count, s.Seconds, s.ImagesPerSecond, s.Threads, s.BatchSize, OnnxRuntime.Version));
    }

    private static string ToJson(ExtractionSummary s, string outPath) => JsonOutput.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("out", outPath);
        w.WriteString("model", s.Model);
        w.WriteString("images", s.Images);
        w.WriteNumber("count", s.Count);
        w.WriteBoolean("cached", s.FromCache);
        w.WriteNumber("seconds", s.Seconds);
        w.WriteNumber("imagesPerSecond", s.ImagesPerSecond);
        w.WriteNumber("threads", s.Threads);
        w.WriteNumber("batch", s.BatchSize);
        w.WriteString("cacheKey", s.CacheKey);
        w.WriteStartArray("arrays");
        foreach (var a in s.Arrays)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            w.WriteString("dtype", a.DType);
            w.WriteNumber("rows", a.Rows);
            w.WriteNumber("columns", a.Columns);
            w.WriteStartArray("sampleShape");
            foreach (int d in a.SampleShape)
            {
                w.WriteNumberValue(d);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
