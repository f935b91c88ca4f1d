using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Xfer.Tests.Numerics.OptimalTransport;

/// <summary>Reads Fixtures/OptimalTransport/ot_fixtures.json (written by make_fixtures.py next to it).</summary>
internal static class OtFixtures
{
    private static readonly Lazy<JsonDocument> s_document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "OptimalTransport", "ot_fixtures.json"))));

    public static JsonElement Case(string section, string name)
        => s_document.Value.RootElement.GetProperty(section).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    public static double[] Doubles(JsonElement e, string property) => e.GetProperty(property).EnumerateArray().Select(x => x.GetDouble()).ToArray();
}
