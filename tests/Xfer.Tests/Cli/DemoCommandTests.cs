using System.Collections.Generic;
using System.IO;
using Xfer.Onnx;
using Xfer.Tests.Onnx;
using Xfer.Tests.Support;
using Xfer.Tests.Tfjs;
using Xunit;

namespace Xfer.Tests.Cli;

/// <summary><c>xfer demo</c>'s messages for missing pieces: one line with the fix, exit code 2, no report written.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public void Without_onnx_runtime_the_demo_says_how_to_fetch_it()
    {
        using var dir = new TempDirectory();
        var r = CliProcess.RunWith(new Dictionary<string, string> { ["XFER_ONNXRUNTIME"] = "/nonexistent/libonnxruntime.so.1", ["XFER_CACHE"] = dir.File("cache") },
            "demo", "--out", dir.File("report"));
        Assert.Equal(2, r.ExitCode);
        string err = r.StandardError.Trim();
        Assert.StartsWith("xfer: error: the demo runs pre-trained networks with ONNX Runtime, which is unavailable: ONNX Runtime could not be loaded from XFER_ONNXRUNTIME=/nonexistent/libonnxruntime.so.1.", err, System.StringComparison.Ordinal);
        Assert.EndsWith("Fetch it with 'scripts/setup.sh models' (or set XFER_ONNXRUNTIME=/path/to/libonnxruntime.so.1), then rerun 'xfer demo'.", err, System.StringComparison.Ordinal);
        Assert.DoesNotContain('\n', err);
        Assert.False(File.Exists(dir.File("report/report.html")));
    }

    [OrtFact]
    public void Without_the_nsfwjs_models_the_demo_names_both_and_the_setup_command()
    {
        using var dir = new TempDirectory();
        string cache = dir.File("cache");
        var r = CliProcess.RunWith(new Dictionary<string, string> { ["XFER_ONNXRUNTIME"] = OnnxRuntime.LibraryPath, ["XFER_CACHE"] = cache },
            "demo", "--out", dir.File("report"));
        Assert.Equal(2, r.ExitCode);
        string models = Path.Combine(cache, "models", "nsfwjs-4.4.0");
        Assert.Equal(
            $"xfer: error: no pre-trained model is available (mobilenet-v2 was left out: --model mobilenet-v2 needs the nsfwjs 4.4.0 networks in {models} ({models}/mobilenet_v2/model.min.js is missing). Run scripts/setup.sh models. "
            + $"inception-v3 was left out: --model inception-v3 needs the nsfwjs 4.4.0 networks in {models} ({models}/inception_v3/model.min.js is missing). Run scripts/setup.sh models.). "
            + "Run 'scripts/setup.sh models' (needs the npm registry), then rerun 'xfer demo'.",
            r.StandardError.Trim());
    }
}
