using System;
using System.Collections.Generic;
using Spectre.Console;
using Xfer.Core;

namespace Xfer.Cli.Console;

/// <summary>
/// Renders library progress (<see cref="ProgressUpdate"/>) as Spectre.Console progress bars with time left, on
/// stderr so that stdout stays clean for tables and JSON. Bars are drawn only when stderr is a terminal; with
/// <c>XFER_PROGRESS=plain</c> each stage change is logged as one line instead (useful in CI logs).
/// </summary>
public static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/> with a progress sink rendered on stderr.</summary>
    public static T Run<T>(Func<IProgress<ProgressUpdate>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        string mode = Environment.GetEnvironmentVariable("XFER_PROGRESS") ?? "auto";
        if (mode == "plain")
        {
            return work(new PlainProgress());
        }

        if (mode == "none" || System.Console.IsErrorRedirected)
        {
            return work(new Progress<ProgressUpdate>(_ => { }));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => result = work(new SpectreSink(ctx)));
        return result;
    }

    private sealed class SpectreSink(ProgressContext context) : IProgress<ProgressUpdate>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly object _gate = new();

        public void Report(ProgressUpdate value)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(value.Stage, out var task))
                {
                    task = context.AddTask(Markup.Escape(value.Stage), maxValue: Math.Max(1, value.Total));
                    _tasks[value.Stage] = task;
                }

                if (value.Total > 0)
                {
                    task.MaxValue = value.Total;
                    task.IsIndeterminate = false;
                }
                else
                {
                    task.IsIndeterminate = true;
                }

                task.Value = Math.Min(value.Done, task.MaxValue);
                string item = value.Item.Length > 48 ? "…" + value.Item[^47..] : value.Item;
                task.Description = Markup.Escape(value.Stage + (item.Length > 0 ? ": " + item : string.Empty));
                if (value.Total > 0 && value.Done >= value.Total)
                {
                    task.StopTask();
                }
            }
        }
    }

    private sealed class PlainProgress : IProgress<ProgressUpdate>
    {
        private string _last = string.Empty;

        public void Report(ProgressUpdate value)
        {
            string line = value.Stage + (value.Item.Length > 0 ? ": " + value.Item : string.Empty);
            if (line != _last)
            {
                _last = line;
                System.Console.Error.WriteLine(line);
            }
        }
    }
}
