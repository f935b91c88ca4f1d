using System;
using System.Linq;
using System.Text.Json.Nodes;
using Xfer.Core;
using Xfer.Onnx;
using Xfer.Onnx.Tfjs;
using Xfer.Tests.Onnx;
using Xunit;
using static Xfer.Tests.Tfjs.KerasModelWriter;

namespace Xfer.Tests.Tfjs;

/// <summary>
/// A small model (Conv2D 'same' stride 2 → BatchNormalization → ReLU(6) → DepthwiseConv2D → Add → GlobalAveragePooling2D
/// → Dense softmax) converted and run by ONNX Runtime, against a direct float64 computation written here with naive
/// loops in NHWC (no ONNX, no NCHW, padding derived by hand).
/// </summary>
public class TinyModelTests
{
    private const int N = 2, H = 6, W = 7, C = 2, F = 3, Units = 4;

    [OrtFact]
    public void Converted_graph_matches_a_naive_nhwc_computation()
    {
        var rng = new SeededRandom(7);
        float[] Uniform(int n, double lo, double hi) => Enumerable.Range(0, n).Select(_ => (float)(lo + ((hi - lo) * rng.NextDouble()))).ToArray();
        var kernel = Uniform(3 * 3 * C * F, -1, 1);
        var bias = Uniform(F, -1, 1);
        var gamma = Uniform(F, 0.5, 1.5);
        var beta = Uniform(F, -1, 1);
        var mean = Uniform(F, -1, 1);
        var variance = Uniform(F, 0.5, 2);
        var depthwise = Uniform(3 * 3 * F, -1, 1);
        var dense = Uniform(F * Units, -1, 1);
        var denseBias = Uniform(Units, -1, 1);
        var x = Uniform(N * H * W * C, 0, 3); // large enough that ReLU(6) clips some values

        using var dir = new TempDirectory();
        string path = WriteFunctional(dir.Path,
            [
                Input("img", H, W, C),
                Layer("conv", "Conv2D", new JsonObject { ["filters"] = F, ["kernel_size"] = new JsonArray(3, 3), ["strides"] = new JsonArray(2, 2), ["padding"] = "same", ["activation"] = "linear", ["use_bias"] = true, ["data_format"] = "channels_last", ["dilation_rate"] = new JsonArray(1, 1) }, "img"),
                Layer("bn", "BatchNormalization", new JsonObject { ["axis"] = -1, ["epsilon"] = 0.001, ["center"] = true, ["scale"] = true }, "conv"),
                Layer("relu6", "ReLU", new JsonObject { ["max_value"] = 6, ["negative_slope"] = 0, ["threshold"] = 0 }, "bn"),
                Layer("dw", "DepthwiseConv2D", new JsonObject { ["kernel_size"] = new JsonArray(3, 3), ["strides"] = new JsonArray(1, 1), ["padding"] = "same", ["depth_multiplier"] = 1, ["use_bias"] = false, ["activation"] = "linear" }, "relu6"),
                Layer("add", "Add", new JsonObject(), "relu6", "dw"),
                Layer("gap", "GlobalAveragePooling2D", new JsonObject(), "add"),
                Layer("dense", "Dense", new JsonObject { ["units"] = Units, ["activation"] = "softmax", ["use_bias"] = true }, "gap"),
            ],
            "img", ["dense"],
            [
                ("conv/kernel", [3, 3, C, F], kernel), ("conv/bias", [F], bias),
                ("bn/gamma", [F], gamma), ("bn/beta", [F], beta), ("bn/moving_mean", [F], mean), ("bn/moving_variance", [F], variance),
                ("dw/depthwise_kernel", [3, 3, F, 1], depthwise), ("dense/kernel", [F, Units], dense), ("dense/bias", [Units], denseBias),
            ]);

        var imported = TfjsLayersImporter.Import(path);
        Assert.Equal("img", imported.InputName);
        Assert.Equal([H, W, C], imported.InputShape);
        Assert.Equal("gap", imported.PooledLayer);
        Assert.Equal("dense", imported.ProbabilitiesLayer);
        Assert.Equal([3, 4, F], imported.Layers.Single(l => l.Name == "conv").OutputShape);

        string[] names = ["conv", "bn", "relu6", "dw", "add", "gap", "dense"];
        using var session = OnnxSession.FromModel(OnnxGraphRewriter.SelectOutputs(imported.Model, names), "tiny");
        var outputs = session.Run(new FloatTensor(x, N, H, W, C), names);

        // Naive reference. 'same' pads by hand: height 6 → 3 with stride 2: total (3−1)·2 + 3 − 6 = 1, top 0;
        // width 7 → 4: total (4−1)·2 + 3 − 7 = 2, left 1. The stride-1 depthwise 3×3 pads 1 on each side.
        const int OH = 3, OW = 4, Top = 0, Left = 1;
        var conv = new double[N * OH * OW * F];
        for (int n = 0; n < N; n++)
        {
            for (int oy = 0; oy < OH; oy++)
            {
                for (int ox = 0; ox < OW; ox++)
                {
                    for (int o = 0; o < F; o++)
                    {
                        double s = bias[o];
                        for (int ky = 0; ky < 3; ky++)
                        {
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = (oy * 2) - Top + ky, ix = (ox * 2) - Left + kx;
                                if (iy < 0 || iy >= H || ix < 0 || ix >= W)
                                {
                                    continue;
                                }

                                for (int i = 0; i < C; i++)
                                {
                                    s += x[(((n * H) + iy) * W + ix) * C + i] * (double)kernel[(((ky * 3) + kx) * C + i) * F + o];
                                }
                            }
                        }

                        conv[(((n * OH) + oy) * OW + ox) * F + o] = s;
                    }
                }
            }
        }

        var bn = conv.Select((v, j) => (gamma[j % F] * (v - mean[j % F]) / Math.Sqrt(variance[j % F] + 0.001)) + beta[j % F]).ToArray();
        var relu6 = bn.Select(v => Math.Min(Math.Max(v, 0), 6)).ToArray();
        var dw = new double[relu6.Length];
        for (int n = 0; n < N; n++)
        {
            for (int y = 0; y < OH; y++)
            {
                for (int xx = 0; xx < OW; xx++)
                {
                    for (int c = 0; c < F; c++)
                    {
                        double s = 0;
                        for (int ky = 0; ky < 3; ky++)
                        {
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = y - 1 + ky, ix = xx - 1 + kx;
                                if (iy >= 0 && iy < OH && ix >= 0 && ix < OW)
                                {
                                    s += relu6[(((n * OH) + iy) * OW + ix) * F + c] * (double)depthwise[(((ky * 3) + kx) * F) + c];
                                }
                            }
                        }

                        dw[(((n * OH) + y) * OW + xx) * F + c] = s;
                    }
                }
            }
        }

        var add = relu6.Zip(dw, (a, b) => a + b).ToArray();
        var gap = new double[N * F];
        for (int j = 0; j < add.Length; j++)
        {
            gap[(j / (OH * OW * F) * F) + (j % F)] += add[j] / (OH * OW);
        }

        var probs = new double[N * Units];
        for (int n = 0; n < N; n++)
        {
            var z = new double[Units];
            for (int u = 0; u < Units; u++)
            {
                z[u] = denseBias[u];
                for (int f = 0; f < F; f++)
                {
                    z[u] += gap[(n * F) + f] * dense[(f * Units) + u];
                }
            }

            double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
            for (int u = 0; u < Units; u++)
            {
                probs[(n * Units) + u] = Math.Exp(z[u] - max) / sum;
            }
        }

        Assert.Contains(relu6, v => v == 6.0); // the clip is exercised
        Assert.Contains(relu6, v => v == 0.0);
        var expected = new[] { conv, bn, relu6, dw, add, gap, probs };
        for (int k = 0; k < names.Length; k++)
        {
            // float32 evaluation of sums of ≤ 18 terms against float64: relative error ≲ 1e-6 of the layer's scale.
            double error = LayerComparison.MaxRelativeError(outputs[names[k]].Span, expected[k]);
            Assert.True(error < 1e-5, $"{names[k]}: max |ORT − naive| / max |naive| = {error:E2}");
        }

        Assert.Equal([N, OH, OW, F], outputs["conv"].Shape.Select(d => (int)d));
    }
}
