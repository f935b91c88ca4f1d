using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Xfer.Core.Errors;

namespace Xfer.IO.Csv;

/// <summary>
/// Splits delimited text into records (RFC 4180 quoting: <c>"a, b"</c>, <c>""</c> for a quote, line breaks inside
/// quotes), skipping blank lines and lines starting with <c>#</c> (as <c>np.loadtxt</c> does). Fields are exposed as
/// spans over the record text, so numeric cells are parsed without allocating strings.
/// </summary>
internal sealed class CsvRecordReader
{
    /// <summary>Delimiter value meaning "runs of spaces or tabs" (the format <c>np.savetxt</c> writes by default).</summary>
    public const char Whitespace = '\0';

    private readonly TextReader _reader;
    private readonly string _source;
    private readonly List<(int Start, int Length)> _fields = [];
    private readonly List<string?> _unescaped = [];
    private string _record = string.Empty;
    private int _nextLine = 1;

    /// <param name="reader">The text; only <see cref="TextReader.ReadLine"/> is used.</param>
    /// <param name="delimiter">The delimiter, or <see cref="Whitespace"/>.</param>
    /// <param name="source">The file, for messages.</param>
    /// <param name="linesBefore">Lines already consumed before <paramref name="reader"/>'s first line (for line numbers).</param>
    public CsvRecordReader(TextReader reader, char delimiter, string source, int linesBefore = 0)
    {
        _reader = reader;
        Delimiter = delimiter;
        _source = source;
        _nextLine = linesBefore + 1;
    }

    /// <summary>The field delimiter, or <see cref="Whitespace"/>.</summary>
    public char Delimiter { get; }

    /// <summary>1-based line number where the current record starts.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount => _fields.Count;

    /// <summary>Field <paramref name="i"/> of the current record, without quotes and surrounding spaces.</summary>
    public ReadOnlySpan<char> this[int i] => _unescaped[i] ?? _record.AsSpan(_fields[i].Start, _fields[i].Length);

    /// <summary>Field <paramref name="i"/> as a string.</summary>
    public string FieldString(int i) => _unescaped[i] ?? _record.Substring(_fields[i].Start, _fields[i].Length);

    /// <summary>All fields of the current record as strings.</summary>
    public string[] FieldStrings()
    {
        var all = new string[FieldCount];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = FieldString(i);
        }

        return all;
    }

    /// <summary>Advances to the next record; false at the end of the text.</summary>
    public bool Read()
    {
        string? line;
        do
        {
            line = _reader.ReadLine();
            LineNumber = _nextLine++;
            if (line is null)
            {
                return false;
            }
        }
        while (IsBlankOrComment(line));

        _record = line;
        _fields.Clear();
        _unescaped.Clear();
        if (Delimiter == Whitespace)
        {
            SplitOnWhitespace();
        }
        else
        {
            SplitOnDelimiter();
        }

        return true;
    }

    /// <summary>Detects the delimiter from the first data line: the most frequent of comma, tab and semicolon outside
    /// quotes (comma wins ties); if none occurs, runs of whitespace when the line has several tokens, else comma (one column).</summary>
    public static char DetectDelimiter(string firstLine)
    {
        ArgumentNullException.ThrowIfNull(firstLine);
        int commas = 0, tabs = 0, semicolons = 0;
        bool quoted = false;
        foreach (char c in firstLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
            }
        }

        if (commas == 0 && tabs == 0 && semicolons == 0)
        {
            return firstLine.Trim().AsSpan().IndexOfAny(' ', '\t') >= 0 ? Whitespace : ',';
        }

        return commas >= tabs && commas >= semicolons ? ',' : tabs >= semicolons ? '\t' : ';';
    }

    /// <summary>True for lines that hold no record: empty, only spaces, or a <c>#</c> comment.</summary>
    public static bool IsBlankOrComment(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var t = line.AsSpan().TrimStart();
        return t.IsEmpty || t[0] == '#';
    }

    private void SplitOnWhitespace()
    {
        int pos = 0;
        while (true)
        {
            while (pos < _record.Length && _record[pos] is ' ' or '\t')
            {
                pos++;
            }

            if (pos >= _record.Length)
            {
                return;
            }

            if (_record[pos] == '"')
            {
                pos = ReadQuoted(pos);
                continue;
            }

            int start = pos;
            while (pos < _record.Length && _record[pos] is not (' ' or '\t'))
            {
                pos++;
            }

            Add(start, pos - start);
        }
    }

    private void SplitOnDelimiter()
    {
        int pos = 0;
        while (true)
        {
            int start = pos;
            while (pos < _record.Length && _record[pos] is ' ' or '\t' && _record[pos] != Delimiter)
            {
                pos++;
            }

            if (pos < _record.Length && _record[pos] == '"')
            {
                pos = ReadQuoted(pos);
                while (pos < _record.Length && _record[pos] is ' ' or '\t' && _record[pos] != Delimiter)
                {
                    pos++;
                }

                if (pos < _record.Length && _record[pos] != Delimiter)
                {
                    throw new InputFileException(_source, IOMessages.CsvTextAfterQuote(LineNumber));
                }
            }
            else
            {
                pos = start;
                while (pos < _record.Length && _record[pos] != Delimiter)
                {
                    pos++;
                }

                var span = _record.AsSpan(start, pos - start);
                int lead = span.Length - span.TrimStart().Length;
                Add(start + lead, span.Trim().Length);
            }

            if (pos >= _record.Length)
            {
                return;
            }

            pos++; // the delimiter; a delimiter at the very end leaves one more (empty) field
            if (pos == _record.Length)
            {
                Add(pos, 0);
                return;
            }
        }
    }

    /// <summary>Reads a quoted field starting at the opening quote; returns the position after the closing quote.
    /// Continues onto the following lines while the quote is open.</summary>
    private int ReadQuoted(int open)
    {
        var text = new StringBuilder();
        int pos = open + 1;
        while (true)
        {
            if (pos >= _record.Length)
            {
                string? more = _reader.ReadLine();
                if (more is null)
                {
                    throw new InputFileException(_source, IOMessages.CsvUnclosedQuote(LineNumber));
                }

                _nextLine++;
                _record += "\n" + more; // the loop copies the line break into the field
                continue;
            }

            char c = _record[pos];
            if (c == '"')
            {
                if (pos + 1 < _record.Length && _record[pos + 1] == '"')
                {
                    text.Append('"');
                    pos += 2;
                    continue;
                }

                _fields.Add((open, pos + 1 - open));
                _unescaped.Add(text.ToString());
                return pos + 1;
            }

            text.Append(c);
            pos++;
        }
    }

    private void Add(int start, int length)
    {
        _fields.Add((start, length));
        _unescaped.Add(null);
    }
}
