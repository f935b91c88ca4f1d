using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Xfer.Tests.Tfjs;

/// <summary>Paths and readers for the reference fixtures under Fixtures/tfjs (written by reference_features.mjs).</summary>
internal static class TfjsFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tfjs");

    public static string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    public static JsonDocument Load(params string[] parts) => JsonDocument.Parse(File.ReadAllText(PathOf(parts)));

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>The sample positions of reference_features.mjs: floor(i·size/256) for i &lt; 256, or all when size ≤ 256.</summary>
    public static long[] SamplePositions(long size, int samples) =>
        size <= samples ? Enumerable.Range(0, (int)size).Select(i => (long)i).ToArray()
                        : Enumerable.Range(0, samples).Select(i => i * size / samples).ToArray();
}
