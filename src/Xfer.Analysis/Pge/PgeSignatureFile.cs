using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xfer.Core.Errors;
using Xfer.IO;

namespace Xfer.Analysis.Pge;

/// <summary>
/// Reads and writes PGE signatures as <c>.npz</c> archives NumPy can open: <c>vector</c> (&lt;f8, the normalised units
/// concatenated), <c>unit_lengths</c> (&lt;i8), <c>unit_norms</c> (&lt;f8) and <c>pge_meta</c> (|u1, UTF-8 JSON: format, version,
/// name, settings, shapes, loss, hash, time). Written atomically.
/// </summary>
public static class PgeSignatureFile
{
    /// <summary>The <c>format</c> field of the metadata.</summary>
    public const string Format = "xfer-pge-signature";

    /// <summary>Version of the file layout.</summary>
    public const int FormatVersion = 1;

    /// <summary>Name of the metadata member; its presence marks an archive as a signature file.</summary>
    public const string MetaMember = "pge_meta";

    /// <summary>Writes <paramref name="signature"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, PgeSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var meta = Encoding.UTF8.GetBytes(Meta(signature));
        var arrays = new List<KeyValuePair<string, NdArray>>
        {
            new("vector", new NdArray(path, [signature.Vector.Length], "<f8", signature.Vector)),
            new("unit_lengths", new NdArray(path, [signature.UnitCount], "<i8", signature.UnitLengths.Select(v => (double)v).ToArray())),
            new("unit_norms", new NdArray(path, [signature.UnitCount], "<f8", signature.UnitNorms)),
            new(MetaMember, new NdArray(path, [meta.Length], "|u1", meta.Select(b => (double)b).ToArray())),
        };
        NpyWriter.WriteNpz(path, arrays);
    }

    /// <summary>True when <paramref name="path"/> is an existing <c>.npz</c> with a <c>pge_meta</c> member.</summary>
    public static bool IsSignatureFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            return DataFiles.DetectFormat(path) == DataFormat.Npz && DataFiles.NpzMembers(path).Contains(MetaMember, StringComparer.Ordinal);
        }
        catch (XferException)
        {
            return false;
        }
    }

    /// <summary>Reads a signature written by <see cref="Write"/>; a file of another kind is an <see cref="InputFileException"/>.</summary>
    public static PgeSignature Read(string path)
    {
        if (!IsSignatureFile(path))
        {
            throw new InputFileException(path, File.Exists(path)
                ? "not a PGE signature file (an .npz with a 'pge_meta' member, written by xfer pge --signature-out)."
                : "file not found.");
        }

        var metaBytes = DataFiles.ReadArray(path + ":" + MetaMember).Values.Select(v => (byte)v).ToArray();
        var vector = DataFiles.ReadArray(path + ":vector").Values;
        var lengths = DataFiles.ReadArray(path + ":unit_lengths").Values.Select(v => (int)v).ToArray();
        var norms = DataFiles.ReadArray(path + ":unit_norms").Values;
        try
        {
            using var doc = JsonDocument.Parse(metaBytes);
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new InputFileException(path, "the 'pge_meta' member is not an xfer PGE signature header.");
            }

            int version = root.GetProperty("formatVersion").GetInt32();
            if (version != FormatVersion)
            {
                throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture,
                    "PGE signature format version {0}; this xfer reads version {1}. Recompute the signature.", version, FormatVersion));
            }

            var o = root.GetProperty("options");
            var options = new PgeOptions
            {
                HiddenUnits = o.GetProperty("hiddenUnits").GetInt32(),
                Restarts = o.GetProperty("restarts").GetInt32(),
                StepsPerRestart = o.GetProperty("stepsPerRestart").GetInt32(),
                BatchSize = o.GetProperty("batchSize").GetInt32(),
                LearningRate = o.GetProperty("learningRate").GetDouble(),
                Trajectory = Enum.Parse<PgeTrajectory>(o.GetProperty("trajectory").GetString()!),
                Standardize = o.GetProperty("standardize").GetBoolean(),
                Units = Enum.Parse<PgeWeightUnit>(o.GetProperty("units").GetString()!),
                IncludeBiases = o.GetProperty("includeBiases").GetBoolean(),
                Direction = Enum.Parse<PgePrincipalDirection>(o.GetProperty("direction").GetString()!),
                Seed = o.GetProperty("seed").GetInt32(),
            };
            if (lengths.Sum() != vector.Length || norms.Length != lengths.Length)
            {
                throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture,
                    "inconsistent PGE signature: units sum to {0} values but the vector holds {1}.", lengths.Sum(), vector.Length));
            }

            return new PgeSignature(root.GetProperty("name").GetString() ?? string.Empty, options, root.GetProperty("featureDimension").GetInt32(),
                root.GetProperty("sampleCount").GetInt32(), root.GetProperty("classCount").GetInt32(), lengths, vector, norms,
                root.GetProperty("meanBatchLoss").GetDouble(), root.GetProperty("dataHash").GetString() ?? string.Empty, root.GetProperty("seconds").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InputFileException(path, "damaged PGE signature header (" + e.Message + "); recompute the signature.", e);
        }
    }

    private static string Meta(PgeSignature s)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteNumber("algorithmVersion", PrincipalGradientExpectation.AlgorithmVersion);
            w.WriteString("name", s.Name);
            w.WriteString("settings", s.Options.SignatureSettings());
            w.WriteStartObject("options");
            w.WriteNumber("hiddenUnits", s.Options.HiddenUnits);
            w.WriteNumber("restarts", s.Options.Restarts);
            w.WriteNumber("stepsPerRestart", s.Options.StepsPerRestart);
            w.WriteNumber("batchSize", s.Options.BatchSize);
            w.WriteNumber("learningRate", s.Options.LearningRate);
            w.WriteString("trajectory", s.Options.Trajectory.ToString());
            w.WriteBoolean("standardize", s.Options.Standardize);
            w.WriteString("units", s.Options.Units.ToString());
            w.WriteBoolean("includeBiases", s.Options.IncludeBiases);
            w.WriteString("direction", s.Options.Direction.ToString());
            w.WriteNumber("seed", s.Options.Seed);
            w.WriteEndObject();
            w.WriteNumber("featureDimension", s.FeatureDimension);
            w.WriteNumber("sampleCount", s.SampleCount);
            w.WriteNumber("classCount", s.ClassCount);
            w.WriteNumber("meanBatchLoss", s.MeanBatchLoss);
            w.WriteString("dataHash", s.DataHash);
            w.WriteNumber("seconds", s.Seconds);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
