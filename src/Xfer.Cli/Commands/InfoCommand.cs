using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using Xfer.Cli.Console;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Cli.Commands;

/// <summary><c>xfer info</c>: version, commit, runtime, linear-algebra provider and threads, and the metric catalog.</summary>
public static class InfoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("info", "Show the version, the linear-algebra provider and threads, and the available metrics.") { json };
        CommandAction.Set(command, parse =>
        {
            var p = Linalg.Provider;
            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(JsonOutput.Build(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("version", BuildInfo.Version);
                    w.WriteString("commit", BuildInfo.Commit);
                    w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
                    w.WriteString("os", RuntimeInformation.OSDescription);
                    w.WriteNumber("processors", Environment.ProcessorCount);
                    w.WriteString("linearAlgebra", p.Name);
                    if (p is NativeLinearAlgebraProvider native)
                    {
                        w.WriteString("linearAlgebraLibraries", native.LibraryPaths);
                    }

                    if (LinearAlgebraProviders.NativeFallbackReason is string reason)
                    {
                        w.WriteString("nativeLinearAlgebraUnavailable", reason);
                    }

                    w.WriteString("onnxRuntime", OnnxRuntimeText());
                    w.WriteNumber("threads", p.Threads);
                    w.WriteStartArray("metrics");
                    foreach (var m in MetricCatalog.All)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", m.Descriptor.Id);
                        w.WriteString("name", m.Descriptor.DisplayName);
                        w.WriteString("citation", m.Descriptor.CitationKey);
                        w.WriteString("inputs", m.Descriptor.Requires.ToString());
                        w.WriteBoolean("higherIsBetter", m.Descriptor.HigherIsBetter);
                        w.WriteBoolean("poolRelative", m.Descriptor.PoolRelative);
                        w.WriteString("cost", m.Descriptor.Cost);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
                return ExitCodes.Success;
            }

            var o = System.Console.Out;
            o.WriteLine($"xfer {BuildInfo.Version}");
            o.WriteLine($"commit          {BuildInfo.Commit}");
            o.WriteLine($"runtime         {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}");
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "processors      {0}", Environment.ProcessorCount));
            o.WriteLine($"linear algebra  {p.Name}");
            if (p is NativeLinearAlgebraProvider nativeProvider)
            {
                o.WriteLine($"                {nativeProvider.LibraryPaths}");
            }

            if (LinearAlgebraProviders.NativeFallbackReason is string why)
            {
                o.WriteLine($"                native not used: {why}");
            }

            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "threads         {0}", p.Threads));
            o.WriteLine($"onnx runtime    {OnnxRuntimeText()}");
            o.WriteLine("metrics:");
            int idWidth = MetricCatalog.All.Max(m => m.Descriptor.Id.Length);
            int nameWidth = MetricCatalog.All.Max(m => m.Descriptor.DisplayName.Length);
            foreach (var m in MetricCatalog.All)
            {
                var d = m.Descriptor;
                o.WriteLine("  " + d.Id.PadRight(idWidth) + " " + d.DisplayName.PadRight(nameWidth) + " " + (d.HigherIsBetter ? "higher" : "lower ") + "  "
                    + d.Requires + (d.PoolRelative ? " (pool-relative; xfer rank only)" : string.Empty));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The ONNX Runtime version and where it was loaded from, or why it is unavailable.</summary>
    private static string OnnxRuntimeText()
        => Xfer.Onnx.OnnxRuntime.TryLoad(out string? problem)
            ? $"{Xfer.Onnx.OnnxRuntime.Version} ({Xfer.Onnx.OnnxRuntime.LibraryPath}, C API {Xfer.Onnx.OnnxRuntime.ApiVersion})"
            : "unavailable: " + problem;
}
