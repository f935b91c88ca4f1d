using System;
using System.CommandLine;

namespace Xfer.Cli.Commands;

/// <summary>Wraps a command body so user errors become one line and an exit code, never a stack trace.</summary>
public static class CommandAction
{
    /// <summary>Sets <paramref name="body"/> as the action of <paramref name="command"/>, with uniform error handling.</summary>
    public static void Set(Command command, Func<ParseResult, int> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(parseResult =>
        {
            try
            {
                return body(parseResult);
            }
            catch (Exception e)
            {
                return Program.ReportFailure(e);
            }
        });
    }
}
