using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Onnx;
using Xfer.Onnx.Extraction;
using Xfer.Onnx.Models;
using Xfer.Onnx.Proto;
using Xfer.Onnx.Tfjs;
using Xfer.Tests.Support;
using Xfer.Tests.Tfjs;
using Xunit;
using static Xfer.Tests.Onnx.TinyModels;

namespace Xfer.Tests.Onnx;

/// <summary>
/// Global average pooling of extracted layers: the kernel against means worked out by hand, and extraction from an ONNX
/// (channels-first) and a converted TF.js (channels-last) model against hand means of the same images and against the
/// model's own GlobalAveragePool output.
/// </summary>
public sealed class LayerPoolingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Channels_last_means_are_taken_over_positions()
    {
        // Two images of shape (2, 2, 3) holding 1..12 and 13..24 in C order: position p, channel c is 1 + 3p + c.
        // Channel means of image 0: (1+4+7+10)/4 = 5.5, 6.5, 7.5; image 1 adds 12 to each.
        var values = Enumerable.Range(1, 24).Select(v => (float)v).ToArray();
        var pooled = new float[6];
        SpatialAveragePooling.Pool(values, 2, [2, 2, 3], channelsLast: true, pooled);
        Assert.Equal([5.5f, 6.5f, 7.5f, 17.5f, 18.5f, 19.5f], pooled);
    }

    [Fact]
    public void Channels_first_means_are_taken_over_each_contiguous_map()
    {
        // The same 24 values read as two images of (3, 2, 2): channel c of image 0 holds 4c+1..4c+4, mean 4c + 2.5.
        var values = Enumerable.Range(1, 24).Select(v => (float)v).ToArray();
        var pooled = new float[6];
        SpatialAveragePooling.Pool(values, 2, [3, 2, 2], channelsLast: false, pooled);
        Assert.Equal([2.5f, 6.5f, 10.5f, 14.5f, 18.5f, 22.5f], pooled);
    }

    [Fact]
    public void The_mean_is_rounded_to_float32_once()
    {
        // 0.1f three times and 0.2f: the float64 sum of the float32 values divided by 4, then rounded once. A float32
        // running sum would round after every addition.
        float[] values = [0.1f, 0.1f, 0.1f, 0.2f];
        var pooled = new float[1];
        SpatialAveragePooling.Pool(values, 1, [4, 1], channelsLast: true, pooled);
        Assert.Equal((float)((0.1f + (double)0.1f + 0.1f + 0.2f) / 4), pooled[0]);
    }

    [Fact]
    public void Vectors_are_not_pooled_and_the_cli_value_is_checked()
    {
        Assert.False(SpatialAveragePooling.Applies([1280]));
        Assert.True(SpatialAveragePooling.Applies([7, 7, 1280]));
        Assert.Equal(LayerPooling.Average, SpatialAveragePooling.Parse("avg"));
        Assert.Equal(LayerPooling.None, SpatialAveragePooling.Parse("none"));
        var e = Assert.Throws<XferException>(() => SpatialAveragePooling.Parse("max"));
        Assert.StartsWith("--pool max: use 'avg'", e.Message, StringComparison.Ordinal);
    }

    [OrtFact]
    public void Onnx_feature_maps_are_pooled_channels_first_like_GlobalAveragePool()
    {
        // image [N, 2, 3, 3] → Relu "relu" → GlobalAveragePool "gap" [N, 2, 1, 1] → Flatten "flat" (the pooled layer).
        var g = new GraphProto { Name = "nchw" };
        g.Input.Add(Float("image", -1, 2, 3, 3));
        g.Output.Add(Float("flat", -1, 2));
        g.Node.Add(Node("Relu", ["image"], ["relu"]));
        g.Node.Add(Node("GlobalAveragePool", ["relu"], ["gap"]));
        g.Node.Add(Node("Flatten", ["gap"], ["flat"], Int("axis", 1)));
        string path = _dir.File("nchw.onnx");
        OnnxModelFile.Write(path, Model(g));
        var model = ModelRegistry.Resolve(path);

        var source = new SeededImages(5, [2, 3, 3], seed: 11);
        var features = FeatureExtractor.Extract(model, source,
            new ExtractionOptions { Layers = ["relu", "flat"], Pooling = LayerPooling.Average, IncludeProbabilities = false, BatchSize = 2 });

        var relu = features.Layers[0];
        Assert.Equal(2, relu.Columns);
        Assert.Equal([2], relu.SampleShape);
        for (int i = 0; i < 5; i++)
        {
            var x = source.Pixels.AsSpan(i * 18, 18).ToArray();
            double[] expected = [x[..9].Average(v => Math.Max(0.0, v)), x[9..].Average(v => Math.Max(0.0, v))];
            NumericAssert.Close(expected, Doubles(relu.Row(i)), rtol: 1e-6, atol: 1e-7, because: "means of nine float32 values, rounded once");
            NumericAssert.Close(Doubles(features.Layers[1].Row(i)), Doubles(relu.Row(i)), rtol: 1e-6, atol: 1e-7, because: "ONNX Runtime's GlobalAveragePool of the same map");
        }
    }

    [OrtFact]
    public void Converted_tfjs_layers_are_pooled_channels_last_like_keras_GlobalAveragePooling2D()
    {
        const int H = 3, W = 4, C = 2;
        string modelJson = KerasModelWriter.WriteFunctional(_dir.Path,
            [
                KerasModelWriter.Input("img", H, W, C),
                KerasModelWriter.Layer("relu", "Activation", new JsonObject { ["activation"] = "relu" }, "img"),
                KerasModelWriter.Layer("gap", "GlobalAveragePooling2D", new JsonObject(), "relu"),
            ],
            "img", ["gap"], []);

        // Written as an .onnx file with the converter's layer list (as xfer caches conversions), so it is resolved as an
        // ONNX file and the channels-last layout must come from the metadata.
        var imported = TfjsLayersImporter.Import(modelJson);
        var onnx = imported.Model.Clone();
        onnx.MetadataProps.Add(new StringStringEntryProto { Key = ModelRegistry.LayersKey, Value = "[]" });
        string path = _dir.File("converted.onnx");
        OnnxModelFile.Write(path, onnx);
        var model = ModelRegistry.Resolve(path);
        Assert.Equal(ModelKind.Onnx, model.Kind);

        var source = new SeededImages(3, [H, W, C], seed: 5);
        var features = FeatureExtractor.Extract(model, source,
            new ExtractionOptions { Layers = ["relu", "gap"], Pooling = LayerPooling.Average, IncludeProbabilities = false });
        for (int i = 0; i < 3; i++)
        {
            var x = source.Pixels.AsSpan(i * H * W * C, H * W * C).ToArray();
            double[] expected =
            [
                Enumerable.Range(0, H * W).Average(p => Math.Max(0.0, x[(p * C) + 0])),
                Enumerable.Range(0, H * W).Average(p => Math.Max(0.0, x[(p * C) + 1])),
            ];
            NumericAssert.Close(expected, Doubles(features.Layers[0].Row(i)), rtol: 1e-6, atol: 1e-7, because: "channel means of twelve positions");
            NumericAssert.Close(Doubles(features.Layers[1].Row(i)), Doubles(features.Layers[0].Row(i)), rtol: 1e-6, atol: 1e-7, because: "Keras' GlobalAveragePooling2D as converted");
        }
    }

    [OrtFact]
    public void ExtractToFile_writes_pooled_layers_with_one_column_per_channel()
    {
        var g = new GraphProto { Name = "nchw" };
        g.Input.Add(Float("image", -1, 2, 3, 3));
        g.Output.Add(Float("relu", -1, 2, 3, 3));
        g.Node.Add(Node("Relu", ["image"], ["relu"]));
        string path = _dir.File("cache.onnx");
        OnnxModelFile.Write(path, Model(g));
        var model = ModelRegistry.Resolve(path);
        var source = new SeededImages(4, [2, 3, 3], seed: 2);
        var options = new ExtractionOptions { Layers = ["relu"], IncludeProbabilities = false };
        var whole = FeatureExtractor.ExtractToFile(model, source, options, _dir.File("whole.npz"), useCache: false);
        var pooled = FeatureExtractor.ExtractToFile(model, source, options with { Pooling = LayerPooling.Average }, _dir.File("pooled.npz"), useCache: false);
        Assert.Equal(18, whole.Arrays[0].Columns);
        Assert.Equal(2, pooled.Arrays[0].Columns);
        Assert.Equal([2], pooled.Arrays[0].SampleShape);
    }

    private static double[] Doubles(ReadOnlySpan<float> values) => values.ToArray().Select(v => (double)v).ToArray();

    /// <summary>Seeded values in [−1, 1) of any per-image shape, without labels.</summary>
    private sealed class SeededImages : ImageSource
    {
        private readonly int[] _shape;

        public SeededImages(int count, int[] shape, int seed)
        {
            _shape = shape;
            var rng = new SeededRandom(seed);
            Pixels = Enumerable.Range(0, count * shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
            Count = count;
        }

        public float[] Pixels { get; }

        public override int Count { get; }

        public override int[] SampleShape => _shape;

        public override ClassLabels? Labels => null;

        public override string Name => "seeded";

        public override string Description => "seeded values";

        public override void Fill(int start, int count, Span<float> destination)
            => Pixels.AsSpan(start * (int)SampleLength, count * (int)SampleLength).CopyTo(destination);

        public override void WriteIdentity(IncrementalHash hash) => hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Pixels.AsSpan()));
    }
}
