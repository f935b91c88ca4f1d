using System;
using System.Globalization;

namespace Xfer.IO.Csv;

/// <summary>Parses numeric CSV cells: invariant-culture decimals and exponents, plus the spellings NumPy and
/// pandas write for non-finite values (<c>nan</c>, <c>inf</c>, <c>-inf</c>, <c>Infinity</c>, any case).</summary>
internal static class CsvNumbers
{
    public static bool TryParse(ReadOnlySpan<char> cell, out double value)
    {
        var s = cell.Trim();
        if (s.IsEmpty)
        {
            value = 0;
            return false;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        bool negative = s[0] == '-';
        var body = s[0] is '-' or '+' ? s[1..] : s;
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return false;
    }

    public static bool IsNumber(ReadOnlySpan<char> cell) => TryParse(cell, out _);

    /// <summary>True when <paramref name="cell"/> is a non-negative integer that fits an int.</summary>
    public static bool TryParseCount(ReadOnlySpan<char> cell, out int value)
        => int.TryParse(cell.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
