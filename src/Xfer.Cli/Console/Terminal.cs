using Spectre.Console;

namespace Xfer.Cli.Console;

/// <summary>
/// The stdout console for tables and text. When stdout is redirected (a pipe or a file) it writes plain text without
/// ANSI colour codes, at a width of 160 columns so tables are not wrapped at the default 80.
/// </summary>
public static class Terminal
{
    private static IAnsiConsole? s_out;
    private static System.IO.TextWriter? s_writer;

    /// <summary>The console for normal output (recreated when <see cref="System.Console.Out"/> is replaced, e.g. by in-process tests).</summary>
    public static IAnsiConsole Out
    {
        get
        {
            var writer = System.Console.Out;
            if (s_out is null || !ReferenceEquals(writer, s_writer))
            {
                s_out = Create();
                s_writer = writer;
            }

            return s_out;
        }
    }

    private static IAnsiConsole Create()
    {
        bool redirected = System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        if (redirected)
        {
            console.Profile.Width = 160;
        }

        return console;
    }
}
