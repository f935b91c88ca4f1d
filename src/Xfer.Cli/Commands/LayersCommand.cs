using System.CommandLine;
using System.Globalization;
using System.Linq;
using Spectre.Console;
using Xfer.Cli.Console;
using Xfer.Onnx;
using Xfer.Onnx.Models;
using Xfer.Onnx.Proto;

namespace Xfer.Cli.Commands;

/// <summary><c>xfer layers --model M</c>: the layers a model offers for extraction (name, op, output shape) and its defaults.</summary>
public static class LayersCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = ModelOption();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var command = new Command("layers", "List the layers of a model that 'xfer extract --layer' accepts: name, op and output shape.") { model, json, threads };
        CommandAction.Set(command, parse =>
        {
            Inputs.ApplyThreads(parse.GetValue(threads));
            var resolved = ConsoleProgress.Run(progress => ModelRegistry.Resolve(parse.GetValue(model)!, progress));
            var listing = resolved.Layers();
            var input = resolved.Input;
            string inputShape = ShapeText(input);
            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(JsonOutput.Build(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("model", resolved.Spec);
                    w.WriteString("description", resolved.Description);
                    w.WriteString("kind", resolved.Kind.ToString().ToLowerInvariant());
                    w.WriteString("onnx", resolved.OnnxPath);
                    w.WriteString("identity", resolved.Identity);
                    w.WriteString("input", input.Name);
                    w.WriteString("inputShape", inputShape);
                    if (resolved.InputSpec is ModelInputSpec spec)
                    {
                        w.WriteString("preprocessing", spec.Description);
                    }

                    WriteOptional(w, "pooledLayer", listing.PooledLayer);
                    WriteOptional(w, "probabilitiesLayer", listing.ProbabilitiesLayer);
                    w.WriteString("shapesFrom", listing.ShapeSource);
                    w.WriteString("onnxRuntime", OnnxRuntime.Version);
                    w.WriteStartArray("layers");
                    foreach (var l in listing.Layers)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", l.Name);
                        w.WriteString("op", l.Op);
                        w.WriteStartArray("shape");
                        foreach (int d in l.OutputShape)
                        {
                            w.WriteNumberValue(d);
                        }

                        w.WriteEndArray();
                        w.WriteNumber("size", l.OutputShape.Length == 0 || l.OutputShape.Any(d => d < 0) ? -1 : l.OutputShape.Aggregate(1L, (a, b) => a * b));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
                return ExitCodes.Success;
            }

            var console = StdoutConsole();
            console.MarkupLine("[bold]" + Markup.Escape(resolved.Description) + "[/]");
            System.Console.Out.WriteLine($"input {input.Name} {inputShape}" + (resolved.InputSpec is ModelInputSpec s ? " · " + s.Description : string.Empty));
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("#").RightAligned()).AddColumn("layer").AddColumn("op").AddColumn("output shape").AddColumn(new TableColumn("size").RightAligned()).AddColumn("notes");
            int index = 0;
            foreach (var l in listing.Layers)
            {
                string notes = l.Name == listing.PooledLayer ? "default (pooled)" : l.Name == listing.ProbabilitiesLayer ? "probs (head)" : string.Empty;
                string size = l.OutputShape.Any(d => d < 0) ? "?" : l.OutputShape.Aggregate(1L, (a, b) => a * b).ToString(CultureInfo.InvariantCulture);
                table.AddRow(
                    (++index).ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(l.Name),
                    Markup.Escape(l.Op),
                    Markup.Escape(string.Join("×", l.OutputShape.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))),
                    size,
                    Markup.Escape(notes));
            }

            console.Write(table);
            System.Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0} layers; shapes per image (batch dimension omitted) from {1}; ONNX Runtime {2}", listing.Layers.Count, listing.ShapeSource, OnnxRuntime.Version));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The console for tables on stdout. When stdout is a file or a pipe, tables get plain text and a wide line
    /// (no colour codes, no wrapping of layer names at 80 columns), so the listing can be grepped.
    /// </summary>
    internal static IAnsiConsole StdoutConsole()
    {
        if (!System.Console.IsOutputRedirected)
        {
            return Terminal.Out;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        console.Profile.Width = 160;
        return console;
    }

    /// <summary><c>--model</c>: an ONNX file, a TF.js model, or a named model.</summary>
    internal static Option<string> ModelOption() => new("--model")
    {
        Description = "An .onnx file, a TF.js Layers model.json (or nsfwjs model.min.js), or a named model: "
            + string.Join(", ", ModelRegistry.Named.Select(m => m.Id)) + ".",
        Required = true,
    };

    /// <summary>A graph value's shape as text, e.g. <c>[?, 224, 224, 3]</c>.</summary>
    internal static string ShapeText(ValueInfoProto value)
    {
        var dims = value.Type?.TensorType?.Shape?.Dim;
        if (dims is null)
        {
            return "[?]";
        }

        return "[" + string.Join(", ", dims.Select(d => d.HasDimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture) : d.HasDimParam && d.DimParam.Length > 0 ? d.DimParam : "?")) + "]";
    }

    private static void WriteOptional(System.Text.Json.Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
