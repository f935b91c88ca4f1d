using System.Linq;
using Google.Protobuf;
using Xfer.Onnx.Proto;

namespace Xfer.Tests.Onnx;

/// <summary>Builds small ONNX models from the protobuf classes, for tests with hand-computable outputs.</summary>
public static class TinyModels
{
    /// <summary>A model around <paramref name="graph"/> (IR 8, default-domain opset 13).</summary>
    public static ModelProto Model(GraphProto graph, long opset = 13) => new()
    {
        IrVersion = 8,
        ProducerName = "xfer-tests",
        Graph = graph,
        OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = opset } },
    };

    /// <summary>A float tensor value; a negative dimension becomes the symbolic dimension "N".</summary>
    public static ValueInfoProto Float(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long d in dims)
        {
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    /// <summary>A float initializer.</summary>
    public static TensorProto Initializer(string name, long[] dims, params float[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        return t;
    }

    /// <summary>A node in the default domain.</summary>
    public static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var n = new NodeProto { OpType = op, Name = op + "_" + outputs[0] };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        n.Attribute.AddRange(attributes);
        return n;
    }

    /// <summary>An integer-list attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>
    /// x [N,3] → Gemm(W1 [3,4], b1) → "hidden" → Relu → "relu" → Gemm(W2 [4,2], b2) → "y" [N,2].
    /// The weights are <see cref="W1"/>, <see cref="B1"/>, <see cref="W2"/>, <see cref="B2"/>.
    /// </summary>
    public static ModelProto Mlp()
    {
        var g = new GraphProto { Name = "mlp" };
        g.Input.Add(Float("x", -1, 3));
        g.Output.Add(Float("y", -1, 2));
        g.Initializer.Add(Initializer("W1", [3, 4], W1));
        g.Initializer.Add(Initializer("b1", [4], B1));
        g.Initializer.Add(Initializer("W2", [4, 2], W2));
        g.Initializer.Add(Initializer("b2", [2], B2));
        g.Node.Add(Node("Gemm", ["x", "W1", "b1"], ["hidden"]));
        g.Node.Add(Node("Relu", ["hidden"], ["relu"]));
        g.Node.Add(Node("Gemm", ["relu", "W2", "b2"], ["y"]));
        return Model(g);
    }

    /// <summary>
    /// image [N, 2, 2, 1] → Reshape [N, 4] "flat" → Relu "relu" → MatMul W [4, 3] "logits" → Softmax "probs" (graph output).
    /// </summary>
    public static ModelProto ImageClassifier()
    {
        var g = new GraphProto { Name = "classifier" };
        g.Input.Add(Float("image", -1, 2, 2, 1));
        g.Output.Add(Float("probs", -1, 3));
        var shape = new TensorProto { Name = "shape", DataType = (int)TensorProto.Types.DataType.Int64 };
        shape.Dims.Add(2);
        shape.Int64Data.AddRange([-1, 4]);
        g.Initializer.Add(shape);
        g.Initializer.Add(Initializer("W", [4, 3], ImageClassifierWeights));
        g.Node.Add(Node("Reshape", ["image", "shape"], ["flat"]));
        g.Node.Add(Node("Relu", ["flat"], ["relu"]));
        g.Node.Add(Node("MatMul", ["relu", "W"], ["logits"]));
        g.Node.Add(Node("Softmax", ["logits"], ["probs"], Int("axis", 1)));
        return Model(g);
    }

    /// <summary>W of <see cref="ImageClassifier"/>, row-major 4×3.</summary>
    public static readonly float[] ImageClassifierWeights = [0.5f, -1, 0.25f, 1, 0, -0.5f, -0.75f, 0.5f, 1, 0.125f, 2, -1];

    /// <summary>W1, row-major 3×4.</summary>
    public static readonly float[] W1 = [1, -1, 0.5f, 2, 0, 2, -1, 1, -2, 1, 1, -0.5f];

    /// <summary>b1.</summary>
    public static readonly float[] B1 = [0.25f, -0.5f, 1, 0];

    /// <summary>W2, row-major 4×2.</summary>
    public static readonly float[] W2 = [1, 0, -1, 2, 0.5f, 0.5f, 2, -1];

    /// <summary>b2.</summary>
    public static readonly float[] B2 = [0.125f, -0.25f];

    /// <summary>Serialized bytes.</summary>
    public static byte[] Bytes(ModelProto model) => model.ToByteArray();

    /// <summary>Row-major float matrix product plus bias, in float64 (an independent reference for Gemm).</summary>
    public static double[] Affine(double[] x, int rows, int inner, float[] w, float[] b, int cols)
    {
        var y = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double s = b[j];
                for (int k = 0; k < inner; k++)
                {
                    s += x[(i * inner) + k] * w[(k * cols) + j];
                }

                y[(i * cols) + j] = s;
            }
        }

        return y;
    }

    /// <summary>Element-wise max(0, v).</summary>
    public static double[] Relu(double[] v) => v.Select(a => a > 0 ? a : 0).ToArray();
}
