using System;
using System.IO;

namespace Xfer.IO;

/// <summary>A file named on the command line: a path, optionally followed by <c>:member</c> for an array in an <c>.npz</c>.</summary>
/// <param name="Path">The file path.</param>
/// <param name="Member">The <c>.npz</c> member, or null.</param>
public sealed record DataFileSpec(string Path, string? Member)
{
    /// <summary>
    /// Splits <c>path.npz:member</c>. The text after the last colon is a member name when the part before it ends in
    /// <c>.npz</c>, or when the whole text is not an existing file but the part before the colon is; otherwise the whole
    /// text is the path (so file names containing colons still work).
    /// </summary>
    public static DataFileSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int colon = spec.LastIndexOf(':');
        if (colon > 0 && colon < spec.Length - 1)
        {
            string left = spec[..colon];
            if (left.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) || (!File.Exists(spec) && File.Exists(left)))
            {
                return new DataFileSpec(left, spec[(colon + 1)..]);
            }
        }

        return new DataFileSpec(spec, null);
    }

    /// <summary>The spec as the user wrote it.</summary>
    public override string ToString() => Member is null ? Path : Path + ":" + Member;
}
