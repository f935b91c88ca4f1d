using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Xfer.Core.Errors;

namespace Xfer.Onnx.Tfjs;

/// <summary>One Keras layer of a model config: its name, class, config object and the layers it reads.</summary>
/// <param name="Name">Layer name (unique in the model).</param>
/// <param name="ClassName">Keras class, e.g. <c>Conv2D</c>.</param>
/// <param name="Config">The layer's <c>config</c> object.</param>
/// <param name="Inputs">Names of the layers whose outputs this layer reads, in order (empty for an input layer).</param>
public sealed record KerasLayer(string Name, string ClassName, JsonObject Config, IReadOnlyList<string> Inputs);

/// <summary>
/// The layer graph of a Keras model config as TF.js stores it: a functional <c>Model</c> (Keras 2.x:
/// <c>config.layers[].inbound_nodes = [[[layer, node, tensor, kwargs], ...]]</c>, <c>input_layers</c>,
/// <c>output_layers</c>) or a <c>Sequential</c> model (a chain; the input comes from the first layer's
/// <c>batch_input_shape</c>). Layers are returned in a topological order.
/// </summary>
/// <param name="Layers">Layers in topological order; the first is the input layer.</param>
/// <param name="InputLayer">Name of the (single) input layer.</param>
/// <param name="OutputLayers">Names of the model's output layers.</param>
public sealed record KerasTopology(IReadOnlyList<KerasLayer> Layers, string InputLayer, IReadOnlyList<string> OutputLayers)
{
    /// <summary>Parses <c>modelTopology</c> (or its <c>model_config</c>).</summary>
    /// <param name="source">The file, for messages.</param>
    /// <param name="topology">The <c>modelTopology</c> object.</param>
    public static KerasTopology Parse(string source, JsonObject topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var modelConfig = topology["model_config"] as JsonObject ?? topology;
        string className = modelConfig["class_name"]?.GetValue<string>()
            ?? throw new InputFileException(source, "the model topology has no class_name.");
        return className switch
        {
            "Model" or "Functional" => ParseFunctional(source, modelConfig["config"] as JsonObject
                ?? throw new InputFileException(source, "the Model has no config object.")),
            "Sequential" => ParseSequential(source, modelConfig["config"]),
            _ => throw new InputFileException(source, "model class '" + className + "' is not supported; expected Model or Sequential."),
        };
    }

    private static KerasTopology ParseFunctional(string source, JsonObject config)
    {
        var layerNodes = config["layers"] as JsonArray ?? throw new InputFileException(source, "the Model config has no layers.");
        var layers = new List<KerasLayer>();
        foreach (var node in layerNodes)
        {
            var obj = node as JsonObject ?? throw new InputFileException(source, "a layer entry is not an object.");
            string cls = obj["class_name"]?.GetValue<string>() ?? throw new InputFileException(source, "a layer has no class_name.");
            var layerConfig = obj["config"] as JsonObject ?? new JsonObject();
            string name = obj["name"]?.GetValue<string>() ?? layerConfig["name"]?.GetValue<string>()
                ?? throw new InputFileException(source, "a " + cls + " layer has no name.");
            var inbound = obj["inbound_nodes"] as JsonArray ?? [];
            if (inbound.Count > 1)
            {
                throw new InputFileException(source, string.Format(CultureInfo.InvariantCulture,
                    "layer '{0}' ({1}) is called {2} times; shared layers are not supported.", name, cls, inbound.Count));
            }

            var inputs = new List<string>();
            if (inbound.Count == 1)
            {
                foreach (var tensor in inbound[0] as JsonArray ?? [])
                {
                    // Keras 2.x: [layer_name, node_index, tensor_index, kwargs].
                    if (tensor is not JsonArray t || t.Count < 3 || t[0]?.GetValue<string>() is not string from)
                    {
                        throw new InputFileException(source, "layer '" + name + "' has an inbound node in an unknown format (expected [layer, node, tensor, kwargs]).");
                    }

                    if (t[1]!.GetValue<int>() != 0 || t[2]!.GetValue<int>() != 0)
                    {
                        throw new InputFileException(source, "layer '" + name + "' reads a second node or tensor of '" + from + "'; shared layers and multi-output layers are not supported.");
                    }

                    inputs.Add(from);
                }
            }

            layers.Add(new KerasLayer(name, cls, layerConfig, inputs));
        }

        var inputLayers = Endpoints(source, config["input_layers"], "input_layers");
        var outputLayers = Endpoints(source, config["output_layers"], "output_layers");
        if (inputLayers.Count != 1)
        {
            throw new InputFileException(source, string.Format(CultureInfo.InvariantCulture,
                "the model has {0} inputs; exactly one image input is supported.", inputLayers.Count));
        }

        return new KerasTopology(TopologicalOrder(source, layers), inputLayers[0], outputLayers);
    }

    private static KerasTopology ParseSequential(string source, JsonNode? config)
    {
        // Keras 2.2.4 writes config as the list of layers; later versions as {name, layers}.
        var layerNodes = config as JsonArray ?? (config as JsonObject)?["layers"] as JsonArray
            ?? throw new InputFileException(source, "the Sequential config has no layers.");
        var layers = new List<KerasLayer>();
        string? previous = null;
        foreach (var node in layerNodes)
        {
            var obj = node as JsonObject ?? throw new InputFileException(source, "a layer entry is not an object.");
            string cls = obj["class_name"]?.GetValue<string>() ?? throw new InputFileException(source, "a layer has no class_name.");
            var layerConfig = obj["config"] as JsonObject ?? new JsonObject();
            string name = layerConfig["name"]?.GetValue<string>() ?? obj["name"]?.GetValue<string>()
                ?? throw new InputFileException(source, "a " + cls + " layer has no name.");
            if (previous is null && cls != "InputLayer")
            {
                // Like tfjs, synthesise the input layer from the first layer's batch_input_shape.
                var shape = layerConfig["batch_input_shape"] ?? layerConfig["batchInputShape"]
                    ?? throw new InputFileException(source, "the first layer '" + name + "' of the Sequential model has no batch_input_shape.");
                previous = name + "_input";
                layers.Add(new KerasLayer(previous, "InputLayer", new JsonObject { ["batch_input_shape"] = shape.DeepClone(), ["name"] = previous }, []));
            }

            layers.Add(new KerasLayer(name, cls, layerConfig, previous is null ? [] : [previous]));
            previous = name;
        }

        if (layers.Count < 2)
        {
            throw new InputFileException(source, "the Sequential model has no layers.");
        }

        return new KerasTopology(layers, layers[0].Name, [layers[^1].Name]);
    }

    private static List<string> Endpoints(string source, JsonNode? node, string what)
    {
        var list = new List<string>();
        foreach (var e in node as JsonArray ?? throw new InputFileException(source, "the Model config has no " + what + "."))
        {
            if (e is not JsonArray a || a.Count < 1 || a[0]?.GetValue<string>() is not string name)
            {
                throw new InputFileException(source, what + " entries must be [layer, node, tensor].");
            }

            list.Add(name);
        }

        return list;
    }

    private static List<KerasLayer> TopologicalOrder(string source, List<KerasLayer> layers)
    {
        var byName = new Dictionary<string, KerasLayer>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            if (!byName.TryAdd(layer.Name, layer))
            {
                throw new InputFileException(source, "two layers are named '" + layer.Name + "'.");
            }
        }

        foreach (var layer in layers)
        {
            foreach (string input in layer.Inputs.Where(i => !byName.ContainsKey(i)))
            {
                throw new InputFileException(source, "layer '" + layer.Name + "' reads '" + input + "', which is not a layer of the model.");
            }
        }

        // Keep the file's order where it is already topological (it is, for Keras-written files); otherwise a
        // depth-first order. State: 0 unvisited, 1 on the stack, 2 done.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<KerasLayer>(layers.Count);
        foreach (var layer in layers)
        {
            Visit(layer);
        }

        return order;

        void Visit(KerasLayer layer)
        {
            state.TryGetValue(layer.Name, out int s);
            if (s == 2)
            {
                return;
            }

            if (s == 1)
            {
                throw new InputFileException(source, "the layer graph has a cycle through '" + layer.Name + "'.");
            }

            state[layer.Name] = 1;
            foreach (string input in layer.Inputs)
            {
                Visit(byName[input]);
            }

            state[layer.Name] = 2;
            order.Add(layer);
        }
    }
}
