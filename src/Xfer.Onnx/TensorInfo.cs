using System;
using System.Globalization;
using System.Linq;

namespace Xfer.Onnx;

/// <summary>A model input or output as the loaded session describes it.</summary>
/// <param name="Name">The graph value name.</param>
/// <param name="ElementType">Element type (<see cref="TensorElementType.Undefined"/> for non-tensor values such as sequences).</param>
/// <param name="Shape">Dimensions, outermost first; −1 where a dimension is not fixed (e.g. the batch). Empty when unknown or scalar.</param>
/// <param name="DimensionNames">Symbolic names of the dimensions ("" where a dimension has none), same length as <paramref name="Shape"/>.</param>
public sealed record TensorInfo(string Name, TensorElementType ElementType, long[] Shape, string[] DimensionNames)
{
    /// <summary>The shape as text, symbolic dimensions by name or "?", e.g. <c>[batch, 224, 224, 3]</c>.</summary>
    public string ShapeText => FormatShape(Shape, DimensionNames);

    /// <summary>Formats a shape: fixed dimensions as numbers, others by name or "?".</summary>
    public static string FormatShape(ReadOnlySpan<long> shape, string[]? names = null)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i] >= 0
                ? shape[i].ToString(CultureInfo.InvariantCulture)
                : (names is not null && i < names.Length && names[i].Length > 0 ? names[i] : "?");
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    /// <summary>True when every dimension after the first (batch) one is fixed.</summary>
    public bool HasFixedSampleShape => Shape.Length > 0 && Shape.Skip(1).All(d => d >= 0);
}
