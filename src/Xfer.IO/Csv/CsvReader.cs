using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xfer.Core.Errors;

namespace Xfer.IO.Csv;

/// <summary>
/// Reads delimited text (<c>.csv</c>, <c>.tsv</c>, <c>.txt</c>, optionally gzip-compressed, detected from the
/// content) into a <see cref="CsvTable"/>: comma, semicolon, tab or whitespace delimited; RFC 4180 quotes; optional
/// header (detected or forced); scikit-learn's metadata line; a label column chosen by name or index.
/// </summary>
/// <remarks>
/// Detection, in order, on the first records (see docs/formats.md):
/// <list type="number">
/// <item>Delimiter: the most frequent of <c>,</c> tab <c>;</c> outside quotes in the first line; none → whitespace runs.</item>
/// <item>scikit-learn metadata line (<see cref="SklearnCsvHeader"/>), unless <see cref="CsvOptions.HasHeader"/> is set.</item>
/// <item>Header (unless forced): some cell of line 1 is not a number where line 2 has a number; or, when every cell of
/// both lines is text, no cell of line 1 recurs in its column within the first <see cref="SampleRows"/> rows.</item>
/// </list>
/// </remarks>
public static class CsvReader
{
    /// <summary>Rows kept in memory for layout detection before the rest is streamed.</summary>
    public const int SampleRows = 1000;

    /// <summary>Header names recognised as the label column, in order of preference (case-insensitive).</summary>
    public static IReadOnlyList<string> LabelColumnNames { get; } = ["label", "labels", "target", "targets", "y", "class"];

    private delegate ReadOnlySpan<char> Cell(int column);

    /// <summary>Reads the delimited text file at <paramref name="path"/>.</summary>
    public static CsvTable Read(string path, CsvOptions? options, CsvPurpose purpose)
    {
        options ??= new CsvOptions();
        using var file = InputFiles.OpenRead(path, bufferSize: 1 << 16);
        return InputFiles.Guard(path, () =>
        {
            bool gzip = Compression.IsGzip(file);
            using var decompressed = gzip ? Compression.OpenGzip(file) : null;
            using var text = new StreamReader(decompressed ?? file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
            return Read(text, path, options, purpose);
        });
    }

    /// <summary>Reads delimited text from <paramref name="text"/>; <paramref name="source"/> names it in messages.</summary>
    public static CsvTable Read(TextReader text, string source, CsvOptions? options, CsvPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new CsvOptions();

        // The first line that holds a record decides the delimiter; it is handed back to the record reader.
        int skipped = 0;
        string? first;
        while ((first = text.ReadLine()) is not null && CsvRecordReader.IsBlankOrComment(first))
        {
            skipped++;
        }

        if (first is null)
        {
            throw new InputFileException(source, IOMessages.CsvEmpty);
        }

        var records = new CsvRecordReader(new PushbackReader(first, text), CsvRecordReader.DetectDelimiter(first), source, skipped);

        // Sample the first rows as strings for layout detection.
        var sample = new List<string[]>();
        var sampleLines = new List<int>();
        while (sample.Count < SampleRows && records.Read())
        {
            sample.Add(records.FieldStrings());
            sampleLines.Add(records.LineNumber);
        }

        var layout = Layout.Detect(sample, sampleLines, options, purpose, source);
        int columns = layout.ColumnNames.Count;

        int featureCount = layout.FeatureColumns.Length;
        bool parseFeatures = purpose == CsvPurpose.Features;
        var values = new GrowableArray(parseFeatures ? Math.Max(featureCount * Math.Max(sample.Count, 1), 16) : 0);
        var labelCells = layout.LabelColumn is null ? null : new List<string>();
        var rowLines = new List<int>();

        void Row(Cell cell, int fieldCount, int line, Func<int, string> cellString)
        {
            if (fieldCount != columns)
            {
                throw new InputFileException(source, IOMessages.CsvRaggedRow(line, fieldCount, columns, layout.FirstLine));
            }

            if (parseFeatures)
            {
                foreach (int c in layout.FeatureColumns)
                {
                    var s = cell(c);
                    if (!CsvNumbers.TryParse(s, out double v))
                    {
                        throw new InputFileException(source, IOMessages.CsvNotNumber(line, c, layout.ColumnName(c), s.ToString()));
                    }

                    values.Add(v);
                }
            }

            if (layout.LabelColumn is int lc)
            {
                string label = cellString(lc).Trim();
                if (label.Length == 0)
                {
                    throw new InputFileException(source, IOMessages.CsvEmptyLabel(line, lc, layout.ColumnName(lc)));
                }

                if (layout.LabelWhy == LabelReason.LastColumnIntegers && !(CsvNumbers.TryParse(label, out double y) && IsInteger(y)))
                {
                    throw new InputFileException(source, IOMessages.CsvDetectedLabelNotInteger(line, lc, layout.ColumnName(lc), label, SampleRows));
                }

                labelCells!.Add(label);
            }

            rowLines.Add(line);
        }

        for (int r = layout.FirstDataRow; r < sample.Count; r++)
        {
            var row = sample[r];
            Row(c => row[c], row.Length, sampleLines[r], c => row[c]);
        }

        while (records.Read())
        {
            Row(c => records[c], records.FieldCount, records.LineNumber, records.FieldString);
        }

        if (rowLines.Count == 0)
        {
            throw new InputFileException(source, IOMessages.CsvNoDataRows(layout.HasHeader));
        }

        if (layout.Sklearn is { } meta && meta.SampleCount != rowLines.Count)
        {
            throw new InputFileException(source, IOMessages.SklearnRowCount(meta.SampleCount, rowLines.Count));
        }

        NdArray? features = null;
        if (parseFeatures)
        {
            features = new NdArray(source, [rowLines.Count, featureCount], "<f8", values.ToArray())
            {
                Format = "csv",
            };
        }

        return new CsvTable(source, records.Delimiter, layout.HasHeader, layout.Sklearn, layout.ColumnNames, layout.LabelColumn, layout.LabelWhy,
            layout.IndexColumn, layout.FeatureColumns, features, labelCells, rowLines);
    }

    /// <summary>The layout decisions made from the sampled rows.</summary>
    private sealed class Layout
    {
        public required IReadOnlyList<string> ColumnNames { get; init; }

        public required bool HasHeader { get; init; }

        public required SklearnCsvHeader? Sklearn { get; init; }

        public required int FirstDataRow { get; init; }

        public required int FirstLine { get; init; }

        public required int? LabelColumn { get; init; }

        public required string LabelWhy { get; init; }

        public required int? IndexColumn { get; init; }

        public required int[] FeatureColumns { get; init; }

        public string ColumnName(int c) => ColumnNames[c];

        public static Layout Detect(List<string[]> sample, List<int> lines, CsvOptions options, CsvPurpose purpose, string source)
        {
            var r0 = sample[0];
            var r1 = sample.Count > 1 ? sample[1] : null;
            var sklearn = options.HasHeader is null ? SklearnCsvHeader.Detect(r0, r1) : null;
            bool header = sklearn is null && (options.HasHeader ?? DetectHeader(sample));
            int firstData = sklearn is not null || header ? 1 : 0;
            if (firstData >= sample.Count)
            {
                throw new InputFileException(source, IOMessages.CsvNoDataRows(header));
            }

            int columns = sample[firstData].Length;
            IReadOnlyList<string> names;
            if (header)
            {
                names = r0;
                columns = r0.Length;
            }
            else
            {
                names = Enumerable.Range(0, columns).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
            }

            int? index = header && columns > 1 && names[0].Length == 0 && IsRowIndex(sample, firstData) ? 0 : null;
            (int? Column, string Reason) choice = options.LabelColumn switch
            {
                null => DefaultLabelColumn(sample, firstData, names, header, sklearn, index, purpose),
                var none when string.Equals(none.Trim(), CsvOptions.NoLabelColumn, StringComparison.OrdinalIgnoreCase)
                    && !(header && names.Contains(none, StringComparer.Ordinal)) => (null, LabelReason.Excluded),
                var wanted => (ResolveLabelColumn(wanted, names, header, source), LabelReason.Given),
            };
            (int? label, string reason) = choice;
            if (label is null && purpose == CsvPurpose.Labels)
            {
                throw new InputFileException(source, IOMessages.CsvLabelsNeedColumn);
            }

            var featureColumns = Enumerable.Range(0, columns).Where(c => c != label && c != index).ToArray();
            return new Layout
            {
                ColumnNames = names,
                HasHeader = header,
                Sklearn = sklearn,
                FirstDataRow = firstData,
                FirstLine = lines[sklearn is not null || header ? 0 : firstData],
                LabelColumn = label,
                LabelWhy = reason,
                IndexColumn = index,
                FeatureColumns = featureColumns,
            };
        }

        private static bool DetectHeader(List<string[]> sample)
        {
            if (sample.Count < 2)
            {
                return false;
            }

            var r0 = sample[0];
            var r1 = sample[1];
            int n = Math.Min(r0.Length, r1.Length);
            for (int c = 0; c < n; c++)
            {
                if (!CsvNumbers.IsNumber(r0[c]) && CsvNumbers.IsNumber(r1[c]))
                {
                    return true;
                }
            }

            // Only text in the first two rows (e.g. a file of string labels): a header cell names its column, so it does
            // not recur among the values below it, whereas a class name usually does.
            if (r0.Any(c => CsvNumbers.IsNumber(c)) || r1.Any(c => CsvNumbers.IsNumber(c)))
            {
                return false;
            }

            for (int c = 0; c < r0.Length; c++)
            {
                for (int r = 1; r < sample.Count; r++)
                {
                    if (c < sample[r].Length && string.Equals(sample[r][c].Trim(), r0[c].Trim(), StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsRowIndex(List<string[]> sample, int firstData)
        {
            for (int r = firstData; r < sample.Count; r++)
            {
                if (!long.TryParse(sample[r][0].AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long v) || v != r - firstData)
                {
                    return false;
                }
            }

            return true;
        }

        private static int ResolveLabelColumn(string wanted, IReadOnlyList<string> names, bool header, string source)
        {
            if (header)
            {
                for (int c = 0; c < names.Count; c++)
                {
                    if (string.Equals(names[c], wanted, StringComparison.Ordinal))
                    {
                        return c;
                    }
                }
            }

            if (int.TryParse(wanted, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index))
            {
                int resolved = index < 0 ? names.Count + index : index;
                if (resolved < 0 || resolved >= names.Count)
                {
                    throw new InputFileException(source, IOMessages.CsvLabelIndexOutOfRange(index, names.Count));
                }

                return resolved;
            }

            if (header)
            {
                var folded = Enumerable.Range(0, names.Count).Where(c => string.Equals(names[c], wanted, StringComparison.OrdinalIgnoreCase)).ToList();
                if (folded.Count == 1)
                {
                    return folded[0];
                }

                throw new InputFileException(source, IOMessages.CsvLabelColumnNotFound(wanted, names));
            }

            throw new InputFileException(source, IOMessages.CsvLabelNameWithoutHeader(wanted, names.Count));
        }

        private static (int? Column, string Reason) DefaultLabelColumn(List<string[]> sample, int firstData, IReadOnlyList<string> names, bool header, SklearnCsvHeader? sklearn, int? index, CsvPurpose purpose)
        {
            int last = names.Count - 1;
            if (sklearn is not null)
            {
                return (last, LabelReason.Sklearn);
            }

            if (header)
            {
                foreach (string preferred in LabelColumnNames)
                {
                    for (int c = 0; c < names.Count; c++)
                    {
                        if (c != index && string.Equals(names[c].Trim(), preferred, StringComparison.OrdinalIgnoreCase))
                        {
                            return (c, LabelReason.HeaderName);
                        }
                    }
                }
            }

            if (last >= 0 && last != index)
            {
                bool text = false, integral = true;
                for (int r = firstData; r < sample.Count; r++)
                {
                    if (last >= sample[r].Length)
                    {
                        continue; // a ragged row; reported when the rows are read
                    }

                    if (!CsvNumbers.TryParse(sample[r][last], out double v))
                    {
                        text = true;
                        break;
                    }

                    integral &= IsInteger(v);
                }

                if (text)
                {
                    return (last, LabelReason.LastColumnText);
                }

                if (integral)
                {
                    return (last, LabelReason.LastColumnIntegers);
                }
            }

            return purpose == CsvPurpose.Labels ? (last, LabelReason.LastColumnDefault) : (null, LabelReason.None);
        }
    }

    private static bool IsInteger(double v) => Math.Abs(v) < 9007199254740992.0 && v == Math.Floor(v);

    /// <summary>Growable double buffer (amortised doubling), trimmed once at the end.</summary>
    private sealed class GrowableArray(int capacity)
    {
        private double[] _items = new double[capacity];
        private int _count;

        public void Add(double v)
        {
            if (_count == _items.Length)
            {
                long grown = Math.Min(Math.Max(16L, 2L * _items.Length), Array.MaxLength);
                if (grown <= _count)
                {
                    throw new InvalidOperationException("The CSV holds more values than a .NET array can.");
                }

                Array.Resize(ref _items, (int)grown);
            }

            _items[_count++] = v;
        }

        public double[] ToArray()
        {
            if (_count != _items.Length)
            {
                Array.Resize(ref _items, _count);
            }

            return _items;
        }
    }

    /// <summary>A reader that returns one already-read line before the rest of <paramref name="rest"/>.</summary>
    private sealed class PushbackReader(string first, TextReader rest) : TextReader
    {
        private string? _first = first;

        public override string? ReadLine()
        {
            if (_first is not null)
            {
                string line = _first;
                _first = null;
                return line;
            }

            return rest.ReadLine();
        }
    }
}
