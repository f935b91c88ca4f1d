using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Xfer.IO.Elements;
using Xfer.IO.Npy;

namespace Xfer.IO;

/// <summary>
/// Every problem text of the readers, in one place (docs/formats.md lists them). Each is the part after
/// <c>"{path}: "</c> in an <see cref="Core.Errors.InputFileException"/>: one line saying what was expected, what was
/// found (with numbers) and, where there is one, the fix.
/// </summary>
internal static class IOMessages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // ---- files -------------------------------------------------------------------------------------------------

    public static string FileNotFound(string path)
        => System.IO.Directory.Exists(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".")
            ? "file not found."
            : "file not found (its directory does not exist either).";

    public const string IsDirectory = "is a directory, not a data file.";

    public const string PermissionDenied = "permission denied: the file cannot be opened for reading.";

    public const string UnexpectedEnd = "the file ends unexpectedly (truncated?).";

    public static string ReadFailed(string detail) => "cannot be read: " + OneLine(detail);

    /// <summary>System.IO.Compression reports a damaged deflate stream as "unsupported compression method", so both are named.</summary>
    public static string CorruptCompressedData(string detail) => "corrupt or unsupported compressed data (" + OneLine(detail).TrimEnd('.') + ").";

    public const string EmptyFile = "the file is empty.";

    public static string UnknownFormat(ReadOnlySpan<byte> first)
        => $"not a recognised data file: expected .npy, .npz, CSV/TSV text or IDX (optionally gzip-compressed); the file starts with bytes {Hex(first)}.";

    public static string MemberOnNonNpz(string member, string format)
        => $"':{member}' selects an array inside an .npz archive, but this is a {format} file; drop ':{member}'.";

    // ---- .npy --------------------------------------------------------------------------------------------------

    public static string NotNpy(ReadOnlySpan<byte> first)
        => $"not a .npy file: it starts with bytes {Hex(first)}, but .npy files start with \\x93NUMPY.";

    public static string TruncatedNpyHeader(long got, long needed)
        => string.Format(Inv, "truncated .npy header: the file ends after {0} bytes but the header needs {1}.", got, needed);

    public static string UnsupportedNpyVersion(int major, int minor)
        => string.Format(Inv, "unsupported .npy format version {0}.{1}; supported: 1.0, 2.0, 3.0.", major, minor);

    public static string NpyHeaderTooLong(long length, int max)
        => string.Format(Inv, "the .npy header claims {0} bytes, more than the {1} this reader accepts; the file is probably corrupt.", length, max);

    public static string MalformedNpyHeader(string what, string header)
        => $"malformed .npy header ({what}): {Quote(header)}.";

    public static string NpyHeaderKeys(IEnumerable<string> keys, string header)
        => $"malformed .npy header: expected the keys 'descr', 'fortran_order' and 'shape', found {string.Join(", ", keys.Order(StringComparer.Ordinal).Select(k => "'" + k + "'"))}: {Quote(header)}.";

    public static string StructuredDtype(List<object?> fields)
    {
        var names = fields.Select(f => f is PythonTuple t && t.Items.Count > 0 && t.Items[0] is string s ? s : "?").ToList();
        return $"structured dtype with fields {string.Join(", ", names)} is not supported; supported: {ElementType.SupportedList}. Save each field as its own array, e.g. np.savez(path, {string.Join(", ", names.Take(2).Select(n => n + "=x['" + n + "']"))}).";
    }

    /// <summary>Appended to an unsupported-dtype problem: how to re-save the array.</summary>
    public static string SaveNumericHint(string descr)
    {
        string code = descr.TrimStart('<', '>', '|', '=');
        return code.Length > 0 && code[0] switch
        {
            'O' => true,
            'c' => true,
            _ => false,
        }
            ? code[0] == 'O'
                ? ". Object arrays need pickle; save a numeric array instead, e.g. np.save(path, np.asarray(x, dtype=np.float32))."
                : ". Save the real part or the magnitude instead, e.g. np.save(path, np.abs(x))."
            : ".";
    }

    public static string ArrayTooLarge(BigInteger[] shape, BigInteger count)
        => string.Format(Inv, "the array has shape {0} = {1} elements, more than the {2} a .NET array can hold.", ShapeText(shape), count, Array.MaxLength);

    public static string DataLengthMismatch(NpyHeader h, long? found)
        => found is long f && f < h.DataLength
            ? TruncatedData(h, f)
            : string.Format(Inv, "the header declares shape {0} of {1} = {2} bytes of data, but {3} follow the {4}-byte header; the file is corrupt or was written with a different shape.",
                ShapeText(h.Shape), h.ElementType.TypeString, h.DataLength, found is long g ? g.ToString(Inv) + " bytes" : "more bytes", h.DataOffset);

    public static string TruncatedData(NpyHeader h, long found)
        => string.Format(Inv, "truncated data: the header declares shape {0} of {1} = {2} bytes, but only {3} bytes follow the {4}-byte header.",
            ShapeText(h.Shape), h.ElementType.TypeString, h.DataLength, found, h.DataOffset);

    // ---- .npz --------------------------------------------------------------------------------------------------

    public static string NotNpz(ReadOnlySpan<byte> first)
        => $"not a .npz file: it starts with bytes {Hex(first)}, but .npz files are zip archives and start with PK.";

    public static string NotZip(string detail) => "not a valid .npz (zip) archive: " + OneLine(detail);

    public const string EmptyNpz = "the .npz archive holds no arrays.";

    public static string NpzMemberNotFound(string wanted, IReadOnlyList<string> names)
        => $"no array named '{wanted}' in the archive. Available: {string.Join(", ", names)}.";

    public static string NpzMemberNeeded(string path, IReadOnlyList<string> names, IReadOnlyList<string> preferred)
        => $"array name needed: the archive has members {string.Join(", ", names)}; use {path}:{names[0]}"
            + (preferred.Count > 0 ? $" (a member named {string.Join(", ", preferred.Take(4))} would be picked automatically)." : ".");

    // ---- IDX ---------------------------------------------------------------------------------------------------

    public static string NotIdx(ReadOnlySpan<byte> first)
        => $"not an IDX file: it starts with bytes {Hex(first)}, but IDX files start with 00 00, a type code and the number of dimensions.";

    public static string UnknownIdxType(byte code)
        => string.Format(Inv, "unknown IDX type code 0x{0:X2}; defined: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64.", code);

    public const string IdxRankZero = "the IDX header declares 0 dimensions; expected at least 1.";

    public static string TruncatedIdxHeader(int rank)
        => string.Format(Inv, "truncated IDX header: {0} dimensions declared but the file ends before their {1} size bytes.", rank, 4 * rank);

    public static string NegativeIdxDimension(int axis, uint raw)
        => string.Format(Inv, "IDX dimension {0} is 0x{1:X8}, which is negative as a signed 32-bit integer; the file is corrupt.", axis, raw);

    public static string IdxDataLengthMismatch(int[] shape, ElementType type, long offset, long? found)
    {
        long expected = shape.Aggregate(1L, (a, b) => a * b) * type.Size;
        string dims = string.Join("×", shape);
        return found is long f && f < expected
            ? string.Format(Inv, "truncated data: the IDX header declares {0} {1} values = {2} bytes, but only {3} bytes follow the {4}-byte header.", dims, type.Name, expected, f, offset)
            : string.Format(Inv, "the IDX header declares {0} {1} values = {2} bytes, but {3} follow the {4}-byte header; the file is corrupt.", dims, type.Name, expected, found is long g ? g.ToString(Inv) + " bytes" : "more bytes", offset);
    }

    // ---- CSV ---------------------------------------------------------------------------------------------------

    public const string CsvEmpty = "the file holds no rows (only blank or # comment lines).";

    public static string CsvNoDataRows(bool header)
        => header ? "the file has a header line but no data rows." : "the file has no data rows.";

    public static string CsvTextAfterQuote(int line)
        => string.Format(Inv, "line {0}: text after a closing quote; a quoted field must end at the delimiter (write a quote inside quotes as \"\").", line);

    public static string CsvUnclosedQuote(int line)
        => string.Format(Inv, "line {0}: a quoted field is not closed before the end of the file.", line);

    public static string CsvRaggedRow(int line, int fields, int columns, int firstLine)
        => string.Format(Inv, "line {0} has {1} fields but line {2} has {3}; every row needs the same number of columns.", line, fields, firstLine, columns);

    public static string CsvNotNumber(int line, int column, string name, string text)
        => string.Format(Inv, "line {0}, column {1}{2}: {3} is not a number; every column except the label column must be numeric (choose the label column with --label-column).",
            line, column, ColumnSuffix(column, name), text.Trim().Length == 0 ? "an empty cell" : Quote(text.Trim()));

    public static string CsvEmptyLabel(int line, int column, string name)
        => string.Format(Inv, "line {0}, column {1}{2}: the label is empty; every row needs a label.", line, column, ColumnSuffix(column, name));

    public static string SklearnRowCount(int expected, int found)
        => string.Format(Inv, "the first line (scikit-learn metadata: n_samples, n_features, class names) announces {0} rows, but the file has {1}.", expected, found);

    public static string CsvNoFeatureColumns(int columns, int? labelColumn, string? labelName)
        => labelColumn is int c
            ? string.Format(Inv, "no feature columns: the file has {0} column(s) and column {1}{2} holds the labels.", columns, c, ColumnSuffix(c, labelName ?? string.Empty))
            : string.Format(Inv, "no feature columns in {0} column(s).", columns);

    public const string CsvNoLabelColumn = "the file has no label column; name one with --label-column.";

    public const string CsvLabelsNeedColumn = "labels need a label column, but --label-column is 'none'.";

    public static string CsvDetectedLabelNotInteger(int line, int column, string name, string cell, int sampleRows)
        => string.Format(Inv, "line {0}, column {1}{2}: {3} is not an integer, but the column was taken as the label column because its first {4} rows hold integers; name the label column with --label-column (or 'none').",
            line, column, ColumnSuffix(column, name), Quote(cell), sampleRows);

    public static string CsvLabelIndexOutOfRange(int index, int columns)
        => string.Format(Inv, "label column {0} is out of range; the file has {1} columns (0..{2}, or -1 for the last).", index, columns, columns - 1);

    public static string CsvLabelColumnNotFound(string wanted, IReadOnlyList<string> names)
        => $"no column named '{wanted}'. Columns: {ListNames(names)}.";

    public static string CsvLabelNameWithoutHeader(string wanted, int columns)
        => string.Format(Inv, "label column '{0}' is a name, but the file has no header line; give a 0-based index (0..{1}) instead.", wanted, columns - 1);

    // ---- roles -------------------------------------------------------------------------------------------------

    public static string MatrixFromVector(string role, string shape)
        => $"{role} must be a 2-D array (N×D), but this array is 1-D with shape {shape}; it looks like labels.";

    public static string MatrixFromScalar(string role)
        => $"{role} must be a 2-D array (N×D), but this array is 0-d (a single number).";

    public static string MatrixFromStrings(string role)
        => $"{role} must be numeric, but this column holds text.";

    public static string LabelsShape(string shape)
        => $"labels must be a 1-D array (N,) or N×1, but this array has shape {shape}"
            + (shape.Count(c => c == ',') == 1 ? "; if the rows are one-hot vectors or scores, save y.argmax(axis=1) instead." : ".");

    public static string LabelsNotIntegral(long index, double value)
        => string.Format(Inv, "labels must be integers, but entry {0} is {1}.", index, value.ToString("R", Inv));

    public static string LabelsTooLarge(long index, double value)
        => string.Format(Inv, "label entry {0} is {1}, beyond ±2^53, where float64 cannot hold every integer exactly; remap the labels to small integers.", index, value.ToString("R", Inv));

    public static string CsvLabelsNotIntegral(int line, string cell)
        => string.Format(Inv, "line {0}: label {1} is a number but not an integer; numeric labels must be integers.", line, Quote(cell));

    // ---- helpers -----------------------------------------------------------------------------------------------

    public static string ShapeText(IReadOnlyList<int> shape) => ShapeText(shape.Select(d => (BigInteger)d).ToArray());

    public static string ShapeText(BigInteger[] shape)
        => "(" + string.Join(", ", shape.Select(d => d.ToString(Inv))) + (shape.Length == 1 ? ",)" : ")");

    private static string ColumnSuffix(int column, string name)
        => string.Equals(name, column.ToString(Inv), StringComparison.Ordinal) ? string.Empty : " ('" + name + "')";

    private static string ListNames(IReadOnlyList<string> names)
        => names.Count <= 20 ? string.Join(", ", names) : string.Join(", ", names.Take(20)) + string.Format(Inv, ", … ({0} in all)", names.Count);

    private static string Quote(string text)
    {
        string t = OneLine(text).Trim();
        return "'" + (t.Length > 120 ? t[..117] + "..." : t) + "'";
    }

    private static string OneLine(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "(none)";
        }

        var n = bytes[..Math.Min(bytes.Length, 8)];
        var sb = new StringBuilder();
        foreach (byte b in n)
        {
            sb.Append(Inv, $"{b:x2} ");
        }

        sb.Length--;
        string ascii = new([.. n.ToArray().Select(b => b is >= 0x20 and < 0x7f ? (char)b : '.')]);
        return sb + " ('" + ascii + "')";
    }
}
