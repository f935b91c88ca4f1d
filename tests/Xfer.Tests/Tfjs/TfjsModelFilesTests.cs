using System;
using System.IO;
using System.Text.Json.Nodes;
using Xfer.Core.Errors;
using Xfer.Onnx;
using Xfer.Onnx.Tfjs;
using Xfer.Tests.Onnx;
using Xunit;
using static Xfer.Tests.Tfjs.KerasModelWriter;

namespace Xfer.Tests.Tfjs;

public class TfjsModelFilesTests
{
    // A browserify UMD bundle shaped like nsfwjs's model.min.js: the module's value is a minified object literal.
    private const string ModelWrapper =
        "!function(e){if(\"object\"==typeof exports&&\"undefined\"!=typeof module)module.exports=e();else{(\"undefined\"!=typeof window?window:this).model=e()}}"
        + "(function(){return function e(a,n,i){function l(_,o){var r=n[_]={exports:{}};a[_][0].call(r.exports,function(e){return l(a[_][1][e]||e)},r,r.exports,e,a,n,i);return n[_].exports}return l}"
        + "({1:[function(e,a,n){a.exports={modelTopology:{keras_version:\"2.2.4\",backend:'tensorflow',model_config:{class_name:\"Sequential\",config:["
        + "{class_name:\"Dense\",config:{name:\"dense_1\",trainable:!0,batch_input_shape:[null,2],units:1,activation:\"linear\",use_bias:!1,note:\"a \\\"quoted\\\" \\u0041\",x:void 0,},},"
        + "]},extra:{half:.5,neg:-.25,exp:1e-3,big:-2E+2,zero:-0,flag:!1}},weightsManifest:[{paths:[\"group1-shard1of1\"],weights:[{name:\"dense_1/kernel\",shape:[2,1],dtype:\"float32\"}]}]}},{}]},{},[1])(1)});";

    // The shard's module value is the base64 of float32 [1, 2] (00 00 80 3F 00 00 00 40).
    private const string ShardWrapper =
        "!function(e){module.exports=e()}(function(){return function e(h,n,d){return 1}({1:[function(e,h,n){h.exports=\"AACAPwAAAEA=\"},{}]},{},[1])(1)});";

    [Fact]
    public void Javascript_literals_are_parsed_without_executing_code()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("model.min.js"), ModelWrapper);
        var json = TfjsModelFiles.ReadModelJson(dir.File("model.min.js"));
        var topology = json["modelTopology"]!.AsObject();
        Assert.Equal("tensorflow", topology["backend"]!.GetValue<string>());
        var extra = topology["extra"]!.AsObject();
        Assert.Equal(0.5, extra["half"]!.GetValue<double>());
        Assert.Equal(-0.25, extra["neg"]!.GetValue<double>());
        Assert.Equal(0.001, extra["exp"]!.GetValue<double>());
        Assert.Equal(-200.0, extra["big"]!.GetValue<double>());
        Assert.False(extra["flag"]!.GetValue<bool>());
        var layer = topology["model_config"]!["config"]![0]!["config"]!.AsObject();
        Assert.True(layer["trainable"]!.GetValue<bool>());
        Assert.Equal("a \"quoted\" A", layer["note"]!.GetValue<string>());
        Assert.Null(layer["x"]);
        Assert.Equal(1, layer["units"]!.GetValue<int>());
    }

    [OrtFact]
    public void Wrapped_model_and_base64_shard_run_end_to_end()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("model.min.js"), ModelWrapper);
        File.WriteAllText(dir.File("group1-shard1of1.min.js"), ShardWrapper);
        var imported = TfjsLayersImporter.Import(dir.File("model.min.js"));
        Assert.Equal("dense_1_input", imported.InputName); // a Sequential model's input is named like tfjs names it
        using var session = OnnxSession.FromModel(imported.Model, "wrapped");
        var y = session.Run(new FloatTensor(new float[] { 3, 4, -1, 0.5f }, 2, 2))["dense_1"];
        Assert.Equal([11f, 0f], y.Span.ToArray()); // [3, 4]·[1, 2] = 11; [−1, 0.5]·[1, 2] = 0
    }

    [OrtFact]
    public void Relu_layer_follows_keras_with_slope_threshold_and_max()
    {
        // Keras 2.2.4 backend.relu: pos = x·[x > t] clipped to [0, max]; y = pos − slope·relu(t − x).
        // max 2, slope 0.1, threshold 0.5: x = −1 → −0.1·1.5 = −0.15; 0 → −0.05; 0.25 → −0.025; 0.5 → 0 (not above t);
        // 0.75 → 0.75; 1.5 → 1.5; 3 → 2.   slope 0.2, no threshold or max: −2 → −0.4; −0.5 → −0.1; 1 → 1; 7 → 7.
        using var dir = new TempDirectory();
        float[] x = [-1, 0, 0.25f, 0.5f, 0.75f, 1.5f, 3];
        var y1 = RunRelu(dir.File("a"), x, new JsonObject { ["max_value"] = 2, ["negative_slope"] = 0.1, ["threshold"] = 0.5 });
        float[] expected1 = [-0.1f * 1.5f, -0.1f * 0.5f, -0.1f * 0.25f, 0, 0.75f, 1.5f, 2];
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(expected1[i], y1[i], 6);
        }

        var y2 = RunRelu(dir.File("b"), [-2, -0.5f, 0, 1, 7, 0, 0], new JsonObject { ["negative_slope"] = 0.2 });
        float[] expected2 = [-0.4f, -0.1f, 0, 1, 7, 0, 0];
        for (int i = 0; i < expected2.Length; i++)
        {
            Assert.Equal(expected2[i], y2[i], 6);
        }

        var y3 = RunRelu(dir.File("c"), x, new JsonObject { ["max_value"] = 1 }); // plain clip to [0, 1]
        Assert.Equal([0f, 0f, 0.25f, 0.5f, 0.75f, 1f, 1f], y3);
    }

    private static float[] RunRelu(string dir, float[] x, JsonObject config)
    {
        config["name"] = "relu";
        config["batch_input_shape"] = new JsonArray(null, x.Length);
        var sequential = new JsonObject { ["class_name"] = "Sequential", ["config"] = new JsonArray(new JsonObject { ["class_name"] = "ReLU", ["config"] = config }) };
        var imported = TfjsLayersImporter.Import(Write(dir, sequential, []));
        using var session = OnnxSession.FromModel(imported.Model, "relu");
        return session.Run(new FloatTensor(x, 1, x.Length))["relu"].Span.ToArray();
    }

    [Fact]
    public void Unsupported_layer_is_named_in_one_line()
    {
        using var dir = new TempDirectory();
        string path = WriteFunctional(dir.Path,
            [Input("x", 4, 4, 1), Layer("lstm_1", "LSTM", new JsonObject { ["units"] = 3 }, "x")], "x", ["lstm_1"], []);
        var e = Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(path));
        Assert.Contains("layer 'lstm_1' has type LSTM, which the TF.js importer does not support (supported: InputLayer, Conv2D", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Weight_problems_are_reported_with_names_and_sizes()
    {
        using var dir = new TempDirectory();
        JsonObject[] layers = [Input("x", 3), Layer("d", "Dense", new JsonObject { ["units"] = 2, ["use_bias"] = false }, "x")];

        // Wrong shape.
        string path = WriteFunctional(dir.File("shape"), layers, "x", ["d"], [("d/kernel", [2, 3], new float[6])]);
        Assert.Contains("weight 'd/kernel' has shape (2, 3) but layer 'd' needs (3, 2)", Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(path)).Message, StringComparison.Ordinal);

        // Missing weight.
        path = WriteFunctional(dir.File("missing"), layers, "x", ["d"], [("other/kernel", [3, 2], new float[6])]);
        Assert.Contains("needs weight 'd/kernel'", Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(path)).Message, StringComparison.Ordinal);

        // A weight no layer uses.
        path = WriteFunctional(dir.File("unused"), layers, "x", ["d"], [("d/kernel", [3, 2], new float[6]), ("d/bias", [2], new float[2])]);
        Assert.Contains("belong to no layer (first: 'd/bias')", Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(path)).Message, StringComparison.Ordinal);

        // Shard shorter than the manifest says.
        path = WriteFunctional(dir.File("short"), layers, "x", ["d"], [("d/kernel", [3, 2], new float[6])]);
        File.WriteAllBytes(Path.Combine(dir.File("short"), "weights.bin"), new byte[20]);
        Assert.Contains("need 24 bytes but the shards hold 20", Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(path)).Message, StringComparison.Ordinal);

        // Missing shard.
        File.Delete(Path.Combine(dir.File("short"), "weights.bin"));
        Assert.Contains("weight shard not found", Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_unreadable_model_files_are_user_errors()
    {
        using var dir = new TempDirectory();
        Assert.Contains("file not found", Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(dir.File("model.json"))).Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("model.json"), "{\"format\": \"graph-model\", \"modelTopology\": [1]}");
        Assert.Contains("not a TF.js Layers model", Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(dir.File("model.json"))).Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("model.min.js"), "module.exports=function(){return 1}");
        Assert.Contains("no 'module.exports = {modelTopology", Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(dir.File("model.min.js"))).Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("bad.json"), "{\"modelTopology\": ");
        Assert.Contains("invalid JSON", Assert.Throws<InputFileException>(() => TfjsLayersImporter.Import(dir.File("bad.json"))).Message, StringComparison.Ordinal);
    }
}
