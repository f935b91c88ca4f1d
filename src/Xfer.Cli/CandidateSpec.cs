using System;
using System.Collections.Generic;
using System.Linq;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.IO;

namespace Xfer.Cli;

/// <summary>
/// A candidate named on the command line: <c>NAME=FEATURES[,PROBS]</c>, where each file may be <c>file.npz:member</c>. The optional
/// second file holds the source head's outputs on the same samples: probabilities by default, or logits when written
/// <c>logits=FILE</c> (<c>probs=FILE</c> is accepted too). Used by <c>xfer eval</c> and <c>xfer rank</c>.
/// </summary>
/// <param name="Name">Candidate name (the text before the first '=').</param>
/// <param name="Features">Features file spec.</param>
/// <param name="Probabilities">Source probabilities file spec, or null.</param>
/// <param name="Logits">Source logits file spec, or null.</param>
public sealed record CandidateSpec(string Name, string Features, string? Probabilities, string? Logits)
{
    /// <summary>Parses one <c>NAME=FEATURES[,PROBS]</c> argument of <paramref name="option"/> (for messages).</summary>
    public static CandidateSpec Parse(string text, string option = "--candidate")
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1)
        {
            throw new XferException($"{option} {text}: expected NAME=FEATURES[,PROBS], e.g. {option} resnet50=feats/resnet50.npy,feats/resnet50_probs.npy.");
        }

        string name = text[..eq].Trim();
        var parts = text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            throw new XferException($"{option} {text}: expected NAME=FEATURES or NAME=FEATURES,PROBS (one comma at most; file names cannot contain commas).");
        }

        string? probs = null, logits = null;
        if (parts.Length == 2)
        {
            string second = parts[1];
            if (second.StartsWith("logits=", StringComparison.OrdinalIgnoreCase))
            {
                logits = second["logits=".Length..];
            }
            else if (second.StartsWith("probs=", StringComparison.OrdinalIgnoreCase))
            {
                probs = second["probs=".Length..];
            }
            else
            {
                probs = second;
            }

            if ((logits ?? probs)!.Length == 0)
            {
                throw new XferException($"{option} {text}: the file after '{second}' is missing.");
            }
        }

        return new CandidateSpec(name, parts[0], probs, logits);
    }

    /// <summary>Parses every argument and checks that the names are unique.</summary>
    public static IReadOnlyList<CandidateSpec> ParseAll(IEnumerable<string>? texts, string option = "--candidate")
    {
        var specs = (texts ?? []).Select(t => Parse(t, option)).ToList();
        var duplicate = specs.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new XferException($"{option}: the name '{duplicate.Key}' is given {duplicate.Count()} times; every candidate needs its own name.");
        }

        return specs;
    }

    /// <summary>Reads the features (N×D, validated finite by the metrics and probes).</summary>
    public Matrix ReadFeatures(CsvOptions? csv = null) => DataFiles.ReadMatrix(Features, "features of " + Name, csv);

    /// <summary>Reads the source head's outputs as probabilities (soft-maxing logits), or null when none were given.</summary>
    public SourcePredictions? ReadSource()
    {
        if (Probabilities is not null)
        {
            return SourcePredictions.FromProbabilities(DataFiles.ReadMatrix(Probabilities, "source probabilities of " + Name), Probabilities);
        }

        return Logits is null ? null : SourcePredictions.FromLogits(DataFiles.ReadMatrix(Logits, "source logits of " + Name), Logits);
    }
}
