using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Xfer.Onnx.Proto;

namespace Xfer.Onnx.Tfjs;

/// <summary>Small helper that appends nodes, initialisers and value infos to an ONNX <see cref="GraphProto"/>.</summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>The symbolic batch dimension of every value.</summary>
    public const string BatchDimension = "N";

    private readonly Dictionary<string, string> _scalars = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string name)
    {
        if (!BitConverter.IsLittleEndian)
        {
            // raw_data is little-endian by the ONNX specification; float spans are copied as bytes below.
            throw new PlatformNotSupportedException("ONNX export needs a little-endian machine.");
        }

        Graph = new GraphProto { Name = name };
    }

    public GraphProto Graph { get; }

    /// <summary>Adds a float32 graph input of shape [N, dims...].</summary>
    public void AddInput(string name, IReadOnlyList<int> dims) => Graph.Input.Add(ValueInfo(name, dims));

    /// <summary>Adds a float32 graph output of shape [N, dims...].</summary>
    public void AddOutput(string name, IReadOnlyList<int> dims) => Graph.Output.Add(ValueInfo(name, dims));

    /// <summary>Records the shape [N, dims...] of an intermediate value.</summary>
    public void AddValueInfo(string name, IReadOnlyList<int> dims) => Graph.ValueInfo.Add(ValueInfo(name, dims));

    /// <summary>Removes the value info of <paramref name="name"/>, if any.</summary>
    public void RemoveValueInfo(string name)
    {
        for (int i = Graph.ValueInfo.Count - 1; i >= 0; i--)
        {
            if (Graph.ValueInfo[i].Name == name)
            {
                Graph.ValueInfo.RemoveAt(i);
            }
        }
    }

    /// <summary>Adds a float32 initialiser.</summary>
    public string AddInitializer(string name, IReadOnlyList<int> dims, ReadOnlySpan<float> values)
    {
        Claim(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a 1-D int64 initialiser (shapes, pads).</summary>
    public string AddInt64Initializer(string name, IReadOnlyList<long> values)
    {
        Claim(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Count);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A shared float32 scalar constant (e.g. the bounds of Clip).</summary>
    public string Scalar(float value)
    {
        string key = value.ToString("R", CultureInfo.InvariantCulture);
        if (!_scalars.TryGetValue(key, out string? name))
        {
            name = "const/" + key;
            var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
            tensor.FloatData.Add(value);
            Claim(name);
            Graph.Initializer.Add(tensor);
            _scalars[key] = name;
        }

        return name;
    }

    /// <summary>Appends a node with one output (the node is named after its output).</summary>
    public string Node(string opType, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        Claim(output);
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private void Claim(string name)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException("ONNX value '" + name + "' is defined twice");
        }
    }

    private static ValueInfoProto ValueInfo(string name, IReadOnlyList<int> dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (int d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
