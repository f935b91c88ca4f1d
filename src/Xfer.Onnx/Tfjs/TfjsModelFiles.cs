using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xfer.Core.Errors;

namespace Xfer.Onnx.Tfjs;

/// <summary>A TF.js Layers model as stored: its Keras topology and its decoded float32 weights by name.</summary>
/// <param name="ModelPath">The model file that was read.</param>
/// <param name="Topology">The <c>modelTopology</c> object (<c>model_config</c>, <c>keras_version</c>, ...).</param>
/// <param name="Weights">Decoded weights by manifest name, in manifest order.</param>
/// <param name="Specs">The manifest entries, in manifest order.</param>
public sealed record TfjsModelArtifacts(string ModelPath, JsonObject Topology, IReadOnlyDictionary<string, float[]> Weights, IReadOnlyList<TfjsWeightSpec> Specs);

/// <summary>
/// Reads TF.js Layers model files: a standard <c>model.json</c> with binary shards next to it, or nsfwjs's UMD
/// wrappers (<c>model.min.js</c> whose module value is the model JSON as a JavaScript literal, and
/// <c>group1-shardXofY.min.js</c> whose module value is the shard as a base64 string). No JavaScript is executed:
/// the literal after <c>module.exports =</c> is parsed.
/// </summary>
public static partial class TfjsModelFiles
{
    /// <summary>Reads the model and all its weights.</summary>
    /// <exception cref="InputFileException">A file is missing or malformed (the message names it).</exception>
    public static TfjsModelArtifacts Read(string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        var root = ReadModelJson(modelPath);
        if (root["modelTopology"] is not JsonObject topology)
        {
            throw new InputFileException(modelPath, "no 'modelTopology' object; this is not a TF.js Layers model (graph models are not supported).");
        }

        if (topology["model_config"] is null && topology["class_name"] is not null)
        {
            // Some writers store the model config directly as the topology.
            topology = new JsonObject { ["model_config"] = topology.DeepClone(), ["keras_version"] = topology["keras_version"]?.DeepClone() };
        }

        var specs = new List<TfjsWeightSpec>();
        var weights = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (root["weightsManifest"] is JsonArray manifest)
        {
            string dir = Path.GetDirectoryName(Path.GetFullPath(modelPath)) ?? ".";
            foreach (var groupNode in manifest)
            {
                var group = groupNode as JsonObject ?? throw new InputFileException(modelPath, "weightsManifest entries must be objects.");
                var paths = (group["paths"] as JsonArray)?.Select(p => p?.GetValue<string>() ?? string.Empty).ToList()
                    ?? throw new InputFileException(modelPath, "a weightsManifest group has no 'paths'.");
                var groupSpecs = ((group["weights"] as JsonArray) ?? throw new InputFileException(modelPath, "a weightsManifest group has no 'weights'."))
                    .Select(w => ParseSpec(modelPath, w)).ToList();
                byte[] data = ReadGroup(dir, paths);
                long need = groupSpecs.Sum(s => s.ByteLength);
                if (need != data.LongLength)
                {
                    throw new InputFileException(modelPath, string.Format(CultureInfo.InvariantCulture,
                        "the weights listed for shards {0} need {1} bytes but the shards hold {2}; the shard files do not belong to this model.json.",
                        string.Join(", ", paths), need, data.LongLength));
                }

                long offset = 0;
                foreach (var spec in groupSpecs)
                {
                    try
                    {
                        weights[spec.Name] = TfjsWeightDecoder.Decode(spec, data.AsSpan((int)offset, (int)spec.ByteLength));
                    }
                    catch (NotSupportedException e)
                    {
                        throw new InputFileException(modelPath, e.Message + ".", e);
                    }

                    offset += spec.ByteLength;
                }

                specs.AddRange(groupSpecs);
            }
        }

        return new TfjsModelArtifacts(modelPath, topology, weights, specs);
    }

    /// <summary>Reads the model JSON from a <c>.json</c> file or from a UMD wrapper (<c>.js</c>).</summary>
    public static JsonObject ReadModelJson(string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new InputFileException(modelPath, "file not found.");
        }

        string text = File.ReadAllText(modelPath);
        if (modelPath.EndsWith(".js", StringComparison.OrdinalIgnoreCase))
        {
            return FindExportedLiteral(text, node => node is JsonObject o && o["modelTopology"] is not null) as JsonObject
                ?? throw new InputFileException(modelPath, "no 'module.exports = {modelTopology: ...}' literal found; expected a TF.js model wrapper such as nsfwjs's model.min.js.");
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
                ?? throw new InputFileException(modelPath, "the JSON is not an object.");
        }
        catch (JsonException e)
        {
            throw new InputFileException(modelPath, "invalid JSON (" + e.Message + ").", e);
        }
    }

    /// <summary>Extracts the bytes of a shard wrapper (<c>module.exports = "base64..."</c>).</summary>
    public static byte[] ReadShardWrapper(string path)
    {
        string text = File.ReadAllText(path);
        if (FindExportedLiteral(text, node => node is JsonValue v && v.TryGetValue(out string? _)) is not JsonValue value)
        {
            throw new InputFileException(path, "no 'module.exports = \"base64...\"' literal found; expected a weight-shard wrapper such as nsfwjs's group1-shard1of1.min.js.");
        }

        try
        {
            return Convert.FromBase64String(value.GetValue<string>());
        }
        catch (FormatException e)
        {
            throw new InputFileException(path, "the exported string is not valid base64.", e);
        }
    }

    private static JsonNode? FindExportedLiteral(string text, Func<JsonNode?, bool> accept)
    {
        foreach (Match m in ExportsAssignment().Matches(text))
        {
            int start = m.Index + m.Length;
            if (start >= text.Length || text[start] is not ('{' or '[' or '"' or '\''))
            {
                continue; // e.g. module.exports=e() in the UMD header
            }

            try
            {
                var node = JsLiteralParser.Parse(text, start, out _);
                if (accept(node))
                {
                    return node;
                }
            }
            catch (FormatException)
            {
                // Not a pure literal (it refers to code); try the next assignment.
            }
        }

        return null;
    }

    private static byte[] ReadGroup(string dir, List<string> paths)
    {
        using var buffer = new MemoryStream();
        foreach (string relative in paths)
        {
            string path = Path.Combine(dir, relative);
            byte[] bytes;
            if (File.Exists(path) && !path.EndsWith(".js", StringComparison.OrdinalIgnoreCase))
            {
                bytes = File.ReadAllBytes(path);
            }
            else if (File.Exists(path + ".min.js"))
            {
                bytes = ReadShardWrapper(path + ".min.js"); // nsfwjs appends .min.js to the manifest path
            }
            else if (File.Exists(path + ".js"))
            {
                bytes = ReadShardWrapper(path + ".js");
            }
            else if (File.Exists(path))
            {
                bytes = ReadShardWrapper(path);
            }
            else
            {
                throw new InputFileException(path, "weight shard not found (listed in the model's weightsManifest; expected next to the model file, or as " + relative + ".min.js).");
            }

            buffer.Write(bytes);
        }

        return buffer.ToArray();
    }

    private static TfjsWeightSpec ParseSpec(string modelPath, JsonNode? node)
    {
        if (node is not JsonObject w || w["name"]?.GetValue<string>() is not string name || w["shape"] is not JsonArray shapeNode)
        {
            throw new InputFileException(modelPath, "a weight entry lacks 'name' or 'shape'.");
        }

        int[] shape = shapeNode.Select(d => d?.GetValue<int>() ?? -1).ToArray();
        if (shape.Any(d => d < 0))
        {
            throw new InputFileException(modelPath, "weight '" + name + "' has a negative or missing dimension.");
        }

        string dtype = w["dtype"]?.GetValue<string>() ?? "float32";
        TfjsQuantization? quantization = null;
        if (w["quantization"] is JsonObject q)
        {
            string qtype = q["dtype"]?.GetValue<string>() ?? throw new InputFileException(modelPath, "weight '" + name + "' has a quantization without dtype.");
            double min = double.NaN, scale = double.NaN;
            if (qtype is "uint8" or "uint16")
            {
                if (q["min"] is null || q["scale"] is null)
                {
                    throw new InputFileException(modelPath, "weight '" + name + "' is " + qtype + "-quantised but has no min/scale.");
                }

                min = q["min"]!.GetValue<double>();
                scale = q["scale"]!.GetValue<double>();
            }
            else if (qtype != "float16")
            {
                throw new InputFileException(modelPath, "weight '" + name + "' has quantization dtype '" + qtype + "'; supported: uint8, uint16, float16.");
            }

            quantization = new TfjsQuantization(qtype, min, scale);
        }

        return new TfjsWeightSpec(name, shape, dtype, quantization);
    }

    [GeneratedRegex(@"[A-Za-z_$][\w$]*\s*\.\s*exports\s*=\s*")]
    private static partial Regex ExportsAssignment();
}
