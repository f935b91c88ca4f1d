using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit.Sdk;

namespace Xfer.Tests.IO;

/// <summary>The numpy-written fixtures of Fixtures/io and their manifest (see generate_npy_fixtures.py).</summary>
public static class IoFixtures
{
    private static readonly Lazy<JsonDocument> Manifest = new(() => JsonDocument.Parse(File.ReadAllText(PathOf("manifest.json"))));

    /// <summary>Absolute path of a fixture file.</summary>
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "io", relative);

    /// <summary>Manifest section ("arrays", "npz", "idx", "writer") as elements.</summary>
    public static IEnumerable<JsonElement> Section(string name) => Manifest.Value.RootElement.GetProperty(name).EnumerateArray();

    /// <summary>A manifest property that is an object.</summary>
    public static JsonElement Object(string name) => Manifest.Value.RootElement.GetProperty(name);

    /// <summary>One manifest entry by file name.</summary>
    public static JsonElement Entry(string section, string file)
        => Section(section).Single(e => e.GetProperty("file").GetString() == file);

    /// <summary>Values of a manifest entry: numbers, or "nan"/"inf"/"-inf".</summary>
    public static double[] Values(JsonElement entry, string property = "values")
        => entry.GetProperty(property).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String
            ? v.GetString() switch
            {
                "nan" => double.NaN,
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                var s => throw new InvalidDataException("bad manifest value " + s),
            }
            : v.GetDouble()).ToArray();

    /// <summary>Shape of a manifest entry.</summary>
    public static int[] Shape(JsonElement entry) => entry.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>Exact equality including the sign of zero; NaN equals NaN.</summary>
    public static void AssertIdentical(double[] expected, double[] actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} values, got {actual.Length}.");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            bool same = double.IsNaN(expected[i]) ? double.IsNaN(actual[i]) : BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]);
            if (!same)
            {
                throw new XunitException(FormattableString.Invariant($"{what}: index {i}: expected {expected[i]:R}, got {actual[i]:R}."));
            }
        }
    }

    /// <summary>A fresh scratch directory under the system temp folder, deleted by the caller.</summary>
    public static string ScratchDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "xfer-io-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
