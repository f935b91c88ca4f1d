using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xfer.Core;

namespace Xfer.Onnx.Extraction;

/// <summary>
/// Caches extraction results under <c>$XFER_CACHE/features/</c>: <c>&lt;key&gt;.npz</c> plus <c>&lt;key&gt;.json</c>
/// (the summary). The key is a SHA-256 of everything that determines the archive's content: the model's identity
/// (<see cref="Models.ResolvedModel.Identity"/>), the layers and whether probabilities are included, and the images'
/// identity (the prepared array's values, or the dataset's pixels, labels and preparation spec). Batch size and threads
/// are not part of it: they do not change the values beyond float rounding. Delete the directory to empty the cache.
/// </summary>
public static class FeatureCache
{
    /// <summary>Version of the archive layout; bump it when what an archive holds changes.</summary>
    public const int FormatVersion = 1;

    /// <summary>The cache directory.</summary>
    public static string Directory => XferCache.PathOf("features");

    /// <summary>The key of an extraction request.</summary>
    public static string Key(string modelIdentity, ImageSource source, IReadOnlyList<string> layers, string? probabilitiesLayer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(layers);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"xfer-features v{FormatVersion}\nmodel {modelIdentity}\nlayers {string.Join('\t', layers)}\nprobs {probabilitiesLayer}\n"));
        source.WriteIdentity(hash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Copies a cached archive to <paramref name="outPath"/> (atomically) and returns its summary; null on a miss.</summary>
    public static ExtractionSummary? TryCopy(string key, string outPath)
    {
        string npz = Path.Combine(Directory, key + ".npz");
        string json = Path.Combine(Directory, key + ".json");
        if (!File.Exists(npz) || !File.Exists(json))
        {
            return null;
        }

        ExtractionSummary? summary;
        try
        {
            summary = JsonSerializer.Deserialize<ExtractionSummary>(File.ReadAllText(json));
        }
        catch (JsonException)
        {
            return null; // A damaged entry is recomputed (and overwritten).
        }

        if (summary is null)
        {
            return null;
        }

        Copy(npz, outPath);
        return summary with { FromCache = true, CacheKey = key };
    }

    /// <summary>Stores the archive at <paramref name="npzPath"/> with its summary (best effort: a full disk only loses the cache entry).</summary>
    public static void Store(string key, string npzPath, ExtractionSummary summary)
    {
        try
        {
            Copy(npzPath, Path.Combine(Directory, key + ".npz"));
            AtomicFile.WriteAllText(Path.Combine(Directory, key + ".json"), JsonSerializer.Serialize(summary with { FromCache = false, CacheKey = key }));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Copy(string from, string to)
        => AtomicFile.Write(to, destination =>
        {
            using var source = File.OpenRead(from);
            source.CopyTo(destination);
        });
}
