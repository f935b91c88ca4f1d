using System;
using System.Diagnostics;
using System.IO;

namespace Xfer.Tests.Support;

/// <summary>Runs the built <c>xfer</c> CLI (xfer.dll next to the tests) in a child process, so exit codes and stderr
/// are tested end to end without redirecting the test process's console.</summary>
public static class CliProcess
{
    /// <summary>The result of one run.</summary>
    /// <param name="ExitCode">Process exit code.</param>
    /// <param name="StandardOutput">Everything written to stdout.</param>
    /// <param name="StandardError">Everything written to stderr.</param>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs <c>dotnet xfer.dll</c> with <paramref name="arguments"/>.</summary>
    public static Result Run(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "xfer.dll"));
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + host);
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr);
    }
}
