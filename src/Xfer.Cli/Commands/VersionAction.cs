using System.CommandLine;
using System.CommandLine.Invocation;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Cli.Commands;

/// <summary><c>xfer --version</c>: the tool version plus the linear-algebra provider and its threads.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        try
        {
            var p = Linalg.Provider;
            parseResult.InvocationConfiguration.Output.WriteLine($"xfer {BuildInfo.Version} (linear algebra: {p.Name}, {p.Threads} thread(s))");
            return ExitCodes.Success;
        }
        catch (System.Exception e)
        {
            return Program.ReportFailure(e);
        }
    }
}
