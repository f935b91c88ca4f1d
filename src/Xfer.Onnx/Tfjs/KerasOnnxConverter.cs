using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Xfer.Core.Errors;
using Xfer.Onnx.Proto;
using static Xfer.Onnx.Tfjs.OnnxGraphBuilder;

namespace Xfer.Onnx.Tfjs;

/// <summary>
/// Converts a Keras layer graph with its weights into an ONNX graph (opset 13) that ONNX Runtime runs.
/// </summary>
/// <remarks>
/// <para>Layout. The graph input is NHWC float32, named after the Keras input layer. It is transposed once to NCHW
/// (value <c>&lt;input&gt;/nchw</c>) and every image-valued layer runs in NCHW, its result held in the internal value
/// <c>&lt;layer&gt;/nchw</c>. The value named exactly after each Keras layer is that layer's output in Keras's own
/// layout: for image-valued layers a Transpose of <c>&lt;layer&gt;/nchw</c> back to NHWC, so a feature vector taken
/// from an intermediate layer is flattened in the order tfjs gives (h, w, c); vector-valued layers (Flatten, Dense,
/// GlobalAveragePooling2D) are [N, D] already. Those NHWC views are consumed only by Flatten (which reads the view of
/// its input so Dense kernels line up) and by whoever exposes them as outputs; a graph runner must drop the views that
/// no requested output needs (ONNX Runtime does not remove unused nodes).</para>
/// <para>Padding follows TensorFlow exactly through explicit pads (<see cref="TfPadding"/>); average pooling excludes
/// padded cells (<c>count_include_pad = 0</c>), as TensorFlow and tfjs do.</para>
/// </remarks>
internal sealed class KerasOnnxConverter
{
    /// <summary>The ONNX operator set the graph uses.</summary>
    public const int OpsetVersion = 13;

    /// <summary>Layer classes the converter understands.</summary>
    public static readonly IReadOnlyList<string> SupportedLayers =
    [
        "InputLayer", "Conv2D", "DepthwiseConv2D", "BatchNormalization", "ReLU", "Activation", "ZeroPadding2D", "Add",
        "Concatenate", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "Flatten", "Dense", "Dropout",
    ];

    private static readonly long[] ToNchw = [0, 3, 1, 2];
    private static readonly long[] ToNhwc = [0, 2, 3, 1];

    private readonly string _source;
    private readonly IReadOnlyDictionary<string, float[]> _weights;
    private readonly Dictionary<string, TfjsWeightSpec> _specs;
    private readonly HashSet<string> _usedWeights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LayerValue> _values = new(StringComparer.Ordinal);
    private readonly List<LayerInfo> _layers = [];
    private readonly OnnxGraphBuilder _g;

    private KerasOnnxConverter(string source, TfjsModelArtifacts artifacts, string graphName)
    {
        _source = source;
        _weights = artifacts.Weights;
        _specs = artifacts.Specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _g = new OnnxGraphBuilder(graphName);
    }

    /// <summary>Converts the model; every problem is an <see cref="InputFileException"/> naming the model file.</summary>
    public static TfjsImportResult Convert(TfjsModelArtifacts artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        var topology = KerasTopology.Parse(artifacts.ModelPath, artifacts.Topology);
        var modelConfig = artifacts.Topology["model_config"] as JsonObject;
        string graphName = (modelConfig?["config"] as JsonObject)?["name"]?.GetValue<string>() ?? "model";
        var converter = new KerasOnnxConverter(artifacts.ModelPath, artifacts, graphName);
        return converter.Run(topology, artifacts);
    }

    private TfjsImportResult Run(KerasTopology topology, TfjsModelArtifacts artifacts)
    {
        foreach (var layer in topology.Layers)
        {
            var inputs = layer.Inputs.Select(n => _values[n]).ToList();
            if (layer.ClassName != "InputLayer" && inputs.Count == 0)
            {
                throw Fail(layer, "has no inbound layer");
            }

            var value = ConvertLayer(layer, inputs);
            _values[layer.Name] = value;
            if (value.IsImage && layer.ClassName != "InputLayer")
            {
                _g.Node("Transpose", [value.Internal], layer.Name, Ints("perm", ToNhwc));
            }

            if (layer.ClassName != "InputLayer")
            {
                _g.AddValueInfo(layer.Name, value.Shape);
            }

            _layers.Add(new LayerInfo(layer.Name, layer.ClassName, value.Shape));
        }

        var unused = _specs.Keys.Where(k => !_usedWeights.Contains(k)).ToList();
        if (unused.Count > 0)
        {
            // tfjs's loadLayersModel (strict) rejects such files too: a weight without a layer means a mismatch.
            throw new InputFileException(_source, string.Format(CultureInfo.InvariantCulture,
                "{0} weights in the manifest belong to no layer (first: '{1}'); the weights do not match the topology.", unused.Count, unused[0]));
        }

        foreach (string output in topology.OutputLayers)
        {
            _g.AddOutput(output, _values[output].Shape);
            _g.RemoveValueInfo(output); // a graph output carries its own type
        }

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "xfer",
            ProducerVersion = "tfjs-layers-importer",
            Graph = _g.Graph,
            DocString = "Converted from the TF.js Layers model " + System.IO.Path.GetFileName(_source)
                + ". Input NHWC float32; each value named after a Keras layer is that layer's output in Keras (NHWC) layout.",
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "source_format", Value = "tfjs-layers" });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "keras_version", Value = artifacts.Topology["keras_version"]?.ToString() ?? "unknown" });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "input_layout", Value = "NHWC" });

        var input = _values[topology.InputLayer];
        return new TfjsImportResult(model, topology.InputLayer, input.Shape, _layers, FindPooledLayer(), FindProbabilitiesLayer(topology));
    }

    private LayerValue ConvertLayer(KerasLayer layer, List<LayerValue> inputs)
    {
        var c = layer.Config;
        if (c["data_format"]?.GetValue<string>() is string format && format != "channels_last")
        {
            throw Fail(layer, "uses data_format '" + format + "'; only channels_last is supported");
        }

        return layer.ClassName switch
        {
            "InputLayer" => Input(layer),
            "Conv2D" => Conv2D(layer, Single(layer, inputs, image: true)),
            "DepthwiseConv2D" => DepthwiseConv2D(layer, Single(layer, inputs, image: true)),
            "BatchNormalization" => BatchNormalization(layer, Single(layer, inputs, image: null)),
            "ReLU" => Relu(layer, Single(layer, inputs, image: null)),
            "Activation" => Activation(layer, Single(layer, inputs, image: null)),
            "ZeroPadding2D" => ZeroPadding2D(layer, Single(layer, inputs, image: true)),
            "Add" => Add(layer, inputs),
            "Concatenate" => Concatenate(layer, inputs),
            "MaxPooling2D" => Pooling(layer, Single(layer, inputs, image: true), "MaxPool"),
            "AveragePooling2D" => Pooling(layer, Single(layer, inputs, image: true), "AveragePool"),
            "GlobalAveragePooling2D" => GlobalAveragePooling2D(layer, Single(layer, inputs, image: true)),
            "Flatten" => Flatten(layer, Single(layer, inputs, image: null)),
            "Dense" => Dense(layer, Single(layer, inputs, image: false)),
            "Dropout" => Identity(layer, Single(layer, inputs, image: null)),
            _ => throw new InputFileException(_source, "layer '" + layer.Name + "' has type " + layer.ClassName
                + ", which the TF.js importer does not support (supported: " + string.Join(", ", SupportedLayers) + ")."),
        };
    }

    private LayerValue Input(KerasLayer layer)
    {
        var shapeNode = layer.Config["batch_input_shape"] ?? layer.Config["batchInputShape"];
        if (shapeNode is not JsonArray shape || shape.Count < 2)
        {
            throw Fail(layer, "has no batch_input_shape");
        }

        var dims = shape.Skip(1).Select(d => d?.GetValue<int>() ?? -1).ToArray();
        if (dims.Any(d => d <= 0))
        {
            throw Fail(layer, "has an input shape with unknown dimensions (" + string.Join(", ", dims.Select(d => d <= 0 ? "null" : d.ToString(CultureInfo.InvariantCulture)))
                + "); the converter needs a fixed input size");
        }

        string dtype = layer.Config["dtype"]?.GetValue<string>() ?? "float32";
        if (dtype != "float32")
        {
            throw Fail(layer, "has input dtype " + dtype + "; only float32 inputs are supported");
        }

        _g.AddInput(layer.Name, dims);
        if (dims.Length == 3)
        {
            string nchw = _g.Node("Transpose", [layer.Name], layer.Name + "/nchw", Ints("perm", ToNchw));
            return new LayerValue(nchw, layer.Name, dims);
        }

        if (dims.Length == 1)
        {
            return new LayerValue(layer.Name, layer.Name, dims);
        }

        throw Fail(layer, "has an input of rank " + (dims.Length + 1).ToString(CultureInfo.InvariantCulture) + "; only images (N, H, W, C) and vectors (N, D) are supported");
    }

    private LayerValue Conv2D(KerasLayer layer, LayerValue x)
    {
        var c = layer.Config;
        int filters = c["filters"]!.GetValue<int>();
        var (kh, kw) = Pair(layer, "kernel_size", null);
        var (sh, sw) = Pair(layer, "strides", (1, 1));
        var (dh, dw) = Pair(layer, "dilation_rate", (1, 1));
        string padding = Text(layer, "padding", "valid");
        int cin = x.Shape[2];
        var kernel = Weight(layer, "kernel", [kh, kw, cin, filters]);

        // Keras kernel [kh, kw, in, out] → ONNX W [out, in, kh, kw].
        var w = new float[kernel.Length];
        for (int y = 0; y < kh; y++)
        {
            for (int xx = 0; xx < kw; xx++)
            {
                for (int i = 0; i < cin; i++)
                {
                    for (int o = 0; o < filters; o++)
                    {
                        w[(((o * cin) + i) * kh + y) * kw + xx] = kernel[(((y * kw) + xx) * cin + i) * filters + o];
                    }
                }
            }
        }

        var inputs = new List<string> { x.Internal, _g.AddInitializer(layer.Name + "/W", [filters, cin, kh, kw], w) };
        if (Bool(layer, "use_bias", true))
        {
            inputs.Add(_g.AddInitializer(layer.Name + "/B", [filters], Weight(layer, "bias", [filters])));
        }

        var (padH, padW) = Pads(layer, x, kh, kw, sh, sw, dh, dw, padding);
        int[] shape = [padH.Output, padW.Output, filters];
        string activation = Text(layer, "activation", "linear");
        string convOut = activation == "linear" ? layer.Name + "/nchw" : layer.Name + "/conv";
        _g.Node("Conv", inputs, convOut,
            Ints("kernel_shape", kh, kw), Ints("strides", sh, sw), Ints("dilations", dh, dw),
            Ints("pads", padH.Before, padW.Before, padH.After, padW.After), Int("group", 1));
        return FinishActivation(layer, activation, convOut, shape);
    }

    private LayerValue DepthwiseConv2D(KerasLayer layer, LayerValue x)
    {
        var c = layer.Config;
        int multiplier = c["depth_multiplier"]?.GetValue<int>() ?? 1;
        var (kh, kw) = Pair(layer, "kernel_size", null);
        var (sh, sw) = Pair(layer, "strides", (1, 1));
        var (dh, dw) = Pair(layer, "dilation_rate", (1, 1));
        string padding = Text(layer, "padding", "valid");
        int cin = x.Shape[2];
        int cout = cin * multiplier;
        var kernel = Weight(layer, "depthwise_kernel", [kh, kw, cin, multiplier]);

        // Keras depthwise kernel [kh, kw, in, m] → ONNX grouped-conv W [in·m, 1, kh, kw]; TF orders output channels
        // as in·m + m, which is ONNX's group-major order with group = in.
        var w = new float[kernel.Length];
        for (int y = 0; y < kh; y++)
        {
            for (int xx = 0; xx < kw; xx++)
            {
                for (int i = 0; i < cin; i++)
                {
                    for (int m = 0; m < multiplier; m++)
                    {
                        w[(((i * multiplier) + m) * kh + y) * kw + xx] = kernel[(((y * kw) + xx) * cin + i) * multiplier + m];
                    }
                }
            }
        }

        var inputs = new List<string> { x.Internal, _g.AddInitializer(layer.Name + "/W", [cout, 1, kh, kw], w) };
        if (Bool(layer, "use_bias", true))
        {
            inputs.Add(_g.AddInitializer(layer.Name + "/B", [cout], Weight(layer, "bias", [cout])));
        }

        var (padH, padW) = Pads(layer, x, kh, kw, sh, sw, dh, dw, padding);
        int[] shape = [padH.Output, padW.Output, cout];
        string activation = Text(layer, "activation", "linear");
        string convOut = activation == "linear" ? layer.Name + "/nchw" : layer.Name + "/conv";
        _g.Node("Conv", inputs, convOut,
            Ints("kernel_shape", kh, kw), Ints("strides", sh, sw), Ints("dilations", dh, dw),
            Ints("pads", padH.Before, padW.Before, padH.After, padW.After), Int("group", cin));
        return FinishActivation(layer, activation, convOut, shape);
    }

    private LayerValue BatchNormalization(KerasLayer layer, LayerValue x)
    {
        var c = layer.Config;
        int rank = x.Shape.Length + 1;
        var axisNode = c["axis"];
        int axis = axisNode is JsonArray a ? (a.Count == 1 ? a[0]!.GetValue<int>() : int.MinValue) : axisNode?.GetValue<int>() ?? -1;
        if (axis != -1 && axis != rank - 1)
        {
            throw Fail(layer, "normalises axis " + axis.ToString(CultureInfo.InvariantCulture) + "; only the channel (last) axis is supported");
        }

        int channels = x.Shape[^1];
        float epsilon = (float)(c["epsilon"]?.GetValue<double>() ?? 1e-3); // Keras's default epsilon
        var gamma = Bool(layer, "scale", true) ? Weight(layer, "gamma", [channels]) : Filled(channels, 1f);
        var beta = Bool(layer, "center", true) ? Weight(layer, "beta", [channels]) : Filled(channels, 0f);
        var mean = Weight(layer, "moving_mean", [channels]);
        var variance = Weight(layer, "moving_variance", [channels]);
        string output = OutName(layer, x.IsImage);
        _g.Node("BatchNormalization",
            [
                x.Internal,
                _g.AddInitializer(layer.Name + "/gamma", [channels], gamma),
                _g.AddInitializer(layer.Name + "/beta", [channels], beta),
                _g.AddInitializer(layer.Name + "/moving_mean", [channels], mean),
                _g.AddInitializer(layer.Name + "/moving_variance", [channels], variance),
            ],
            output, Float("epsilon", epsilon));
        return Result(layer, output, x.Shape);
    }

    private LayerValue Relu(KerasLayer layer, LayerValue x)
    {
        var c = layer.Config;
        double? maxValue = c["max_value"]?.GetValue<double>();
        double slope = c["negative_slope"]?.GetValue<double>() ?? 0.0;
        double threshold = c["threshold"]?.GetValue<double>() ?? 0.0;
        string output = OutName(layer, x.IsImage);
        if (slope == 0.0 && threshold == 0.0)
        {
            if (maxValue is double m)
            {
                _g.Node("Clip", [x.Internal, _g.Scalar(0f), _g.Scalar((float)m)], output);
            }
            else
            {
                _g.Node("Relu", [x.Internal], output);
            }

            return Result(layer, output, x.Shape);
        }

        // Keras 2.2.4 backend.relu(x, alpha, max_value, threshold):
        //   pos = threshold ≠ 0 ? x·[x > threshold] : relu(x);  pos = clip(pos, 0, max_value) when max_value is set;
        //   y = pos − alpha·relu(threshold − x).
        // (tfjs 4.22's ReLU layer reads only max_value; this follows Keras, which defines the model.)
        string p = layer.Name + "/relu";
        string pos;
        if (threshold != 0.0)
        {
            string gt = _g.Node("Greater", [x.Internal, _g.Scalar((float)threshold)], p + "/above");
            pos = _g.Node("Where", [gt, x.Internal, _g.Scalar(0f)], p + "/pos");
        }
        else
        {
            pos = _g.Node("Relu", [x.Internal], p + "/pos");
        }

        if (maxValue is double max)
        {
            pos = _g.Node("Clip", [pos, _g.Scalar(0f), _g.Scalar((float)max)], p + "/clipped");
        }

        if (slope == 0.0)
        {
            _g.Node("Identity", [pos], output);
        }
        else
        {
            string below = _g.Node("Sub", [_g.Scalar((float)threshold), x.Internal], p + "/below");
            string negative = _g.Node("Relu", [below], p + "/neg");
            string scaled = _g.Node("Mul", [negative, _g.Scalar((float)slope)], p + "/neg_scaled");
            _g.Node("Sub", [pos, scaled], output);
        }

        return Result(layer, output, x.Shape);
    }

    private LayerValue Activation(KerasLayer layer, LayerValue x)
    {
        string output = OutName(layer, x.IsImage);
        EmitActivation(layer, Text(layer, "activation", "linear"), x.Internal, output, x.IsImage);
        return Result(layer, output, x.Shape);
    }

    private LayerValue ZeroPadding2D(KerasLayer layer, LayerValue x)
    {
        // padding: n, [h, w] (symmetric) or [[top, bottom], [left, right]].
        var node = layer.Config["padding"];
        int top, bottom, left, right;
        if (node is JsonArray a && a.Count == 2 && a[0] is JsonArray ph && a[1] is JsonArray pw)
        {
            (top, bottom, left, right) = (ph[0]!.GetValue<int>(), ph[1]!.GetValue<int>(), pw[0]!.GetValue<int>(), pw[1]!.GetValue<int>());
        }
        else if (node is JsonArray b && b.Count == 2)
        {
            (top, left) = (b[0]!.GetValue<int>(), b[1]!.GetValue<int>());
            (bottom, right) = (top, left);
        }
        else if (node is JsonValue v)
        {
            top = bottom = left = right = v.GetValue<int>();
        }
        else
        {
            top = bottom = left = right = 1; // Keras's default padding=(1, 1)
        }

        string pads = _g.AddInt64Initializer(layer.Name + "/pads", [0, 0, top, left, 0, 0, bottom, right]);
        string output = _g.Node("Pad", [x.Internal, pads], layer.Name + "/nchw", new Proto.AttributeProto
        {
            Name = "mode",
            Type = Proto.AttributeProto.Types.AttributeType.String,
            S = Google.Protobuf.ByteString.CopyFromUtf8("constant"),
        });
        return Result(layer, output, [x.Shape[0] + top + bottom, x.Shape[1] + left + right, x.Shape[2]]);
    }

    private LayerValue Add(KerasLayer layer, List<LayerValue> inputs)
    {
        if (inputs.Count < 2)
        {
            throw Fail(layer, "needs at least two inputs");
        }

        foreach (var input in inputs.Skip(1).Where(i => !i.Shape.SequenceEqual(inputs[0].Shape)))
        {
            throw Fail(layer, "adds tensors of shapes " + ShapeText(inputs[0].Shape) + " and " + ShapeText(input.Shape) + "; broadcasting is not supported");
        }

        string output = OutName(layer, inputs[0].IsImage);
        _g.Node(inputs.Count == 2 ? "Add" : "Sum", inputs.Select(i => i.Internal), output);
        return Result(layer, output, inputs[0].Shape);
    }

    private LayerValue Concatenate(KerasLayer layer, List<LayerValue> inputs)
    {
        if (inputs.Count < 1)
        {
            throw Fail(layer, "has no inputs");
        }

        int rank = inputs[0].Shape.Length;
        int kerasAxis = layer.Config["axis"]?.GetValue<int>() ?? -1;
        if (kerasAxis < 0)
        {
            kerasAxis += rank + 1;
        }

        if (kerasAxis < 1 || kerasAxis > rank || inputs.Any(i => i.Shape.Length != rank))
        {
            throw Fail(layer, "concatenates along an unsupported axis or mixes ranks");
        }

        // Keras axes (N, H, W, C) map to NCHW axes (0, 2, 3, 1); vectors keep their axes.
        int onnxAxis = inputs[0].IsImage ? kerasAxis switch { 1 => 2, 2 => 3, _ => 1 } : kerasAxis;
        var shape = (int[])inputs[0].Shape.Clone();
        shape[kerasAxis - 1] = 0;
        foreach (var input in inputs)
        {
            for (int d = 0; d < rank; d++)
            {
                if (d != kerasAxis - 1 && input.Shape[d] != inputs[0].Shape[d])
                {
                    throw Fail(layer, "concatenates tensors of shapes " + ShapeText(inputs[0].Shape) + " and " + ShapeText(input.Shape));
                }
            }

            shape[kerasAxis - 1] += input.Shape[kerasAxis - 1];
        }

        string output = OutName(layer, inputs[0].IsImage);
        _g.Node("Concat", inputs.Select(i => i.Internal), output, Int("axis", onnxAxis));
        return Result(layer, output, shape);
    }

    private LayerValue Pooling(KerasLayer layer, LayerValue x, string op)
    {
        var (kh, kw) = Pair(layer, "pool_size", (2, 2));
        var (sh, sw) = layer.Config["strides"] is null ? (kh, kw) : Pair(layer, "strides", (kh, kw)); // strides=None means pool_size
        string padding = Text(layer, "padding", "valid");
        var (padH, padW) = Pads(layer, x, kh, kw, sh, sw, 1, 1, padding);
        var attributes = new List<Proto.AttributeProto>
        {
            Ints("kernel_shape", kh, kw), Ints("strides", sh, sw), Ints("pads", padH.Before, padW.Before, padH.After, padW.After),
        };
        if (op == "AveragePool")
        {
            attributes.Add(Int("count_include_pad", 0)); // TF and tfjs average only the cells inside the input
        }

        string output = _g.Node(op, [x.Internal], layer.Name + "/nchw", [.. attributes]);
        return Result(layer, output, [padH.Output, padW.Output, x.Shape[2]]);
    }

    private LayerValue GlobalAveragePooling2D(KerasLayer layer, LayerValue x)
    {
        string pooled = _g.Node("GlobalAveragePool", [x.Internal], layer.Name + "/pooled");
        _g.Node("Flatten", [pooled], layer.Name, Int("axis", 1));
        return new LayerValue(layer.Name, layer.Name, [x.Shape[2]]);
    }

    private LayerValue Flatten(KerasLayer layer, LayerValue x)
    {
        // Flatten the NHWC view so the order is (h, w, c), as in Keras, and Dense kernels line up.
        _g.Node("Flatten", [x.View], layer.Name, Int("axis", 1));
        return new LayerValue(layer.Name, layer.Name, [x.Shape.Aggregate(1, (p, d) => p * d)]);
    }

    private LayerValue Dense(KerasLayer layer, LayerValue x)
    {
        int units = layer.Config["units"]!.GetValue<int>();
        int inFeatures = x.Shape[0];
        var inputs = new List<string> { x.Internal, _g.AddInitializer(layer.Name + "/kernel", [inFeatures, units], Weight(layer, "kernel", [inFeatures, units])) };
        if (Bool(layer, "use_bias", true))
        {
            inputs.Add(_g.AddInitializer(layer.Name + "/bias", [units], Weight(layer, "bias", [units])));
        }

        string activation = Text(layer, "activation", "linear");
        string gemmOut = activation == "linear" ? layer.Name : layer.Name + "/linear";
        _g.Node("Gemm", inputs, gemmOut);
        return FinishActivation(layer, activation, gemmOut, [units]);
    }

    private LayerValue Identity(KerasLayer layer, LayerValue x)
    {
        string output = OutName(layer, x.IsImage);
        _g.Node("Identity", [x.Internal], output);
        return Result(layer, output, x.Shape);
    }

    private LayerValue FinishActivation(KerasLayer layer, string activation, string linearOutput, int[] shape)
    {
        bool image = shape.Length == 3;
        string output = OutName(layer, image);
        if (activation != "linear")
        {
            EmitActivation(layer, activation, linearOutput, output, image);
        }

        return Result(layer, output, shape);
    }

    private void EmitActivation(KerasLayer layer, string activation, string input, string output, bool image)
    {
        switch (activation)
        {
            case "linear":
                _g.Node("Identity", [input], output);
                break;
            case "relu":
                _g.Node("Relu", [input], output);
                break;
            case "relu6":
                _g.Node("Clip", [input, _g.Scalar(0f), _g.Scalar(6f)], output);
                break;
            case "sigmoid":
                _g.Node("Sigmoid", [input], output);
                break;
            case "tanh":
                _g.Node("Tanh", [input], output);
                break;
            case "softmax":
                // Keras's softmax runs over the last (channel) axis: axis 1 in NCHW, the feature axis for vectors.
                _g.Node("Softmax", [input], output, Int("axis", image ? 1 : -1));
                break;
            default:
                throw Fail(layer, "uses activation '" + activation + "'; supported: linear, relu, relu6, sigmoid, tanh, softmax");
        }
    }

    private (AxisPadding H, AxisPadding W) Pads(KerasLayer layer, LayerValue x, int kh, int kw, int sh, int sw, int dh, int dw, string padding)
    {
        try
        {
            return (TfPadding.Compute(x.Shape[0], kh, sh, dh, padding), TfPadding.Compute(x.Shape[1], kw, sw, dw, padding));
        }
        catch (ArgumentException e)
        {
            throw Fail(layer, "cannot be applied to an input of " + ShapeText(x.Shape) + ": " + e.Message);
        }
    }

    private float[] Weight(KerasLayer layer, string parameter, int[] expectedShape)
    {
        string name = layer.Name + "/" + parameter;
        if (!_specs.ContainsKey(name))
        {
            // Some writers prefix weights with an outer scope (model_1/conv/kernel).
            name = _specs.Keys.FirstOrDefault(k => k.EndsWith("/" + layer.Name + "/" + parameter, StringComparison.Ordinal))
                ?? throw new InputFileException(_source, "layer '" + layer.Name + "' (" + layer.ClassName + ") needs weight '" + layer.Name + "/" + parameter
                    + "', which is not in the weights manifest.");
        }

        var spec = _specs[name];
        if (!spec.Shape.SequenceEqual(expectedShape))
        {
            throw new InputFileException(_source, "weight '" + name + "' has shape " + ShapeText(spec.Shape) + " but layer '" + layer.Name
                + "' needs " + ShapeText(expectedShape) + ".");
        }

        if (!_usedWeights.Add(name))
        {
            throw new InputFileException(_source, "weight '" + name + "' is claimed by two layers.");
        }

        return _weights[name];
    }

    private (int, int) Pair(KerasLayer layer, string key, (int, int)? fallback)
    {
        var node = layer.Config[key];
        switch (node)
        {
            case JsonArray a when a.Count == 2:
                return (a[0]!.GetValue<int>(), a[1]!.GetValue<int>());
            case JsonValue v:
                return (v.GetValue<int>(), v.GetValue<int>());
            case null when fallback is not null:
                return fallback.Value;
            default:
                throw Fail(layer, "has no valid '" + key + "'");
        }
    }

    private string Text(KerasLayer layer, string key, string fallback) => layer.Config[key]?.GetValue<string>() ?? fallback;

    private bool Bool(KerasLayer layer, string key, bool fallback) => layer.Config[key]?.GetValue<bool>() ?? fallback;

    private LayerValue Single(KerasLayer layer, List<LayerValue> inputs, bool? image)
    {
        if (inputs.Count != 1)
        {
            throw Fail(layer, "has " + inputs.Count.ToString(CultureInfo.InvariantCulture) + " inputs; expected one");
        }

        var x = inputs[0];
        if (image == true && !x.IsImage)
        {
            throw Fail(layer, "needs an image input (H, W, C) but receives " + ShapeText(x.Shape));
        }

        if (image == false && x.Shape.Length != 1)
        {
            throw Fail(layer, "needs a vector input but receives " + ShapeText(x.Shape) + " (insert a Flatten layer)");
        }

        return x;
    }

    private static string OutName(KerasLayer layer, bool image) => image ? layer.Name + "/nchw" : layer.Name;

    private static LayerValue Result(KerasLayer layer, string internalName, int[] shape) =>
        new(internalName, shape.Length == 3 ? layer.Name : internalName, shape);

    private string? FindPooledLayer()
    {
        // The backbone's pooled features: the first vector-valued layer produced by pooling or flattening images.
        foreach (var info in _layers)
        {
            if (info.OutputShape.Length == 1 && info.Op is "Flatten" or "GlobalAveragePooling2D")
            {
                return info.Name;
            }
        }

        return null;
    }

    private string? FindProbabilitiesLayer(KerasTopology topology)
    {
        foreach (string name in topology.OutputLayers)
        {
            var layer = topology.Layers.First(l => l.Name == name);
            if (layer.ClassName is "Dense" or "Activation" && layer.Config["activation"]?.GetValue<string>() == "softmax" && _values[name].Shape.Length == 1)
            {
                return name;
            }
        }

        return null;
    }

    private static float[] Filled(int n, float value)
    {
        var a = new float[n];
        Array.Fill(a, value);
        return a;
    }

    private static string ShapeText(int[] shape) => "(" + string.Join(", ", shape) + ")";

    private InputFileException Fail(KerasLayer layer, string problem) =>
        new(_source, "layer '" + layer.Name + "' (" + layer.ClassName + ") " + problem + ".");

    /// <summary>A layer's output: the internal ONNX value (NCHW for images), its NHWC view, and its Keras shape without batch.</summary>
    private sealed record LayerValue(string Internal, string View, int[] Shape)
    {
        public bool IsImage => Shape.Length == 3;
    }
}
