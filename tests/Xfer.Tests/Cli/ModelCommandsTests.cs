using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xfer.IO;
using Xfer.IO.Datasets;
using Xfer.Onnx;
using Xfer.Onnx.Models;
using Xfer.Tests.Onnx;
using Xfer.Tests.Support;
using Xfer.Tests.Tfjs;
using Xunit;

namespace Xfer.Tests.Cli;

/// <summary>
/// <c>xfer layers</c> and <c>xfer extract</c> end to end in a child process, on a hand-built ONNX model, with the
/// cache in a temporary directory (so tests never touch the user's cache) and the runtime named explicitly.
/// </summary>
public sealed class ModelCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xfer-cli-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Environment(string? runtime = null) => new()
    {
        ["XFER_CACHE"] = Path.Combine(_dir, "cache"),
        ["XFER_ONNXRUNTIME"] = runtime ?? OnnxRuntime.LibraryPath,
    };

    private string ModelFile()
    {
        string path = Path.Combine(_dir, "classifier.onnx");
        OnnxModelFile.Write(path, TinyModels.ImageClassifier());
        return path;
    }

    [OrtFact]
    public void Layers_json_lists_every_float_layer_with_its_defaults()
    {
        var r = CliProcess.RunWith(Environment(), "layers", "--model", ModelFile(), "--json");
        Assert.True(r.ExitCode == 0, r.StandardError);
        using var doc = JsonDocument.Parse(r.StandardOutput);
        var root = doc.RootElement;
        Assert.Equal(["flat", "relu", "logits", "probs"], root.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(["Reshape", "Relu", "MatMul", "Softmax"], root.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("op").GetString()));
        Assert.Equal(3, root.GetProperty("layers")[2].GetProperty("shape")[0].GetInt32());
        Assert.Equal("relu", root.GetProperty("pooledLayer").GetString());
        Assert.Equal("probs", root.GetProperty("probabilitiesLayer").GetString());
        Assert.Equal("[N, 2, 2, 1]", root.GetProperty("inputShape").GetString());
    }

    [OrtFact]
    public void Extract_writes_layers_and_probs_and_a_repeated_request_is_served_from_the_cache()
    {
        const int n = 9;
        var rng = new Random(11);
        var pixels = Enumerable.Range(0, n * 4).Select(_ => (rng.NextDouble() * 2) - 1).Select(v => (double)(float)v).ToArray();
        string images = Path.Combine(_dir, "images.npy");
        NpyWriter.Write(images, [n, 2, 2, 1], pixels, "<f4");
        string output = Path.Combine(_dir, "features.npz");
        string[] args = ["extract", "--model", ModelFile(), "--images", images, "--layer", "logits", "--batch", "4", "--out", output];

        var first = CliProcess.RunWith(Environment(), args);
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains("speed ", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["logits", "probs"], DataFiles.NpzMembers(output));
        var logits = DataFiles.ReadArray(output + ":logits");
        Assert.Equal([n, 3], logits.Shape);
        Assert.Equal("<f4", logits.DType);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double expected = 0;
                for (int k = 0; k < 4; k++)
                {
                    expected += Math.Max(0, pixels[(i * 4) + k]) * TinyModels.ImageClassifierWeights[(k * 3) + j];
                }

                // Four float32 products of magnitude ≤ 2 summed in float32.
                NumericAssert.Close(expected, logits.Values[(i * 3) + j], rtol: 1e-5, atol: 1e-6);
            }
        }

        var probs = DataFiles.ReadArray(output + ":probs");
        for (int i = 0; i < n; i++)
        {
            NumericAssert.Close(1.0, probs.Values.Skip(i * 3).Take(3).Sum(), rtol: 0, atol: 1e-6, because: "softmax rows sum to 1");
        }

        byte[] bytes = File.ReadAllBytes(output);
        File.Delete(output);
        var second = CliProcess.RunWith(Environment(), args);
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Contains("cached ", second.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(output));
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "cache", "features"), "*.npz"));
    }

    [OrtFact]
    public void Tfjs_model_is_converted_once_and_its_extracted_layers_match_tfjs()
    {
        // The tiny Keras model of Fixtures/tfjs/tiny and its outputs under @tensorflow/tfjs 4.22 (reference_features.mjs).
        string model = TfjsFixtures.PathOf("tiny", "model.json");
        using var reference = TfjsFixtures.Load("tiny", "reference_outputs.json");
        var input = reference.RootElement.GetProperty("input");
        int[] shape = TfjsFixtures.Ints(input.GetProperty("shape"));
        string images = Path.Combine(_dir, "tiny.npy");
        NpyWriter.Write(images, shape, TfjsFixtures.Doubles(input.GetProperty("values")), "<f4");

        var listed = CliProcess.RunWith(Environment(), "layers", "--model", model, "--json");
        Assert.True(listed.ExitCode == 0, listed.StandardError);
        using (var doc = JsonDocument.Parse(listed.StandardOutput))
        {
            Assert.Equal("tfjs", doc.RootElement.GetProperty("kind").GetString());
            Assert.Contains(doc.RootElement.GetProperty("layers").EnumerateArray(), l => l.GetProperty("name").GetString() == "conv_same_s2" && l.GetProperty("op").GetString() == "Conv2D");
        }

        string converted = Assert.Single(Directory.GetFiles(Path.Combine(_dir, "cache", "models", "converted"), "*.onnx"));
        var written = File.GetLastWriteTimeUtc(converted);
        string output = Path.Combine(_dir, "tiny.npz");
        var r = CliProcess.RunWith(Environment(), "extract", "--model", model, "--images", images, "--layer", "gap,conv_same_s2,concat", "--batch", "2", "--out", output);
        Assert.True(r.ExitCode == 0, r.StandardError);
        Assert.Equal(written, File.GetLastWriteTimeUtc(converted));

        foreach (string layer in new[] { "gap", "conv_same_s2", "concat", "probs" })
        {
            var actual = DataFiles.ReadArray(output + ":" + layer);
            var images3 = reference.RootElement.GetProperty("layers").GetProperty(layer).GetProperty("images");
            Assert.Equal(shape[0], actual.Shape[0]);
            for (int i = 0; i < shape[0]; i++)
            {
                var expected = TfjsFixtures.Doubles(images3[i].GetProperty("values"));
                var row = actual.Values.AsSpan(i * actual.Shape[1], actual.Shape[1]).ToArray().Select(v => (float)v).ToArray();

                // The criterion: the same features as tfjs to 1e-4, relative to the layer's largest magnitude.
                double error = LayerComparison.MaxRelativeError(row, expected);
                Assert.True(error <= 1e-4, $"{layer}, image {i}: max relative error {error:E2}");
            }
        }
    }

    [OrtFact("fashion-mnist")]
    public void Dataset_images_are_prepared_for_the_model_and_labels_are_saved()
    {
        // The 2×2×1 classifier states no preparation, so xfer assumes bilinear resizing to 2×2 and pixel/255; its
        // "flat" layer is then exactly the prepared image, which ImagePreprocessor (tfjs-exact, tested elsewhere) gives.
        string output = Path.Combine(_dir, "fm.npz");
        var r = CliProcess.RunWith(Environment(), "extract", "--model", ModelFile(), "--dataset", "fashion-mnist:test",
            "--limit", "20", "--classes", "7,9", "--seed", "5", "--layer", "flat", "--out", output);
        Assert.True(r.ExitCode == 0, r.StandardError);
        Assert.Contains("assumed", r.StandardOutput, StringComparison.Ordinal);
        var dataset = DatasetCatalog.Load(new DatasetRequest("fashion-mnist", "test", [7, 9], 20, 5));
        var labels = DataFiles.ReadArray(output + ":labels");
        Assert.Equal("<i8", labels.DType);
        Assert.Equal(dataset.Labels.ToArray().Select(v => (double)v), labels.Values);
        Assert.Equal([10, 10], dataset.Labels.Counts);
        var expected = new float[20 * 4];
        ImagePreprocessor.Prepare(dataset.Images!, 0, 20, new ModelInputSpec(2, 2, 1, Interpolation.Bilinear, 1, 0, "test"), expected);
        Assert.Equal(expected.Select(v => (double)v), DataFiles.ReadArray(output + ":flat").Values);
    }

    [OrtFact]
    public void Extract_needs_exactly_one_image_source()
    {
        var r = CliProcess.RunWith(Environment(), "extract", "--model", ModelFile(), "--out", Path.Combine(_dir, "f.npz"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("xfer: error: Give exactly one of --dataset NAME[:split] or --images F.npy.", r.StandardError.Trim());
    }

    [Fact]
    public void Missing_runtime_is_one_line_with_what_was_tried_and_the_fix()
    {
        string path = Path.Combine(_dir, "classifier.onnx");
        OnnxModelFile.Write(path, TinyModels.ImageClassifier());
        var r = CliProcess.RunWith(Environment(runtime: "/nonexistent/libonnxruntime.so.1"), "layers", "--model", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(
            "xfer: error: ONNX Runtime could not be loaded from XFER_ONNXRUNTIME=/nonexistent/libonnxruntime.so.1. Tried: /nonexistent/libonnxruntime.so.1 (not found). "
            + "Set XFER_ONNXRUNTIME to a libonnxruntime.so.1 (version 1.8 or newer), or unset it and run scripts/setup.sh models.",
            r.StandardError.Trim());
    }

    [Fact]
    public void Named_model_without_its_files_says_how_to_get_them()
    {
        var r = CliProcess.RunWith(Environment(runtime: "/nonexistent"), "layers", "--model", "mobilenet-v2");
        Assert.Equal(2, r.ExitCode);
        string dir = Path.Combine(_dir, "cache", "models", "nsfwjs-4.4.0");
        Assert.Equal($"xfer: error: --model mobilenet-v2 needs the nsfwjs 4.4.0 networks in {dir} ({dir}/mobilenet_v2/model.min.js is missing). Run scripts/setup.sh models.", r.StandardError.Trim());
    }
}
