using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Xfer.Evaluation.Harness;

/// <summary>Minimal RFC 4180 CSV for the evaluation tables: quoting on write, quote-aware splitting on read.</summary>
public static class CsvText
{
    /// <summary>A field, quoted when it holds a comma, quote, or line break.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A number in round-trip invariant form; empty for NaN or null (a CSV has no NaN).</summary>
    public static string Number(double? value) => value is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>One line from fields.</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));

    /// <summary>Splits one line into fields (double quotes group, <c>""</c> is a quote; fields are trimmed outside quotes).</summary>
    public static List<string> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
                wasQuoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(wasQuoted ? current.ToString() : current.ToString().Trim());
                current.Clear();
                wasQuoted = false;
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(wasQuoted ? current.ToString() : current.ToString().Trim());
        return fields;
    }
}
