using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Xfer.Cli.Console;

/// <summary>Writes JSON to stdout (or a file) with invariant formatting: numbers round-trip, non-finite numbers become null.</summary>
public static class JsonOutput
{
    /// <summary>Options used for every JSON document the CLI writes.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds a document with <paramref name="write"/> and returns it as text.</summary>
    public static string Build(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a number, or null when it is NaN or infinite (JSON has no NaN).</summary>
    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
