namespace Xfer.Cli;

/// <summary>Process exit codes of <c>xfer</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The user's input or options are wrong (bad file, bad option, inconsistent inputs); one line on stderr says what.</summary>
    public const int UserError = 2;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>A bug: an unexpected exception (EX_SOFTWARE). Set XFER_DEBUG=1 for the stack trace.</summary>
    public const int InternalError = 70;
}
