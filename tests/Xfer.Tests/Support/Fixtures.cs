using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xfer.Core;

namespace Xfer.Tests.Support;

/// <summary>Loads committed reference fixtures (copied next to the test assembly).</summary>
public static class Fixtures
{
    /// <summary>Absolute path of a fixture file under Fixtures/.</summary>
    public static string Path(params string[] parts)
        => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>Parses a JSON fixture.</summary>
    public static JsonDocument Json(params string[] parts) => JsonDocument.Parse(File.ReadAllText(Path(parts)));

    /// <summary>A JSON array of arrays as a matrix.</summary>
    public static Matrix ToMatrix(JsonElement rows)
        => Matrix.FromRows(rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray());

    /// <summary>A JSON array of integers as class labels.</summary>
    public static ClassLabels ToLabels(JsonElement values)
        => ClassLabels.FromIntegers(values.EnumerateArray().Select(v => v.GetInt64()).ToArray());
}
