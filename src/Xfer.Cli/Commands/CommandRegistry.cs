using System.Collections.Generic;
using System.CommandLine;
using System.Threading;

namespace Xfer.Cli.Commands;

/// <summary>The list of subcommands; adding a command is one line here plus its file.</summary>
public static class CommandRegistry
{
    /// <summary>Creates every subcommand.</summary>
    public static IEnumerable<Command> Create(CancellationToken cancellationToken)
    {
        yield return InfoCommand.Create();
        yield return InspectCommand.Create();
        yield return ScoreCommand.Create(cancellationToken);
        yield return SynthCommand.Create();
        yield return LayersCommand.Create();
        yield return ExtractCommand.Create(cancellationToken);
        yield return ProbeCommand.Create(cancellationToken);
        yield return CorrelateCommand.Create();
        yield return EvalCommand.Create(cancellationToken);
        yield return RankCommand.Create(cancellationToken);
        yield return AnalyzeCommand.Create(cancellationToken);
        yield return DemoCommand.Create(cancellationToken);
        yield return PgeCommand.Create(cancellationToken);
    }
}
