using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xfer.Analysis.Pge;
using Xfer.Core.Errors;
using Xfer.IO;

namespace Xfer.Cli.Commands;

/// <summary>
/// A task of <c>xfer pge</c>: <c>NAME=FEATURES:LABELS</c> (or <c>NAME=FEATURES,LABELS</c>; each file may be <c>file.npz:member</c>;
/// <c>NAME=FILE.npz:member</c> alone takes the labels from the archive's <c>labels</c> member), or a saved signature:
/// <c>NAME=SIGNATURE.npz</c> or just <c>SIGNATURE.npz</c> (named as when it was saved).
/// </summary>
/// <param name="Name">Task name.</param>
/// <param name="Features">Features file spec, or null for a saved signature.</param>
/// <param name="Labels">Labels file spec, or null for a saved signature.</param>
/// <param name="SignatureFile">Saved signature file, or null.</param>
public sealed record PgeTaskSpec(string Name, string? Features, string? Labels, string? SignatureFile)
{
    /// <summary>Parses one argument of <paramref name="option"/>.</summary>
    public static PgeTaskSpec Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        string usage = $"{option} {text}: expected NAME=FEATURES:LABELS (or NAME=FEATURES,LABELS), e.g. {option} fm=feats.npz:flatten_1:feats.npz:labels, or a signature file saved by --signature-out.";
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            if (PgeSignatureFile.IsSignatureFile(text))
            {
                return new PgeTaskSpec(PgeSignatureFile.Read(text).Name, null, null, text);
            }

            throw new XferException(usage);
        }

        string name = text[..eq].Trim(), rest = text[(eq + 1)..].Trim();
        if (name.Length == 0 || rest.Length == 0)
        {
            throw new XferException(usage);
        }

        if (PgeSignatureFile.IsSignatureFile(rest))
        {
            return new PgeTaskSpec(name, null, null, rest);
        }

        var comma = rest.Split(',', StringSplitOptions.TrimEntries);
        if (comma.Length == 2 && comma.All(p => p.Length > 0))
        {
            return new PgeTaskSpec(name, comma[0], comma[1], null);
        }

        if (comma.Length > 2)
        {
            throw new XferException(usage);
        }

        // F:Y where F and Y may themselves be file.npz:member: keep the colon that leaves an existing file on both sides.
        var splits = new List<(string F, string Y)>();
        for (int i = rest.IndexOf(':', StringComparison.Ordinal); i > 0 && i < rest.Length - 1; i = rest.IndexOf(':', i + 1))
        {
            string f = rest[..i], y = rest[(i + 1)..];
            if (Exists(f) && Exists(y))
            {
                splits.Add((f, y));
            }
        }

        if (splits.Count == 1)
        {
            return new PgeTaskSpec(name, splits[0].F, splits[0].Y, null);
        }

        if (splits.Count > 1)
        {
            throw new XferException($"{option} {text}: the colon between features and labels is ambiguous ({string.Join(" or ", splits.Select(s => s.F + " | " + s.Y))}); separate them with a comma: NAME=FEATURES,LABELS.");
        }

        var whole = DataFileSpec.Parse(rest);
        if (File.Exists(whole.Path) && DataFiles.DetectFormat(whole.Path) == DataFormat.Npz && DataFiles.NpzMembers(whole.Path).Contains("labels", StringComparer.Ordinal))
        {
            return new PgeTaskSpec(name, rest, whole.Path + ":labels", null);
        }

        throw new XferException($"{option} {text}: found no FEATURES:LABELS pair of existing files; check both paths, or write NAME=FEATURES,LABELS (NAME=FILE.npz:member alone needs a 'labels' member in FILE.npz).");
    }

    /// <summary>Parses every argument and checks that names are unique.</summary>
    public static IReadOnlyList<PgeTaskSpec> ParseAll(IEnumerable<string>? texts, string option)
    {
        var specs = (texts ?? []).Select(t => Parse(t, option)).ToList();
        var duplicate = specs.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new XferException($"{option}: the name '{duplicate.Key}' is given {duplicate.Count()} times; every task needs its own name.");
        }

        return specs;
    }

    private static bool Exists(string spec) => File.Exists(DataFileSpec.Parse(spec).Path);
}
