using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using Xfer.Onnx;
using Xfer.Onnx.Models;
using Xfer.Onnx.Tfjs;
using Xunit;
using Xunit.Abstractions;

namespace Xfer.Tests.Tfjs;

/// <summary>
/// Regenerates the tfjs references with Node (Fixtures/tfjs/reference_features.mjs) and compares every recorded layer
/// in full, not only the committed samples: MobileNetV2 by default (about 2.5 minutes of tfjs cpu time here);
/// InceptionV3 too when <c>XFER_TFJS_MODELS=mobilenet-v2,inception-v3</c> (about 22 minutes). Also checks that the
/// regenerated fixtures equal the committed ones (the generator is deterministic).
/// </summary>
[Trait("Category", "Slow")]
public class TfjsRegenerationTests(ITestOutputHelper output)
{
    [TfjsNodeFact]
    public void Regenerated_references_match_the_converter_in_full_and_the_committed_fixtures()
    {
        using var temp = new TempDirectory();
        string fullDir = Environment.GetEnvironmentVariable("XFER_TFJS_FULL_DIR") is { Length: > 0 } given ? given : RunNode(temp);
        var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(fullDir, "index.json"))).RootElement.GetProperty("tensors")
            .EnumerateArray()
            .Select(t => (Key: t.GetProperty("key").GetString()!, File: Path.Combine(fullDir, t.GetProperty("file").GetString()!), Shape: TfjsFixtures.Ints(t.GetProperty("shape"))))
            .ToList();

        using var committed = TfjsFixtures.Load("reference_features.json");
        var images = committed.RootElement.GetProperty("images").EnumerateArray().ToList();
        var failures = new List<string>();
        foreach (var model in NsfwjsModels.All.Where(m => index.Any(t => t.Key.StartsWith(m.Id + "/", StringComparison.Ordinal))))
        {
            var spec = model.Input;
            int imageSize = spec.Height * spec.Width * spec.Channels;
            var batch = new float[images.Count * imageSize];
            for (int k = 0; k < images.Count; k++)
            {
                ImagePreprocessor.Prepare(TfjsReferenceTests.FixtureImage(images[k]), 0, 1, spec, batch.AsSpan(k * imageSize, imageSize));
            }

            // The whole preprocessed batch, bit for bit.
            var tfjsInput = ReadF32(index.Single(t => t.Key == model.Id + "/input").File);
            int differing = Enumerable.Range(0, batch.Length).Count(i => batch[i] != tfjsInput[i]);
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} input: {1} of {2} values differ from tfjs", model.Id, differing, batch.Length));
            Assert.Equal(0, differing);

            var layers = index.Where(t => t.Key.StartsWith(model.Id + "/", StringComparison.Ordinal) && t.Key != model.Id + "/input").ToList();
            var names = layers.Select(t => t.Key[(model.Id.Length + 1)..]).ToArray();
            var imported = TfjsLayersImporter.Import(NsfwjsModels.ModelPath(model));
            using var session = OnnxSession.FromModel(OnnxGraphRewriter.SelectOutputs(imported.Model, names), model.Id);
            var outputs = session.Run(new FloatTensor(batch, images.Count, spec.Height, spec.Width, spec.Channels), names);
            for (int j = 0; j < names.Length; j++)
            {
                var reference = ReadF32(layers[j].File);
                Assert.Equal(layers[j].Shape.Select(d => (long)d), outputs[names[j]].Shape);
                double worst = 0;
                int per = reference.Length / images.Count;
                for (int n = 0; n < images.Count; n++)
                {
                    worst = Math.Max(worst, LayerComparison.MaxRelativeError(outputs[names[j]].Span.Slice(n * per, per),
                        reference.AsSpan(n * per, per).ToArray().Select(v => (double)v).ToArray()));
                }

                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1,-26} {2:E2} (full layer)", model.Id, names[j], worst));
                if (!(worst <= TfjsReferenceTests.Tolerance))
                {
                    failures.Add(model.Id + "/" + names[j] + ": " + worst.ToString("E2", CultureInfo.InvariantCulture));
                }
            }
        }

        Assert.True(failures.Count == 0, "layers differ from tfjs by more than 1e-4: " + string.Join(", ", failures));
        if (File.Exists(temp.File("reference_features.json")))
        {
            CompareWithCommitted(temp);
        }
    }

    private void CompareWithCommitted(TempDirectory temp)
    {
        // Same generator, same inputs, pure-JS arithmetic: the regenerated numbers must equal the committed ones.
        using var fresh = JsonDocument.Parse(File.ReadAllText(temp.File("reference_features.json")));
        using var committed = TfjsFixtures.Load("reference_features.json");
        foreach (var model in fresh.RootElement.GetProperty("models").EnumerateObject())
        {
            var old = committed.RootElement.GetProperty("models").GetProperty(model.Name);
            foreach (var layer in model.Value.GetProperty("layers").EnumerateObject())
            {
                Assert.Equal(Flatten(old.GetProperty("layers").GetProperty(layer.Name)), Flatten(layer.Value));
            }
        }

        Assert.Equal(File.ReadAllBytes(TfjsFixtures.PathOf("tiny", "weights.bin")), File.ReadAllBytes(Path.Combine(temp.Path, "tiny", "weights.bin")));
        Assert.Equal(Flatten(TfjsFixtures.Load("tiny", "reference_outputs.json").RootElement.GetProperty("layers")),
            Flatten(JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "tiny", "reference_outputs.json"))).RootElement.GetProperty("layers")));
        Assert.Equal(Flatten(TfjsFixtures.Load("resize.json").RootElement.GetProperty("cases")),
            Flatten(JsonDocument.Parse(File.ReadAllText(temp.File("resize.json"))).RootElement.GetProperty("cases")));
        output.WriteLine("regenerated fixtures equal the committed ones");
    }

    private string RunNode(TempDirectory temp)
    {
        string models = Environment.GetEnvironmentVariable("XFER_TFJS_MODELS") is { Length: > 0 } m ? m : "mobilenet-v2";
        string full = temp.File("full");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
        {
            TfjsFixtures.PathOf("reference_features.mjs"), "--node-modules", TfjsNodeFactAttribute.NodeModules, "--models", models,
            "--out", temp.File("reference_features.json"), "--tiny-dir", temp.File("tiny"), "--resize-out", temp.File("resize.json"),
            "--full-dir", full,
        })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("reference_features.mjs did not finish within 60 minutes.");
        }

        output.WriteLine(stderr.Result.Trim());
        Assert.True(process.ExitCode == 0, "reference_features.mjs failed: " + stderr.Result + stdout.Result);
        return full;
    }

    private static float[] ReadF32(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    private static List<string> Flatten(JsonElement e)
    {
        var list = new List<string>();
        Walk(e, string.Empty);
        return list;

        void Walk(JsonElement x, string path)
        {
            switch (x.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in x.EnumerateObject())
                    {
                        Walk(p.Value, path + "/" + p.Name);
                    }

                    break;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (var item in x.EnumerateArray())
                    {
                        Walk(item, path + "[" + (i++).ToString(CultureInfo.InvariantCulture) + "]");
                    }

                    break;
                default:
                    list.Add(path + "=" + x.GetRawText());
                    break;
            }
        }
    }
}
