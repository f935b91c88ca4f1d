using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using Xfer.Cli.Commands;
using Xfer.Core.Errors;

namespace Xfer.Cli;

/// <summary>Entry point of the <c>xfer</c> command-line tool: the one place that wires the library together.</summary>
public static class Program
{
    /// <summary>Runs the CLI and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        System.Console.CancelKeyPress += onCancel;
        try
        {
            return Run(args, cts.Token);
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Builds the command tree.</summary>
    public static RootCommand BuildRoot(CancellationToken cancellationToken)
    {
        var root = new RootCommand("xfer: transferability estimation. Predict which pre-trained model, layer or source task transfers best to a labelled target task, before fine-tuning.");
        foreach (var command in CommandRegistry.Create(cancellationToken))
        {
            root.Subcommands.Add(command);
        }

        var version = root.Options.OfType<VersionOption>().FirstOrDefault();
        if (version is not null)
        {
            version.Action = new VersionAction();
        }

        return root;
    }

    private static int Run(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var root = BuildRoot(cancellationToken);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors)
                {
                    System.Console.Error.WriteLine("xfer: error: " + error.Message);
                }

                System.Console.Error.WriteLine("Run 'xfer --help' (or 'xfer <command> --help') for usage.");
                return ExitCodes.UserError;
            }

            return parsed.Invoke();
        }
        catch (Exception e)
        {
            return ReportFailure(e);
        }
    }

    /// <summary>Turns an exception escaping a command into one line on stderr and an exit code.</summary>
    internal static int ReportFailure(Exception e)
    {
        var inner = e is AggregateException agg && agg.InnerExceptions.Count == 1 ? agg.InnerExceptions[0] : e;
        if (inner is System.Reflection.TargetInvocationException { InnerException: Exception cause })
        {
            inner = cause;
        }

        switch (inner)
        {
            case OperationCanceledException:
                System.Console.Error.WriteLine("xfer: cancelled.");
                return ExitCodes.Cancelled;
            case XferException xe:
                System.Console.Error.WriteLine("xfer: error: " + OneLine(xe.Message));
                return ExitCodes.UserError;
            case OutOfMemoryException:
                System.Console.Error.WriteLine("xfer: error: out of memory. Use fewer samples (e.g. --limit) or smaller feature files.");
                return ExitCodes.UserError;
            default:
                System.Console.Error.WriteLine("xfer: internal error: " + inner.GetType().Name + ": " + OneLine(inner.Message)
                    + (Environment.GetEnvironmentVariable("XFER_DEBUG") == "1" ? Environment.NewLine + inner : " (set XFER_DEBUG=1 for the stack trace)"));
                return ExitCodes.InternalError;
        }
    }

    private static string OneLine(string? message) => (message ?? string.Empty).Replace('\n', ' ').Replace("\r", string.Empty, StringComparison.Ordinal);
}
