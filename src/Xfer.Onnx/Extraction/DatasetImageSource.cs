using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.IO.Datasets;
using Xfer.Onnx.Models;

namespace Xfer.Onnx.Extraction;

/// <summary>Images of a dataset, prepared for a model by <see cref="ImagePreprocessor"/> with the model's <see cref="ModelInputSpec"/>.</summary>
public sealed class DatasetImageSource : ImageSource
{
    private readonly Dataset _dataset;
    private readonly ImageSet _images;
    private readonly ModelInputSpec _spec;

    /// <summary>Wraps an image dataset; a tabular one is refused with a clear message.</summary>
    public DatasetImageSource(Dataset dataset, ModelInputSpec spec)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(spec);
        _images = dataset.Images ?? throw new XferException($"--dataset {dataset.Name} is tabular (no images); xfer extract needs an image dataset such as fashion-mnist or digits.");
        _dataset = dataset;
        _spec = spec;
    }

    /// <inheritdoc />
    public override int Count => _images.Count;

    /// <inheritdoc />
    public override int[] SampleShape => [_spec.Height, _spec.Width, _spec.Channels];

    /// <inheritdoc />
    public override ClassLabels? Labels => _dataset.Labels;

    /// <inheritdoc />
    public override string Name => "--dataset " + _dataset.Name + ":" + _dataset.Split;

    /// <summary>The preparation applied.</summary>
    public ModelInputSpec Spec => _spec;

    /// <inheritdoc />
    public override string Description => string.Format(CultureInfo.InvariantCulture, "{0}:{1}, {2} images, prepared as {3}", _dataset.Name, _dataset.Split, Count, _spec.Description);

    /// <inheritdoc />
    public override void Fill(int start, int count, Span<float> destination) => ImagePreprocessor.Prepare(_images, start, count, _spec, destination);

    /// <inheritdoc />
    public override void WriteIdentity(IncrementalHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);

        // The raw pixels and labels themselves (not just the request), so a change in a loader's subsampling or
        // split can never serve stale features; plus every field of the preparation.
        hash.AppendData(Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, "dataset\n{0}\n{1}\n{2}x{3}x{4}x{5}\n{6:R}\n{7}x{8}x{9} {10} {11:R} {12:R}\n",
            _dataset.Name, _dataset.Split, _images.Count, _images.Height, _images.Width, _images.Channels, _images.MaxValue,
            _spec.Height, _spec.Width, _spec.Channels, _spec.Resize, _spec.Scale, _spec.Offset)));
        hash.AppendData(MemoryMarshal.AsBytes(_images.Pixels.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(_dataset.Labels.Indices));
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join("\n", _dataset.Labels.ClassNames)));
    }
}
