using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.IO.Npy;

namespace Xfer.IO.Npz;

/// <summary>
/// Reads arrays from <c>.npz</c> archives (zip files of <c>.npy</c> members, stored or deflated, as written by
/// <c>np.savez</c> and <c>np.savez_compressed</c>).
/// </summary>
/// <remarks>
/// Without a member name: a single-member archive yields that member; otherwise the member is picked by
/// <see cref="ArrayRole"/> from the conventional names (first match in the listed order, case-insensitive), and
/// when none matches the reader asks for a name rather than guess.
/// </remarks>
public static class NpzReader
{
    private static readonly Dictionary<ArrayRole, string[]> PreferredNames = new()
    {
        [ArrayRole.Any] = [],
        [ArrayRole.Features] = ["features", "feature", "feats", "x", "embeddings", "data"],
        [ArrayRole.Labels] = ["labels", "label", "y", "targets", "target"],
        [ArrayRole.SourceProbabilities] = ["probs", "probabilities", "source_probs", "preds", "predictions"],
        [ArrayRole.SourceLogits] = ["logits", "source_logits", "outputs", "output"],
    };

    /// <summary>The member names (without <c>.npy</c>), in archive order.</summary>
    public static IReadOnlyList<string> Members(string path)
        => WithArchive(path, archive => ArrayEntries(archive).Select(e => MemberName(e.FullName)).ToList());

    /// <summary>Every member with its dtype, shape and order, read from the member headers only.</summary>
    public static IReadOnlyList<NpzMember> Describe(string path)
        => WithArchive(path, archive => ArrayEntries(archive).Select(e =>
        {
            string name = MemberName(e.FullName);
            using var s = e.Open();
            var header = NpyHeader.Read(s, path + ":" + name);
            return new NpzMember(name, e.FullName, IsCompressed(e), header);
        }).ToList());

    /// <summary>Reads one member.</summary>
    /// <param name="path">The archive.</param>
    /// <param name="member">The member name (with or without <c>.npy</c>), or null to pick by <paramref name="role"/>.</param>
    /// <param name="role">What the array is for, to pick a member when <paramref name="member"/> is null.</param>
    public static NdArray Read(string path, string? member, ArrayRole role = ArrayRole.Any)
        => WithArchive(path, archive =>
        {
            var entry = Select(archive, path, member, role);
            string source = path + ":" + MemberName(entry.FullName);
            using var s = entry.Open();
            return NpyReader.Read(s, entry.Length, source, IsCompressed(entry) ? "npz (deflated)" : "npz (stored)");
        });

    /// <summary>The name NumPy shows for a zip entry: the entry name without a trailing <c>.npy</c>.</summary>
    public static string MemberName(string entryName)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        return entryName.EndsWith(".npy", StringComparison.Ordinal) ? entryName[..^4] : entryName;
    }

    private static ZipArchiveEntry Select(ZipArchive archive, string path, string? member, ArrayRole role)
    {
        var entries = ArrayEntries(archive).ToList();
        var names = entries.Select(e => MemberName(e.FullName)).ToList();
        if (entries.Count == 0)
        {
            throw new InputFileException(path, IOMessages.EmptyNpz);
        }

        if (member is not null)
        {
            string wanted = MemberName(member);
            int exact = names.IndexOf(wanted);
            if (exact >= 0)
            {
                return entries[exact];
            }

            var folded = Enumerable.Range(0, names.Count).Where(i => string.Equals(names[i], wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            if (folded.Count == 1)
            {
                return entries[folded[0]];
            }

            throw new InputFileException(path, IOMessages.NpzMemberNotFound(wanted, names));
        }

        if (entries.Count == 1)
        {
            return entries[0];
        }

        foreach (string preferred in PreferredNames[role])
        {
            var matches = Enumerable.Range(0, names.Count).Where(i => string.Equals(names[i], preferred, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
            {
                return entries[matches[0]];
            }

            if (matches.Count > 1)
            {
                break;
            }
        }

        throw new InputFileException(path, IOMessages.NpzMemberNeeded(path, names, PreferredNames[role]));
    }

    /// <summary>The entries that are arrays (files, not directory entries).</summary>
    private static IEnumerable<ZipArchiveEntry> ArrayEntries(ZipArchive archive)
        => archive.Entries.Where(e => !e.FullName.EndsWith('/'));

    /// <summary>Stored entries have equal compressed and uncompressed sizes; a deflated stream of the same size as its input
    /// would be a coincidence (System.IO.Compression does not expose the method itself).</summary>
    private static bool IsCompressed(ZipArchiveEntry entry) => entry.CompressedLength != entry.Length;

    private static T WithArchive<T>(string path, Func<ZipArchive, T> body)
    {
        using var stream = InputFiles.OpenRead(path, bufferSize: 1 << 16);
        return InputFiles.Guard(path, () =>
        {
            ZipArchive archive;
            try
            {
                archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException e)
            {
                throw new InputFileException(path, IOMessages.NotZip(e.Message), e);
            }

            using (archive)
            {
                return body(archive);
            }
        });
    }
}
