using System;
using System.IO;
using System.Threading;
using Xfer.Cli;

namespace Xfer.Tests.Support;

/// <summary>
/// Runs the CLI in the test process with stdout and stderr captured (faster than <see cref="CliProcess"/>; tests using it
/// belong to the "Console" collection because they swap the process-wide console writers). An exception that escapes
/// the command returns code −1 with the exception text as stderr.
/// </summary>
public static class CliInProcess
{
    /// <summary>Runs <c>xfer</c> with <paramref name="args"/>.</summary>
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var savedOut = Console.Out;
        var savedErr = Console.Error;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = Program.BuildRoot(CancellationToken.None).Parse(args).Invoke();
            return (code, stdout.ToString(), stderr.ToString());
        }
        catch (Exception e)
        {
            return (-1, stdout.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedErr);
        }
    }
}
