using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Onnx.Models;

namespace Xfer.Onnx.Extraction;

/// <summary>
/// Runs a model over images in batches and keeps the requested layers' outputs (flattened per image), plus the
/// classifier head's probabilities when the model has one.
/// </summary>
/// <remarks>
/// The graph is cut down to the requested layers (<see cref="OnnxGraphRewriter.SelectOutputs"/>): they become its
/// outputs and every node they do not depend on is removed, so one ONNX Runtime call per batch returns all of them
/// and computes nothing else. The input buffer is
/// allocated once and reused; outputs are copied straight from ONNX Runtime's memory into the result arrays.
/// </remarks>
public static class FeatureExtractor
{
    /// <summary>The probabilities block's name in results and archives.</summary>
    public const string ProbabilitiesName = "probs";

    /// <summary>
    /// Resolves the layers to extract: the requested ones (each checked against the model's layer list) or the pooled
    /// layer. A name the model lacks gives one line with close matches.
    /// </summary>
    public static IReadOnlyList<string> ResolveLayers(ResolvedModel model, IReadOnlyList<string> requested, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(requested);
        var listing = model.Layers(options);
        if (requested.Count == 0)
        {
            return listing.PooledLayer is string pooled
                ? [pooled]
                : throw new XferException($"{model.Spec} has no identified pooled layer; name one with --layer (see 'xfer layers --model {model.Spec}').");
        }

        var names = new HashSet<string>(listing.Layers.Select(l => l.Name), StringComparer.Ordinal);
        foreach (string layer in requested)
        {
            if (!names.Contains(layer))
            {
                var close = listing.Layers.Select(l => l.Name)
                    .Where(n => n.Contains(layer, StringComparison.OrdinalIgnoreCase) || layer.Contains(n, StringComparison.OrdinalIgnoreCase)
                        || EditDistance(n.ToLowerInvariant(), layer.ToLowerInvariant()) <= 2)
                    .Take(5).ToList();
                throw new XferException($"--layer {layer}: {model.Spec} has no such layer"
                    + (close.Count > 0 ? " (similar: " + string.Join(", ", close) + ")" : string.Empty)
                    + $"; 'xfer layers --model {model.Spec}' lists all {listing.Layers.Count}.");
            }
        }

        return requested.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Extracts <paramref name="options"/>' layers for every image of <paramref name="source"/>.</summary>
    public static ExtractedFeatures Extract(
        ResolvedModel model,
        ImageSource source,
        ExtractionOptions options,
        IProgress<ProgressUpdate>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchSize < 1)
        {
            throw new XferException($"--batch must be at least 1; got {options.BatchSize}.");
        }

        var layers = ResolveLayers(model, options.Layers, options.Session);
        string? probsLayer = options.IncludeProbabilities ? model.Layers(options.Session).ProbabilitiesLayer : null;
        var outputs = probsLayer is null || layers.Contains(probsLayer) ? layers.ToList() : [.. layers, probsLayer];
        var exposed = OnnxGraphRewriter.SelectOutputs(model.Model, outputs);
        using var session = OnnxSession.FromModel(exposed, model.OnnxPath, options.Session);
        var input = CheckInput(model, session, source);
        int batchSize = input.Shape[0] > 0 ? (int)input.Shape[0] : options.BatchSize;

        int n = source.Count;
        int sampleLength = checked((int)source.SampleLength);
        var inputShape = new long[source.SampleShape.Length + 1];
        for (int d = 0; d < source.SampleShape.Length; d++)
        {
            inputShape[d + 1] = source.SampleShape[d];
        }

        // Pooling applies to the requested layers, never to the probabilities; its channel axis follows the layout of
        // the model's values (Keras layers of TF.js models are channels-last, ONNX convolutions channels-first).
        bool? pooling = options.Pooling == LayerPooling.Average ? ChannelsLast(model) : null;
        var buffer = new float[checked(Math.Min(batchSize, n) * sampleLength)];
        var blocks = new FeatureBlock?[outputs.Count];
        var stopwatch = Stopwatch.StartNew();
        string stage = "extract " + (model.Named?.Id ?? System.IO.Path.GetFileName(model.Spec));
        progress?.Report(new ProgressUpdate(stage, string.Empty, 0, n));
        for (int start = 0; start < n; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, n - start);
            if (input.Shape[0] > 0 && count != input.Shape[0])
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "{0} has a fixed batch size of {1}, but {2} images leave a last batch of {3}; use --limit with a multiple of {1}.", model.Spec, input.Shape[0], n, count));
            }

            var data = buffer.AsMemory(0, count * sampleLength);
            source.Fill(start, count, data.Span);
            inputShape[0] = count;
            int rowOffset = start;
            session.Run(
                [new KeyValuePair<string, FloatTensor>(input.Name, new FloatTensor(data, inputShape))],
                outputs,
                (i, values, shape) => Store(blocks, i, outputs[i], values, shape, rowOffset, count, n, i < layers.Count ? pooling : null));
            double seconds = stopwatch.Elapsed.TotalSeconds;
            int done = start + count;
            progress?.Report(new ProgressUpdate(stage, string.Format(CultureInfo.InvariantCulture, "{0}/{1} images, {2:F1} images/s", done, n, done / Math.Max(seconds, 1e-9)), done, n));
        }

        stopwatch.Stop();
        var layerBlocks = blocks.Take(layers.Count).Select(b => b!).ToList();
        var probs = probsLayer is null ? null : blocks[outputs.IndexOf(probsLayer)]! with { Name = ProbabilitiesName };
        int threads = options.Session.IntraOpThreads ?? Parallelism.Threads;
        return new ExtractedFeatures(layerBlocks, probs, source.Labels, stopwatch.Elapsed.TotalSeconds, threads, batchSize);
    }

    /// <summary>
    /// Extracts and writes the archive to <paramref name="outPath"/> (see <see cref="FeatureArchive"/>), or copies it
    /// from the feature cache when the same request was extracted before (<see cref="FeatureCache"/>).
    /// </summary>
    public static ExtractionSummary ExtractToFile(
        ResolvedModel model,
        ImageSource source,
        ExtractionOptions options,
        string outPath,
        bool useCache = true,
        IProgress<ProgressUpdate>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var layers = ResolveLayers(model, options.Layers, options.Session);
        string? probsLayer = options.IncludeProbabilities ? model.Layers(options.Session).ProbabilitiesLayer : null;
        var keyLayers = options.Pooling == LayerPooling.None ? layers : layers.Select(l => l + " pooled:avg").ToList();
        string key = useCache ? FeatureCache.Key(model.Identity, source, keyLayers, probsLayer) : string.Empty;
        if (useCache && FeatureCache.TryCopy(key, outPath) is ExtractionSummary cached)
        {
            return cached;
        }

        var features = Extract(model, source, options with { Layers = layers }, progress, cancellationToken);
        var arrays = FeatureArchive.Write(outPath, features);
        var summary = new ExtractionSummary(model.Description, source.Description, features.Count, arrays,
            features.Seconds, features.ImagesPerSecond, features.Threads, features.BatchSize, FromCache: false, CacheKey: key);
        if (useCache)
        {
            FeatureCache.Store(key, outPath, summary);
        }

        return summary;
    }

    /// <summary>
    /// Whether the model's layer values are channels-last: Keras layers of TF.js models (named, given as model.json, or an
    /// ONNX file converted by xfer, recognised by its layer-list metadata) are (H, W, C); ONNX graphs otherwise follow
    /// ONNX's (C, H, W) convention for convolutions.
    /// </summary>
    private static bool ChannelsLast(ResolvedModel model)
        => model.Kind != ModelKind.Onnx || model.Model.MetadataProps.Any(p => p.Key == ModelRegistry.LayersKey);

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), for "did you mean" suggestions.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static TensorInfo CheckInput(ResolvedModel model, OnnxSession session, ImageSource source)
    {
        if (session.Inputs.Count != 1)
        {
            throw new XferException($"{model.Spec} has {session.Inputs.Count} inputs ({string.Join(", ", session.Inputs.Select(i => i.Name))}); xfer extracts from single-input image models.");
        }

        var input = session.Inputs[0];
        var sample = source.SampleShape;
        bool ok = input.Shape.Length == sample.Length + 1;
        for (int d = 0; ok && d < sample.Length; d++)
        {
            ok = input.Shape[d + 1] < 0 || input.Shape[d + 1] == sample[d];
        }

        if (!ok)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "{0} holds images of shape ({1}) but {2} expects input '{3}' {4} (batch first); prepare the images for the model{5}.",
                source.Name, string.Join(", ", sample), model.Spec, input.Name, input.ShapeText,
                source is ArrayImageSource ? " or use --dataset" : string.Empty));
        }

        return input;
    }

    // channelsLast: null stores the values as they are; otherwise a feature map is pooled with that layout.
    private static void Store(FeatureBlock?[] blocks, int index, string name, ReadOnlySpan<float> values, ReadOnlySpan<long> shape, int rowOffset, int count, int total, bool? channelsLast)
    {
        if (shape.Length == 0 || shape[0] != count)
        {
            throw new XferException($"layer '{name}' has shape {TensorInfo.FormatShape(shape)} for a batch of {count}; only per-image layers (batch first) can be extracted.");
        }

        if (channelsLast is bool last && SpatialAveragePooling.Applies(shape[1..]))
        {
            var pooled = new float[count * SpatialAveragePooling.Channels(shape[1..], last)];
            SpatialAveragePooling.Pool(values, count, shape[1..], last, pooled);
            Store(blocks, index, name, pooled, [count, pooled.Length / count], rowOffset, count, total, null);
            return;
        }

        int columns = checked((int)(values.Length / count));
        var block = blocks[index];
        if (block is null)
        {
            long size = (long)total * columns;
            if (size > Array.MaxLength)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "layer '{0}' has {1} values per image; {2} images would need {3} values, more than one array holds. Use --limit or a smaller layer.", name, columns, total, size));
            }

            var sampleShape = shape[1..].ToArray().Select(d => (int)d).ToArray();
            block = blocks[index] = new FeatureBlock(name, total, columns, sampleShape, new float[size]);
        }
        else if (block.Columns != columns)
        {
            throw new XferException($"layer '{name}' changed size between batches ({block.Columns} then {columns} values per image).");
        }

        values.CopyTo(block.Values.AsSpan(rowOffset * columns, count * columns));
    }
}
