using System.IO;
using System.IO.Compression;

namespace Xfer.IO;

/// <summary>gzip detection by content (magic bytes 1f 8b, RFC 1952 §2.3.1), never by file name.</summary>
internal static class Compression
{
    /// <summary>True when the seekable <paramref name="stream"/> starts with the gzip magic; the position is restored.</summary>
    public static bool IsGzip(Stream stream)
    {
        long at = stream.Position;
        int b0 = stream.ReadByte();
        int b1 = stream.ReadByte();
        stream.Position = at;
        return b0 == 0x1f && b1 == 0x8b;
    }

    /// <summary>A decompressing reader over <paramref name="stream"/> (left open; multi-member gzip files are read to the end).</summary>
    public static Stream OpenGzip(Stream stream) => new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
}
