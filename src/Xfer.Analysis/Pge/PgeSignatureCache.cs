using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;

namespace Xfer.Analysis.Pge;

/// <summary>
/// On-disk cache of PGE signatures, one <c>&lt;key&gt;.pge.npz</c> per (features, labels, settings), so that ranking the same
/// sources for a new target costs one new signature. The key hashes the data itself (not file names), so changed data can never
/// be served a stale signature.
/// </summary>
/// <param name="directory">Cache directory (the CLI uses <c>$XFER_CACHE/pge</c>, default <c>~/.cache/xfer/pge</c>).</param>
public sealed class PgeSignatureCache(string directory)
{
    /// <summary>The cache directory.</summary>
    public string Directory { get; } = directory ?? throw new ArgumentNullException(nameof(directory));

    /// <summary>
    /// SHA-256 (hex) of: "xfer-pge" with the algorithm version, the signature settings (<see cref="PgeOptions.SignatureSettings"/>),
    /// N and D, the feature values as little-endian float64, C and the class index of every sample. Class names and the task's
    /// name are not part of it: they do not change the signature.
    /// </summary>
    public static string Key(Matrix features, ClassLabels labels, PgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes("xfer-pge/" + PrincipalGradientExpectation.AlgorithmVersion + "\n" + options.SignatureSettings() + "\n"));
        Span<long> shape = [features.Rows, features.Columns, labels.ClassCount];
        hash.AppendData(MemoryMarshal.AsBytes(shape));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The PGE cache key assumes a little-endian machine.");
        }

        hash.AppendData(MemoryMarshal.AsBytes(features.Data.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(labels.Indices));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The file a key is stored in.</summary>
    public string PathOf(string key) => Path.Combine(Directory, key + ".pge.npz");

    /// <summary>The cached signature for <paramref name="key"/> renamed to <paramref name="name"/>, or null (also for an unreadable entry).</summary>
    public PgeSignature? TryLoad(string key, string name)
    {
        string path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var s = PgeSignatureFile.Read(path);
            return s.DataHash == key ? s with { Name = name } : null;
        }
        catch (XferException)
        {
            return null; // a damaged entry is recomputed and overwritten
        }
    }

    /// <summary>Stores a signature under its <see cref="PgeSignature.DataHash"/>.</summary>
    public void Store(PgeSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        System.IO.Directory.CreateDirectory(Directory);
        PgeSignatureFile.Write(PathOf(signature.DataHash), signature);
    }

    /// <summary>Loads the task's signature from the cache, or computes and stores it.</summary>
    public (PgeSignature Signature, bool FromCache) GetOrCompute(Matrix features, ClassLabels labels, PgeOptions options, string name,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string key = Key(features, labels, options);
        var cached = TryLoad(key, name);
        if (cached is not null)
        {
            return (cached, true);
        }

        var signature = PrincipalGradientExpectation.Compute(features, labels, options, name, progress, cancellationToken);
        Store(signature);
        return (signature, false);
    }
}
