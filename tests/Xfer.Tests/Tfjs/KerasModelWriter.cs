using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Xfer.Tests.Tfjs;

/// <summary>Writes small TF.js Layers models (model.json + one float32 shard) for tests.</summary>
internal static class KerasModelWriter
{
    /// <summary>A functional-model layer entry (Keras 2.x format).</summary>
    public static JsonObject Layer(string name, string className, JsonObject config, params string[] inputs)
    {
        config["name"] = name;
        var inbound = new JsonArray();
        if (inputs.Length > 0)
        {
            inbound.Add(new JsonArray(inputs.Select(i => (JsonNode)new JsonArray(i, 0, 0, new JsonObject())).ToArray()));
        }

        return new JsonObject { ["name"] = name, ["class_name"] = className, ["config"] = config, ["inbound_nodes"] = inbound };
    }

    /// <summary>An InputLayer entry with shape (null, dims...).</summary>
    public static JsonObject Input(string name, params int[] dims)
    {
        var shape = new JsonArray { null };
        foreach (int d in dims)
        {
            shape.Add(d);
        }

        return Layer(name, "InputLayer", new JsonObject { ["batch_input_shape"] = shape, ["dtype"] = "float32" });
    }

    /// <summary>Writes a functional model and its float32 weights; returns the model.json path.</summary>
    public static string WriteFunctional(string dir, IEnumerable<JsonObject> layers, string input, string[] outputs,
        IEnumerable<(string Name, int[] Shape, float[] Values)> weights)
    {
        var config = new JsonObject
        {
            ["name"] = "test_model",
            ["layers"] = new JsonArray(layers.Select(l => l.DeepClone()).ToArray()),
            ["input_layers"] = new JsonArray(new JsonArray(input, 0, 0)),
            ["output_layers"] = new JsonArray(outputs.Select(o => (JsonNode)new JsonArray(o, 0, 0)).ToArray()),
        };
        return Write(dir, new JsonObject { ["class_name"] = "Model", ["config"] = config }, weights);
    }

    /// <summary>Writes a model whose <c>model_config</c> is given; returns the model.json path.</summary>
    public static string Write(string dir, JsonObject modelConfig, IEnumerable<(string Name, int[] Shape, float[] Values)> weights)
    {
        Directory.CreateDirectory(dir);
        var specs = new JsonArray();
        using var bin = new MemoryStream();
        foreach (var (name, shape, values) in weights)
        {
            specs.Add(new JsonObject { ["name"] = name, ["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray()), ["dtype"] = "float32" });
            bin.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        }

        File.WriteAllBytes(Path.Combine(dir, "weights.bin"), bin.ToArray());
        var root = new JsonObject
        {
            ["modelTopology"] = new JsonObject { ["keras_version"] = "2.2.4", ["backend"] = "tensorflow", ["model_config"] = modelConfig },
            ["weightsManifest"] = new JsonArray(new JsonObject { ["paths"] = new JsonArray("weights.bin"), ["weights"] = specs }),
        };
        string path = Path.Combine(dir, "model.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
