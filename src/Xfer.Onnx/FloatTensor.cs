using System;
using System.Globalization;
using System.Linq;

namespace Xfer.Onnx;

/// <summary>A float32 tensor: row-major (C order) values and their shape. Wraps the memory it is given (no copy).</summary>
public sealed class FloatTensor
{
    private readonly long[] _shape;

    /// <summary>Wraps <paramref name="data"/>; its length must be the product of <paramref name="shape"/>.</summary>
    public FloatTensor(ReadOnlyMemory<float> data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"tensor dimensions must be non-negative; got {TensorInfo.FormatShape(shape)}.", nameof(shape));
            }

            count = checked(count * d);
        }

        if (count != data.Length)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "a tensor of shape {0} holds {1} values but {2} were given.", TensorInfo.FormatShape(shape), count, data.Length), nameof(data));
        }

        Data = data;
        _shape = (long[])shape.Clone();
    }

    /// <summary>The values, row-major.</summary>
    public ReadOnlyMemory<float> Data { get; }

    /// <summary>The dimensions, outermost first (a copy).</summary>
    public long[] Shape => (long[])_shape.Clone();

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The size of dimension <paramref name="axis"/>.</summary>
    public long Dimension(int axis) => _shape[axis];

    /// <summary>The values as a span.</summary>
    public ReadOnlySpan<float> Span => Data.Span;

    /// <summary>The shape as text, e.g. <c>[2, 3]</c>.</summary>
    public string ShapeText => TensorInfo.FormatShape(_shape);

    internal ReadOnlySpan<long> ShapeSpan => _shape;

    /// <inheritdoc />
    public override string ToString() => "float32 " + ShapeText + (_shape.Length == 0 || _shape.All(d => d > 0) ? string.Empty : " (empty)");
}
