using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Onnx.Proto;
using Xfer.Onnx.Tfjs;

namespace Xfer.Onnx.Models;

/// <summary>
/// Resolves <c>--model</c>: an <c>.onnx</c> file, a TF.js Layers model (<c>model.json</c>, or nsfwjs's
/// <c>model.min.js</c>), or a named model (<see cref="Named"/>). TF.js models are converted to ONNX once and cached
/// under <c>$XFER_CACHE/models/converted/</c>, keyed by the SHA-256 of their source files and
/// <see cref="TfjsConverterVersion.Current"/>.
/// </summary>
public static class ModelRegistry
{
    // Metadata keys stamped into a converted model, so a cached conversion carries what the importer knew.
    /// <summary>Metadata key of the layer list in models converted from TF.js (whose layer values are Keras' channels-last tensors).</summary>
    internal const string LayersKey = "xfer.tfjs.layers";
    private const string PooledKey = "xfer.tfjs.pooled";
    private const string ProbabilitiesKey = "xfer.tfjs.probabilities";
    private const string SourceKey = "xfer.tfjs.source";

    /// <summary>The named models: nsfwjs's MobileNetV2 and InceptionV3, described in <see cref="NsfwjsModels"/>.</summary>
    public static IReadOnlyList<NsfwjsModel> Named => NsfwjsModels.All;

    /// <summary>The named model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static NsfwjsModel? FindNamed(string name)
        => Named.FirstOrDefault(m => string.Equals(m.Id, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Resolves <paramref name="spec"/>. Converting a TF.js model (first use only) is reported on
    /// <paramref name="progress"/> as an indeterminate stage.
    /// </summary>
    public static ResolvedModel Resolve(string spec, IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (FindNamed(spec) is NsfwjsModel named)
        {
            string modelFile = NsfwjsModels.ModelPath(named);
            if (!File.Exists(modelFile))
            {
                throw new XferException($"--model {named.Id} needs the nsfwjs {NsfwjsModels.PackageVersion} networks in {NsfwjsModels.Directory} ({modelFile} is missing). Run scripts/setup.sh models.");
            }

            return FromTfjs(spec, modelFile, named.Id, ModelKind.Named, $"{named.Id}: {named.DisplayName}, TF.js Layers converted to ONNX", named, progress);
        }

        if (!File.Exists(spec))
        {
            throw new XferException($"--model {spec}: no such file, and not a named model ({string.Join(", ", Named.Select(m => m.Id))}). Give an .onnx file, a TF.js model.json, or a name.");
        }

        string lower = spec.ToLowerInvariant();
        if (lower.EndsWith(".json", StringComparison.Ordinal) || lower.EndsWith(".js", StringComparison.Ordinal))
        {
            string stem = "tfjs-" + Sanitize(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(spec))) ?? "model");
            return FromTfjs(spec, spec, stem, ModelKind.Tfjs, $"{spec}: TF.js Layers model (converted to ONNX)", null, progress);
        }

        string identity = Hash(h => AppendFile(h, spec));
        return new ResolvedModel(spec, ModelKind.Onnx, $"{spec}: ONNX model", spec, identity, null,
            (m, options) => OnnxLayerLister.List(m.Model, m.OnnxPath, options));
    }

    private static ResolvedModel FromTfjs(string spec, string modelFile, string stem, ModelKind kind, string description, NsfwjsModel? named, IProgress<ProgressUpdate>? progress)
    {
        var sources = TfjsSourceFiles(modelFile);
        string sourceHash = Hash(h =>
        {
            foreach (string f in sources)
            {
                h.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(f) + "\n"));
                AppendFile(h, f);
            }
        });
        string key = string.Format(CultureInfo.InvariantCulture, "{0}-{1}-c{2}", stem, sourceHash[..16], TfjsConverterVersion.Current);
        string onnxPath = XferCache.PathOf("models", "converted", key + ".onnx");
        if (!File.Exists(onnxPath))
        {
            progress?.Report(new ProgressUpdate("convert " + stem + " to ONNX (first use; cached afterwards)", string.Empty, 0, 0));
            var imported = TfjsLayersImporter.Import(modelFile);
            var model = imported.Model.Clone();
            Stamp(model, imported, modelFile);
            OnnxModelFile.Write(onnxPath, model);
            PruneOlderConversions(stem, onnxPath);
        }

        string identity = Hash(h => h.AppendData(Encoding.UTF8.GetBytes(key)));
        return new ResolvedModel(spec, kind, description, onnxPath, identity, named, (m, _) => ListingFromMetadata(m.Model, onnxPath, named));
    }

    /// <summary>The files a TF.js model consists of: the model file and its weight shards, sorted by name.</summary>
    internal static IReadOnlyList<string> TfjsSourceFiles(string modelFile)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(modelFile)) ?? ".";
        var files = new List<string> { Path.GetFullPath(modelFile) };
        if (modelFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(modelFile));
                if (doc.RootElement.TryGetProperty("weightsManifest", out var manifest) && manifest.ValueKind == JsonValueKind.Array)
                {
                    foreach (var group in manifest.EnumerateArray())
                    {
                        if (group.TryGetProperty("paths", out var paths))
                        {
                            files.AddRange(paths.EnumerateArray().Select(p => Path.Combine(dir, p.GetString() ?? string.Empty)));
                        }
                    }
                }
            }
            catch (JsonException e)
            {
                throw new InputFileException(modelFile, "not a TF.js model.json (JSON parse error: " + e.Message + ").", e);
            }
        }
        else
        {
            // nsfwjs layout: model.min.js plus its shards group*-shard*of*.min.js in the same directory.
            files.AddRange(Directory.GetFiles(dir, "group*-shard*of*.js"));
        }

        foreach (string f in files)
        {
            if (!File.Exists(f))
            {
                throw new InputFileException(modelFile, $"its weight file {f} is missing.");
            }
        }

        return files.Distinct(StringComparer.Ordinal).OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList();
    }

    private static void Stamp(ModelProto model, TfjsImportResult imported, string modelFile)
    {
        string layers = JsonSerializer.Serialize(imported.Layers.Select(l => new object[] { l.Name, l.Op, l.OutputShape }));
        void Set(string key, string? value)
        {
            if (value is not null)
            {
                model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
            }
        }

        Set(LayersKey, layers);
        Set(PooledKey, imported.PooledLayer);
        Set(ProbabilitiesKey, imported.ProbabilitiesLayer);
        Set(SourceKey, Path.GetFullPath(modelFile));
    }

    private static LayerListing ListingFromMetadata(ModelProto model, string onnxPath, NsfwjsModel? named)
    {
        string? Get(string key) => model.MetadataProps.FirstOrDefault(p => p.Key == key)?.Value;
        string layersJson = Get(LayersKey) ?? throw new InputFileException(onnxPath, "a converted model without its layer list; delete the file to convert again.");
        var layers = new List<LayerInfo>();
        using (var doc = JsonDocument.Parse(layersJson))
        {
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                layers.Add(new LayerInfo(e[0].GetString()!, e[1].GetString()!, e[2].EnumerateArray().Select(d => d.GetInt32()).ToArray()));
            }
        }

        // A named model's defaults are stated in NsfwjsModels; otherwise the importer's.
        return new LayerListing(layers, named?.PooledLayer ?? Get(PooledKey), named?.ProbabilitiesLayer ?? Get(ProbabilitiesKey), "converter");
    }

    private static void PruneOlderConversions(string stem, string keep)
    {
        // Older conversions of the same model (previous converter versions or source files) are dead weight
        // (InceptionV3 is ~90 MB as float32); removing them is best-effort.
        var sameModel = new Regex("^" + Regex.Escape(stem) + "-[0-9a-f]{16}-c[0-9]+\\.onnx$", RegexOptions.CultureInvariant);
        foreach (string f in Directory.GetFiles(Path.GetDirectoryName(keep)!, stem + "-*.onnx"))
        {
            if (f != keep && sameModel.IsMatch(Path.GetFileName(f)))
            {
                try
                {
                    File.Delete(f);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static string Sanitize(string s)
    {
        var chars = s.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray();
        return chars.Length == 0 ? "model" : new string(chars);
    }

    private static string Hash(Action<IncrementalHash> write)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        write(h);
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    private static void AppendFile(IncrementalHash h, string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            h.AppendData(buffer, 0, read);
        }
    }
}
