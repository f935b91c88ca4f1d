using System;
using System.Diagnostics;
using System.IO;
using Xfer.Onnx;
using Xunit;

namespace Xfer.Tests.Tfjs;

/// <summary>
/// A fact that regenerates the tfjs references with Node: it needs <c>node</c> on PATH and a node_modules folder
/// holding @tensorflow/tfjs 4.22.0 and nsfwjs 4.4.0 (<c>$XFER_TFJS_REFERENCE</c>, else <c>&lt;cache&gt;/tfjs-reference/node_modules</c>;
/// install with <c>npm install</c> of Fixtures/tfjs/package.json there, see docs/tfjs-import.md), plus what
/// <see cref="NsfwjsFactAttribute"/> needs. Skipped with the reason otherwise. Setting <c>XFER_TFJS_FULL_DIR</c> to an
/// existing <c>--full-dir</c> output compares against it instead of running Node.
/// </summary>
public sealed class TfjsNodeFactAttribute : FactAttribute
{
    public TfjsNodeFactAttribute()
    {
        Skip = NsfwjsTheoryAttribute.MissingPrerequisite() ?? MissingNode();
    }

    /// <summary>The node_modules folder the script loads tfjs and nsfwjs from.</summary>
    public static string NodeModules =>
        Environment.GetEnvironmentVariable("XFER_TFJS_REFERENCE") is { Length: > 0 } dir ? dir : XferCache.PathOf("tfjs-reference", "node_modules");

    private static string? MissingNode()
    {
        if (Environment.GetEnvironmentVariable("XFER_TFJS_FULL_DIR") is { Length: > 0 } full)
        {
            return File.Exists(Path.Combine(full, "index.json")) ? null : "XFER_TFJS_FULL_DIR=" + full + " has no index.json.";
        }

        if (!Directory.Exists(Path.Combine(NodeModules, "@tensorflow", "tfjs")) || !Directory.Exists(Path.Combine(NodeModules, "nsfwjs")))
        {
            return "no @tensorflow/tfjs + nsfwjs in " + NodeModules + " (copy tests/Xfer.Tests/Fixtures/tfjs/package.json there and run npm install; see docs/tfjs-import.md).";
        }

        try
        {
            using var p = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            p!.WaitForExit(10_000);
            return p.ExitCode == 0 ? null : "node --version failed.";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not on PATH (install Node.js 20+).";
        }
    }
}
