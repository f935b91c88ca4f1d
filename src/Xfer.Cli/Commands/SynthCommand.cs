using System.CommandLine;
using System.Globalization;
using System.IO;
using Xfer.Core.Errors;
using Xfer.IO;
using Xfer.IO.Datasets;

namespace Xfer.Cli.Commands;

/// <summary><c>xfer synth</c>: writes a synthetic class-structured task (features, labels, source logits) for trying metrics and for benchmarks.</summary>
public static class SynthCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var samples = new Option<int>("--samples") { Description = "N, samples.", DefaultValueFactory = _ => 2000 };
        var dims = new Option<int>("--dims") { Description = "D, feature dimensions.", DefaultValueFactory = _ => 128 };
        var classes = new Option<int>("--classes") { Description = "C, classes.", DefaultValueFactory = _ => 10 };
        var sourceClasses = new Option<int>("--source-classes") { Description = "Cs of the synthetic source head (0 for none).", DefaultValueFactory = _ => 20 };
        var separation = new Option<double>("--separation") { Description = "Typical distance between class means, in noise units.", DefaultValueFactory = _ => 4.0 };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var outDir = new Option<string>("--out") { Description = "Directory for features.npy (float32), labels.npy (int64), logits.npy (float32).", Required = true };
        var command = new Command("synth", "Write a synthetic class-structured task (for trying metrics and for benchmarks).")
        {
            samples, dims, classes, sourceClasses, separation, seed, threads, outDir,
        };
        CommandAction.Set(command, parse =>
        {
            Inputs.ApplyThreads(parse.GetValue(threads));
            int n = parse.GetValue(samples), d = parse.GetValue(dims), c = parse.GetValue(classes), cs = parse.GetValue(sourceClasses);
            if (n < 1 || d < 1 || c < 2 || cs < 0)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "synth needs --samples ≥ 1, --dims ≥ 1, --classes ≥ 2 and --source-classes ≥ 0; got {0}, {1}, {2}, {3}.", n, d, c, cs));
            }

            var (x, y, logits) = SyntheticTask.Generate(n, d, c, cs, parse.GetValue(separation), parse.GetValue(seed));
            string dir = parse.GetValue(outDir)!;
            Directory.CreateDirectory(dir);
            NpyWriter.Write(Path.Combine(dir, "features.npy"), x, float32: true);
            var labels = new double[n];
            for (int i = 0; i < n; i++)
            {
                labels[i] = y[i];
            }

            NpyWriter.Write(Path.Combine(dir, "labels.npy"), [n], labels, "<i8");
            if (logits is not null)
            {
                NpyWriter.Write(Path.Combine(dir, "logits.npy"), logits, float32: true);
            }

            System.Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "wrote {0}: features {1}×{2} (float32), labels {1} ({3} classes){4}", dir, n, d, c, logits is null ? string.Empty : $", logits {n}×{cs}"));
            return ExitCodes.Success;
        });
        return command;
    }
}
