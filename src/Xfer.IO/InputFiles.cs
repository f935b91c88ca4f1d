using System;
using System.IO;
using Xfer.Core.Errors;

namespace Xfer.IO;

/// <summary>Opens input files and turns I/O exceptions into <see cref="InputFileException"/>s that name the file.</summary>
internal static class InputFiles
{
    /// <summary>Opens <paramref name="path"/> for reading, unbuffered (the readers read in large blocks themselves).</summary>
    /// <exception cref="InputFileException">The file does not exist, is a directory, or cannot be opened.</exception>
    public static FileStream OpenRead(string path, int bufferSize = 1)
    {
        if (Directory.Exists(path))
        {
            throw new InputFileException(path, IOMessages.IsDirectory);
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Translate(path, e);
        }
    }

    /// <summary>Runs <paramref name="read"/>, translating I/O and decompression failures into <see cref="InputFileException"/>.</summary>
    public static T Guard<T>(string source, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or NotSupportedException)
        {
            throw Translate(source, e);
        }
    }

    /// <summary>The one-line problem for an exception raised while opening or reading <paramref name="path"/>.</summary>
    public static InputFileException Translate(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => new InputFileException(path, IOMessages.FileNotFound(path), e),
        UnauthorizedAccessException => new InputFileException(path, IOMessages.PermissionDenied, e),
        InvalidDataException => new InputFileException(path, IOMessages.CorruptCompressedData(e.Message), e),
        EndOfStreamException => new InputFileException(path, IOMessages.UnexpectedEnd, e),
        _ => new InputFileException(path, IOMessages.ReadFailed(e.Message), e),
    };
}
