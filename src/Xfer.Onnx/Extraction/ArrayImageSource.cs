using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.IO;

namespace Xfer.Onnx.Extraction;

/// <summary>
/// Images already prepared for the model (<c>--images F.npy</c>): an N×H×W×C (or any N×…) floating-point array whose
/// values are fed as they are, cast to float32: no resizing, no scaling.
/// </summary>
public sealed class ArrayImageSource : ImageSource
{
    private readonly NdArray _array;
    private readonly string _path;
    private readonly int _count;

    /// <summary>Reads <paramref name="path"/> (.npy, or .npz:member); <paramref name="limit"/> keeps the first images only.</summary>
    public ArrayImageSource(string path, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = path;
        _array = DataFiles.ReadArray(path);
        if (_array.Strings is not null || _array.Shape.Length < 2)
        {
            throw new InputFileException(path, $"expected an N×H×W×C array of prepared images; found {_array.DType} {_array.ShapeText}.");
        }

        if (_array.IsIntegral)
        {
            throw new InputFileException(path, $"holds {_array.DType} values {_array.ShapeText}, which look like raw pixels; --images takes images already prepared for the model (float32, scaled as the model expects). Use --dataset to let xfer prepare them.");
        }

        if (_array.Shape[0] == 0)
        {
            throw new InputFileException(path, "holds no images (first dimension is 0).");
        }

        _count = Math.Min(_array.Shape[0], limit ?? int.MaxValue);
    }

    /// <inheritdoc />
    public override int Count => _count;

    /// <inheritdoc />
    public override int[] SampleShape => _array.Shape[1..];

    /// <inheritdoc />
    public override ClassLabels? Labels => null;

    /// <inheritdoc />
    public override string Name => "--images " + _path;

    /// <inheritdoc />
    public override string Description => string.Format(CultureInfo.InvariantCulture, "{0}: {1} prepared images {2} ({3}, fed as they are)",
        _path, Count, "(" + string.Join(", ", SampleShape) + ")", _array.DType);

    /// <inheritdoc />
    public override void Fill(int start, int count, Span<float> destination)
    {
        int length = checked((int)SampleLength);
        var values = _array.Values.AsSpan(start * length, count * length);
        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = (float)values[i];
        }
    }

    /// <inheritdoc />
    public override void WriteIdentity(IncrementalHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var shape = _array.Shape.ToArray();
        shape[0] = _count;
        hash.AppendData(Encoding.UTF8.GetBytes("array\n" + string.Join(",", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "\n"));

        // The float32 values actually fed (what the model sees), not the file's bytes.
        var fed = new float[Math.Min(SampleLength * _count, 1 << 20)];
        for (long offset = 0, total = SampleLength * _count; offset < total; offset += fed.Length)
        {
            int n = (int)Math.Min(fed.Length, total - offset);
            for (int i = 0; i < n; i++)
            {
                fed[i] = (float)_array.Values[offset + i];
            }

            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(fed.AsSpan(0, n)));
        }
    }
}
