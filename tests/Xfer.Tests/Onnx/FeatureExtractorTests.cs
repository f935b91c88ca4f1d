using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Onnx;
using Xfer.Onnx.Extraction;
using Xfer.Onnx.Models;
using Xfer.Onnx.Proto;
using Xfer.Tests.Support;
using Xunit;
using static Xfer.Tests.Onnx.TinyModels;

namespace Xfer.Tests.Onnx;

public sealed class FeatureExtractorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xfer-extract-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ResolvedModel Resolve(ModelProto model, string name = "classifier.onnx")
    {
        string path = Path.Combine(_dir, name);
        OnnxModelFile.Write(path, model);
        return ModelRegistry.Resolve(path);
    }

    [OrtFact]
    public void Extracts_layers_and_probabilities_in_batches_matching_an_independent_forward_pass()
    {
        const int n = 70; // batches of 32, 32 and 6
        var source = new MemoryImageSource(n, [2, 2, 1], seed: 3, withLabels: true);
        var model = Resolve(ImageClassifier());
        var features = FeatureExtractor.Extract(model, source, new ExtractionOptions { Layers = ["relu", "logits"], BatchSize = 32 });

        Assert.Equal(n, features.Count);
        Assert.Equal(["relu", "logits"], features.Layers.Select(b => b.Name));
        Assert.Equal(4, features.Layers[0].Columns);
        Assert.Equal(3, features.Layers[1].Columns);
        Assert.Equal([4], features.Layers[0].SampleShape);
        Assert.Equal("probs", features.Probabilities!.Name);
        Assert.Same(source.Labels, features.Labels);
        Assert.Equal(32, features.BatchSize);

        for (int i = 0; i < n; i++)
        {
            var x = source.Pixels.AsSpan(i * 4, 4).ToArray().Select(v => Math.Max(0.0, v)).ToArray();
            var logits = new double[3];
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    logits[j] += x[k] * ImageClassifierWeights[(k * 3) + j];
                }
            }

            double max = logits.Max();
            double z = logits.Sum(v => Math.Exp(v - max));
            var probs = logits.Select(v => Math.Exp(v - max) / z).ToArray();

            // float32 products and sums of 4 terms of magnitude ≤ 4, and a float32 softmax: 1e-5 covers the rounding.
            NumericAssert.Close(x, AsDoubles(features.Layers[0].Row(i)), rtol: 0, atol: 0, because: "relu is exact");
            NumericAssert.Close(logits, AsDoubles(features.Layers[1].Row(i)), rtol: 1e-5, atol: 1e-5);
            NumericAssert.Close(probs, AsDoubles(features.Probabilities.Row(i)), rtol: 1e-5, atol: 1e-6);
        }
    }

    [OrtFact]
    public void Without_layers_the_pooled_layer_is_extracted_and_probs_can_be_left_out()
    {
        var model = Resolve(ImageClassifier());
        var features = FeatureExtractor.Extract(model, new MemoryImageSource(5, [2, 2, 1], seed: 1, withLabels: false), new ExtractionOptions { IncludeProbabilities = false });
        Assert.Equal("relu", Assert.Single(features.Layers).Name);
        Assert.Null(features.Probabilities);
        Assert.Null(features.Labels);
    }

    [OrtFact]
    public void Unknown_layer_suggests_similar_names()
    {
        var model = Resolve(ImageClassifier());
        var e = Assert.Throws<XferException>(() => FeatureExtractor.ResolveLayers(model, ["Relu"]));
        Assert.Equal($"--layer Relu: {model.Spec} has no such layer (similar: relu); 'xfer layers --model {model.Spec}' lists all 4.", e.Message);
        var typo = Assert.Throws<XferException>(() => FeatureExtractor.ResolveLayers(model, ["logts"]));
        Assert.Contains("(similar: logits)", typo.Message, StringComparison.Ordinal);
    }

    [OrtFact]
    public void Images_of_the_wrong_shape_are_refused_with_both_shapes()
    {
        var model = Resolve(ImageClassifier());
        var e = Assert.Throws<XferException>(() => FeatureExtractor.Extract(model, new MemoryImageSource(3, [3, 3, 1], seed: 1, withLabels: false), new ExtractionOptions()));
        Assert.Equal($"memory holds images of shape (3, 3, 1) but {model.Spec} expects input 'image' [N, 2, 2, 1] (batch first); prepare the images for the model.", e.Message);
    }

    [OrtFact]
    public void Feature_cache_key_depends_on_model_layers_and_images_only()
    {
        var model = Resolve(ImageClassifier());
        var a = new MemoryImageSource(10, [2, 2, 1], seed: 1, withLabels: true);
        string key = FeatureCache.Key(model.Identity, a, ["relu"], "probs");
        Assert.Equal(key, FeatureCache.Key(model.Identity, new MemoryImageSource(10, [2, 2, 1], seed: 1, withLabels: true), ["relu"], "probs"));
        Assert.NotEqual(key, FeatureCache.Key(model.Identity, new MemoryImageSource(10, [2, 2, 1], seed: 2, withLabels: true), ["relu"], "probs"));
        Assert.NotEqual(key, FeatureCache.Key(model.Identity, a, ["logits"], "probs"));
        Assert.NotEqual(key, FeatureCache.Key(model.Identity, a, ["relu"], null));
        var other = ImageClassifier();
        other.Graph.Initializer[1].FloatData[0] = 0.75f;
        Assert.NotEqual(key, FeatureCache.Key(Resolve(other, "other.onnx").Identity, a, ["relu"], "probs"));
    }

    [Fact]
    public void Onnx_model_identity_is_the_sha256_of_the_file()
    {
        var model = Resolve(ImageClassifier());
        Assert.Equal(ModelKind.Onnx, model.Kind);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model.OnnxPath))), model.Identity);
        Assert.Equal("image", model.Input.Name);
    }

    [Fact]
    public void Unknown_model_names_the_choices()
    {
        var e = Assert.Throws<XferException>(() => ModelRegistry.Resolve("resnet-50"));
        Assert.Equal("--model resnet-50: no such file, and not a named model (mobilenet-v2, inception-v3). Give an .onnx file, a TF.js model.json, or a name.", e.Message);
    }

    private static double[] AsDoubles(ReadOnlySpan<float> values) => values.ToArray().Select(v => (double)v).ToArray();

    /// <summary>Seeded images in [−1, 1) held in memory, with cycling labels.</summary>
    private sealed class MemoryImageSource : ImageSource
    {
        private readonly int[] _shape;

        public MemoryImageSource(int count, int[] shape, int seed, bool withLabels)
        {
            _shape = shape;
            var rng = new Random(seed);
            Pixels = Enumerable.Range(0, count * shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
            Labels = withLabels ? ClassLabels.FromIndices(Enumerable.Range(0, count).Select(i => i % 2).ToArray()) : null;
            Count = count;
        }

        public float[] Pixels { get; }

        public override int Count { get; }

        public override int[] SampleShape => _shape;

        public override ClassLabels? Labels { get; }

        public override string Description => $"memory: {Count} images";

        public override string Name => "memory";

        public override void Fill(int start, int count, Span<float> destination)
            => Pixels.AsSpan(start * (int)SampleLength, count * (int)SampleLength).CopyTo(destination);

        public override void WriteIdentity(IncrementalHash hash) => hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Pixels.AsSpan()));
    }
}
