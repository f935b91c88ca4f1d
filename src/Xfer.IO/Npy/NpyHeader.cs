using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using Xfer.Core.Errors;
using Xfer.IO.Elements;

namespace Xfer.IO.Npy;

/// <summary>
/// The header of a <c>.npy</c> file (format versions 1.0, 2.0 and 3.0): magic, version, and the Python dict
/// literal with <c>descr</c>, <c>fortran_order</c> and <c>shape</c>.
/// </summary>
/// <remarks>
/// Layout [NumpyNpyFormat] (numpy/lib/format.py): 6 bytes <c>\x93NUMPY</c>, major and minor version bytes, the header length
/// as little-endian uint16 (1.0) or uint32 (2.0, 3.0), then the header text, latin-1 (1.0, 2.0) or UTF-8 (3.0),
/// padded with spaces and ending in a newline. The data follows immediately.
/// </remarks>
public sealed class NpyHeader
{
    /// <summary>The 6-byte magic string that starts every <c>.npy</c> file.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Headers longer than this are refused: NumPy's own limit is 10 000 characters (numpy.lib.format._MAX_HEADER_SIZE);
    /// ours is larger so that any header NumPy writes for a supported dtype passes, yet a corrupt length cannot make us allocate gigabytes.</summary>
    public const int MaxHeaderLength = 1 << 20;

    private NpyHeader(int major, int minor, string descr, ElementType type, bool fortranOrder, int[] shape, long dataOffset)
    {
        Major = major;
        Minor = minor;
        Descr = descr;
        ElementType = type;
        FortranOrder = fortranOrder;
        Shape = shape;
        DataOffset = dataOffset;
        ElementCount = shape.Aggregate(1L, (a, b) => a * b);
    }

    /// <summary>Format major version (1, 2 or 3).</summary>
    public int Major { get; }

    /// <summary>Format minor version (0).</summary>
    public int Minor { get; }

    /// <summary>"npy 1.0", "npy 2.0", "npy 3.0".</summary>
    public string FormatName => $"npy {Major}.{Minor}";

    /// <summary>The <c>descr</c> value as written in the file.</summary>
    public string Descr { get; }

    /// <summary>The element type.</summary>
    public ElementType ElementType { get; }

    /// <summary>True when the data is stored in Fortran (column-major) order.</summary>
    public bool FortranOrder { get; }

    /// <summary>The shape, outermost axis first.</summary>
    public int[] Shape { get; }

    /// <summary>Bytes before the data: magic, version, length field and header text.</summary>
    public long DataOffset { get; }

    /// <summary>Number of elements (1 for a 0-d array).</summary>
    public long ElementCount { get; }

    /// <summary>Bytes of data the header announces.</summary>
    public long DataLength => ElementCount * ElementType.Size;

    /// <summary>Reads and validates the header from the current position of <paramref name="stream"/>, leaving it at the first data byte.</summary>
    /// <param name="stream">The stream, positioned at the magic string.</param>
    /// <param name="source">The file (or <c>file.npz:member</c>) for messages.</param>
    /// <exception cref="InputFileException">The header is missing, malformed or describes an unsupported array.</exception>
    public static NpyHeader Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false);
        if (got < 6 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new InputFileException(source, IOMessages.NotNpy(prefix[..got]));
        }

        if (got < 8)
        {
            throw new InputFileException(source, IOMessages.TruncatedNpyHeader(got, 10));
        }

        int major = prefix[6];
        int minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw new InputFileException(source, IOMessages.UnsupportedNpyVersion(major, minor));
        }

        int lengthSize = major == 1 ? 2 : 4;
        got += stream.ReadAtLeast(prefix.Slice(8, lengthSize), lengthSize, throwOnEndOfStream: false);
        if (got < 8 + lengthSize)
        {
            throw new InputFileException(source, IOMessages.TruncatedNpyHeader(got, 8 + lengthSize));
        }

        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix.Slice(8, 2))
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix.Slice(8, 4));
        if (headerLength > MaxHeaderLength)
        {
            throw new InputFileException(source, IOMessages.NpyHeaderTooLong(headerLength, MaxHeaderLength));
        }

        var headerBytes = new byte[headerLength];
        int read = stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false);
        if (read < headerLength)
        {
            throw new InputFileException(source, IOMessages.TruncatedNpyHeader(8 + lengthSize + read, 8 + lengthSize + headerLength));
        }

        string text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        return Parse(text, major, minor, 8 + lengthSize + headerLength, source);
    }

    /// <summary>Interprets the header text (the dict literal).</summary>
    internal static NpyHeader Parse(string text, int major, int minor, long dataOffset, string source)
    {
        object? literal;
        try
        {
            literal = PythonLiteral.Parse(text);
        }
        catch (FormatException e)
        {
            throw new InputFileException(source, IOMessages.MalformedNpyHeader(e.Message, text));
        }

        if (literal is not Dictionary<string, object?> dict)
        {
            throw new InputFileException(source, IOMessages.MalformedNpyHeader("the header is not a dictionary", text));
        }

        string[] expected = ["descr", "fortran_order", "shape"];
        if (dict.Count != 3 || !expected.All(dict.ContainsKey))
        {
            throw new InputFileException(source, IOMessages.NpyHeaderKeys(dict.Keys, text));
        }

        var descr = dict["descr"];
        if (descr is List<object?> fields)
        {
            throw new InputFileException(source, IOMessages.StructuredDtype(fields));
        }

        if (descr is not string descrText)
        {
            throw new InputFileException(source, IOMessages.MalformedNpyHeader("'descr' is not a string", text));
        }

        if (!ElementType.TryParse(descrText, out var type, out string problem))
        {
            throw new InputFileException(source, problem + IOMessages.SaveNumericHint(descrText));
        }

        if (dict["fortran_order"] is not bool fortran)
        {
            throw new InputFileException(source, IOMessages.MalformedNpyHeader("'fortran_order' must be True or False", text));
        }

        if (dict["shape"] is not PythonTuple tuple || tuple.Items.Any(d => d is not BigInteger b || b < 0))
        {
            throw new InputFileException(source, IOMessages.MalformedNpyHeader("'shape' must be a tuple of non-negative integers", text));
        }

        var dims = tuple.Items.Select(d => (BigInteger)d!).ToArray();
        BigInteger count = dims.Aggregate(BigInteger.One, (a, b) => a * b);
        if (dims.Any(d => d > int.MaxValue) || count > Array.MaxLength)
        {
            throw new InputFileException(source, IOMessages.ArrayTooLarge(dims, count));
        }

        return new NpyHeader(major, minor, descrText, type, fortran, dims.Select(d => (int)d).ToArray(), dataOffset);
    }
}
