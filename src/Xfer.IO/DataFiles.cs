using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.IO.Csv;
using Xfer.IO.Idx;
using Xfer.IO.Npy;
using Xfer.IO.Npz;

namespace Xfer.IO;

/// <summary>
/// Reads arrays, feature matrices and labels from any supported file: <c>.npy</c>, <c>.npz</c> (<c>file.npz:name</c>
/// picks a member), CSV, and IDX (MNIST-style, plain or gzip). Every failure is an
/// <see cref="InputFileException"/> naming the file and the problem.
/// </summary>
/// <remarks>
/// The format is detected from the first bytes, not the file name: <c>\x93NUMPY</c> → .npy, <c>PK</c> → .npz (zip),
/// <c>00 00 TT NN</c> → IDX, <c>1f 8b</c> → gzip (then the decompressed content decides between .npy, IDX and text),
/// anything else without NUL bytes → delimited text. A <c>.npy</c>/<c>.npz</c> name on a file of another kind gives
/// that format's own "not a … file" message. See docs/formats.md.
/// </remarks>
public static class DataFiles
{
    /// <summary>Bytes of a text file inspected for NUL bytes before it is taken for CSV.</summary>
    private const int TextProbeBytes = 4096;

    /// <summary>Integers up to 2^53 are exact in float64 (53-bit significand, IEEE 754 binary64).</summary>
    private const double MaxExactInteger = 9007199254740992.0;

    /// <summary>Reads one array. <paramref name="spec"/> is a path, or <c>path.npz:member</c>.</summary>
    public static NdArray ReadArray(string spec, CsvOptions? csv = null) => ReadArray(spec, ArrayRole.Any, csv);

    /// <summary>Reads one array; <paramref name="role"/> picks the member of a multi-array <c>.npz</c> when no name is given,
    /// and for CSV chooses between the feature matrix and the label column.</summary>
    public static NdArray ReadArray(string spec, ArrayRole role, CsvOptions? csv = null)
    {
        var (path, member) = DataFileSpec.Parse(spec);
        var format = DetectFormat(path, out bool gzip);
        if (member is not null && format != DataFormat.Npz)
        {
            throw new InputFileException(path, IOMessages.MemberOnNonNpz(member, FormatName(format)));
        }

        switch (format)
        {
            case DataFormat.Npy:
                return gzip ? ReadGzipNpy(path) : NpyReader.Read(path);
            case DataFormat.Npz:
                return NpzReader.Read(path, member, role);
            case DataFormat.Idx:
                return IdxReader.Read(path);
            default:
                var table = CsvReader.Read(path, csv, role == ArrayRole.Labels ? CsvPurpose.Labels : CsvPurpose.Features);
                if (role == ArrayRole.Labels)
                {
                    return new NdArray(path, table.LabelCells!) { Format = "csv" };
                }

                if (table.FeatureColumns.Count == 0)
                {
                    throw new InputFileException(path, IOMessages.CsvNoFeatureColumns(table.ColumnCount, table.LabelColumn, table.LabelColumnName));
                }

                return table.Features!;
        }
    }

    /// <summary>Reads an N×D matrix (a 2-D array; higher-rank arrays are flattened after the first axis).</summary>
    /// <param name="spec">File spec.</param>
    /// <param name="role">What the matrix is, for messages ("features", "source probabilities"); it also picks the
    /// default <c>.npz</c> member (see <see cref="ArrayRole"/>).</param>
    /// <param name="csv">CSV options; the label column, named or detected, is excluded from the matrix.</param>
    public static Matrix ReadMatrix(string spec, string role, CsvOptions? csv = null)
        => ToMatrix(ReadArray(spec, RoleOf(role), csv), role);

    /// <summary>Reads N labels: integers (any integer dtype, bool, or floats with integral values) or strings (CSV).</summary>
    /// <remarks>CSV: the label column is <see cref="CsvOptions.LabelColumn"/>, else a recognisable one, else the last column.
    /// A scikit-learn CSV's class names become the class names.</remarks>
    public static ClassLabels ReadLabels(string spec, CsvOptions? csv = null)
    {
        var (path, member) = DataFileSpec.Parse(spec);
        if (member is null && DetectFormat(path, out _) == DataFormat.Csv)
        {
            return LabelsFromCsv(CsvReader.Read(path, csv, CsvPurpose.Labels));
        }

        return ToLabels(ReadArray(spec, ArrayRole.Labels, csv));
    }

    /// <summary>The member names of an <c>.npz</c> archive.</summary>
    public static IReadOnlyList<string> NpzMembers(string path) => NpzReader.Members(path);

    /// <summary>Every member of an <c>.npz</c> archive with its dtype, shape and order (headers only).</summary>
    public static IReadOnlyList<NpzMember> DescribeNpz(string path) => NpzReader.Describe(path);

    /// <summary>Reads a delimited text file with its layout (delimiter, header, label column).</summary>
    public static CsvTable ReadCsv(string path, CsvOptions? csv, CsvPurpose purpose) => CsvReader.Read(path, csv, purpose);

    /// <summary>Detects the format of <paramref name="path"/> from its content.</summary>
    public static DataFormat DetectFormat(string path) => DetectFormat(path, out _);

    /// <summary>Detects the format of <paramref name="path"/> from its content; <paramref name="gzip"/> tells whether it is gzip-compressed.</summary>
    public static DataFormat DetectFormat(string path, out bool gzip)
    {
        using var stream = InputFiles.OpenRead(path, bufferSize: 1 << 12);
        bool compressed = false;
        var format = InputFiles.Guard(path, () =>
        {
            Span<byte> head = stackalloc byte[8];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (n == 0)
            {
                throw new InputFileException(path, IOMessages.EmptyFile);
            }

            head = head[..n];
            if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
            {
                compressed = true;
                stream.Position = 0;
                using var gz = Compression.OpenGzip(stream);
                var inner = new byte[TextProbeBytes];
                int m = gz.ReadAtLeast(inner, inner.Length, throwOnEndOfStream: false);
                return Classify(path, inner.AsSpan(0, m), gzip: true);
            }

            var probe = new byte[TextProbeBytes];
            head.CopyTo(probe);
            int more = stream.ReadAtLeast(probe.AsSpan(n), probe.Length - n, throwOnEndOfStream: false);
            return Classify(path, probe.AsSpan(0, n + more), gzip: false);
        });
        gzip = compressed;
        return format;
    }

    /// <summary>An N×D matrix from an array: 2-D as is, higher rank flattened after axis 0 (C order, so no copy).</summary>
    /// <exception cref="InputFileException">The array is 0-d, 1-d, or text.</exception>
    public static Matrix ToMatrix(NdArray array, string role)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Strings is not null)
        {
            throw new InputFileException(array.Source, IOMessages.MatrixFromStrings(role));
        }

        return array.Shape.Length switch
        {
            0 => throw new InputFileException(array.Source, IOMessages.MatrixFromScalar(role)),
            1 => throw new InputFileException(array.Source, IOMessages.MatrixFromVector(role, array.ShapeText)),
            _ => new Matrix(array.Shape[0], array.Shape[0] == 0 ? array.Shape.Skip(1).Aggregate(1, (a, b) => a * b) : (int)(array.Length / array.Shape[0]), array.Values),
        };
    }

    /// <summary>Class labels from a 1-D or N×1 array of integers (or integral floats, or bools), or of strings.</summary>
    /// <exception cref="InputFileException">Wrong shape, a non-integral or non-finite value, or an integer beyond ±2^53.</exception>
    public static ClassLabels ToLabels(NdArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Strings is not null)
        {
            return ClassLabels.FromStrings(array.Strings);
        }

        if (array.Shape.Length is not (1 or 2) || (array.Shape.Length == 2 && array.Shape[1] != 1))
        {
            throw new InputFileException(array.Source, IOMessages.LabelsShape(array.ShapeText));
        }

        var values = array.Values;
        var raw = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (Math.Abs(v) >= MaxExactInteger)
            {
                throw new InputFileException(array.Source, IOMessages.LabelsTooLarge(i, v));
            }

            if (v != Math.Floor(v))
            {
                throw new InputFileException(array.Source, IOMessages.LabelsNotIntegral(i, v));
            }

            raw[i] = (long)v;
        }

        return ClassLabels.FromIntegers(raw);
    }

    /// <summary>Class labels from a CSV table's label column: integers (integral numbers) or text; a scikit-learn file's
    /// target indices get the class names of its first line.</summary>
    /// <exception cref="InputFileException">The table has no label column, or a numeric label is not an integer.</exception>
    public static ClassLabels LabelsFromCsv(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var cells = table.LabelCells ?? throw new InputFileException(table.Path, IOMessages.CsvNoLabelColumn);
        var numbers = new double[cells.Count];
        bool numeric = true;
        for (int i = 0; i < cells.Count && numeric; i++)
        {
            numeric = CsvNumbers.TryParse(cells[i], out numbers[i]);
        }

        if (!numeric)
        {
            return ClassLabels.FromStrings(cells);
        }

        var raw = new long[cells.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            double v = numbers[i];
            if (!(Math.Abs(v) < MaxExactInteger) || v != Math.Floor(v))
            {
                throw new InputFileException(table.Path, IOMessages.CsvLabelsNotIntegral(table.RowLines[i], cells[i]));
            }

            raw[i] = (long)v;
        }

        // scikit-learn's CSVs store the target as an index into the class names of the first line.
        if (table.Sklearn is { } meta && table.LabelColumn == table.ColumnCount - 1 && raw.All(v => v >= 0 && v < meta.ClassNames.Count))
        {
            var present = raw.Distinct().Order().ToArray();
            var remap = new Dictionary<long, int>();
            for (int k = 0; k < present.Length; k++)
            {
                remap[present[k]] = k;
            }

            return ClassLabels.FromIndices(raw.Select(v => remap[v]).ToArray(), present.Select(v => meta.ClassNames[(int)v]).ToArray());
        }

        return ClassLabels.FromIntegers(raw);
    }

    private static ArrayRole RoleOf(string role)
    {
        string r = role ?? string.Empty;
        return r.Contains("logit", StringComparison.OrdinalIgnoreCase) ? ArrayRole.SourceLogits
            : r.Contains("prob", StringComparison.OrdinalIgnoreCase) ? ArrayRole.SourceProbabilities
            : r.Contains("label", StringComparison.OrdinalIgnoreCase) ? ArrayRole.Labels
            : r.Contains("feature", StringComparison.OrdinalIgnoreCase) ? ArrayRole.Features
            : ArrayRole.Any;
    }

    private static DataFormat Classify(string path, ReadOnlySpan<byte> head, bool gzip)
    {
        string ext = Path.GetExtension(gzip && path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path).ToLowerInvariant();
        if (head.StartsWith(NpyHeader.Magic))
        {
            return DataFormat.Npy;
        }

        if (!gzip && head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] is 3 or 5 && head[3] is 4 or 6)
        {
            return DataFormat.Npz;
        }

        // IDX starts 00 00 (no text file does); an unknown type code then gets IDX's own message.
        if (head.Length >= 4 && head[0] == 0 && head[1] == 0)
        {
            return DataFormat.Idx;
        }

        switch (ext)
        {
            case ".npy":
                throw new InputFileException(path, IOMessages.NotNpy(head));
            case ".npz":
                throw new InputFileException(path, IOMessages.NotNpz(head));
            default:
                break;
        }

        if (head.IndexOf((byte)0) >= 0)
        {
            throw new InputFileException(path, IOMessages.UnknownFormat(head));
        }

        return DataFormat.Csv;
    }

    private static string FormatName(DataFormat format) => format switch
    {
        DataFormat.Npy => ".npy",
        DataFormat.Idx => "IDX",
        _ => "CSV",
    };

    private static NdArray ReadGzipNpy(string path)
    {
        using var stream = InputFiles.OpenRead(path, bufferSize: 1 << 16);
        return InputFiles.Guard(path, () =>
        {
            using var gz = Compression.OpenGzip(stream);
            return NpyReader.Read(gz, null, path, "gzip");
        });
    }
}
