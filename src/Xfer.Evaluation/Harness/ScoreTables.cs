using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Xfer.Core.Errors;

namespace Xfer.Evaluation.Harness;

/// <summary>One row of a score table: a candidate's score under a metric, with an optional explicit direction.</summary>
/// <param name="Candidate">Candidate name.</param>
/// <param name="Metric">Metric id.</param>
/// <param name="Value">The score, or null when the row has an empty value (unavailable).</param>
/// <param name="HigherIsBetter">The direction from the optional 4th column, or null.</param>
/// <param name="Line">1-based line number, for messages.</param>
public sealed record ScoreRow(string Candidate, string Metric, double? Value, bool? HigherIsBetter, int Line);

/// <summary>
/// Reads the two tables <c>xfer correlate</c> takes (and <c>xfer eval</c> writes): scores as <c>candidate,metric,value[,higherIsBetter]</c>
/// rows and ground truth as <c>candidate,value</c> rows. A first line whose value column is not a number is a header (and names
/// the columns); blank lines and lines starting with <c>#</c> are skipped; further columns are ignored.
/// </summary>
public static class ScoreTables
{
    /// <summary>Reads a score table.</summary>
    /// <param name="path">File name, for messages.</param>
    /// <param name="text">The content.</param>
    public static IReadOnlyList<ScoreRow> ReadScores(string path, TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<ScoreRow>();
        var seen = new HashSet<(string, string)>();
        foreach (var (fields, line, isHeader) in Records(path, text, valueColumn: 2))
        {
            if (isHeader)
            {
                continue;
            }

            if (fields.Count < 3)
            {
                throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture,
                    "line {0} has {1} field(s); score rows are candidate,metric,value[,higherIsBetter].", line, fields.Count));
            }

            string candidate = fields[0], metric = fields[1];
            if (candidate.Length == 0 || metric.Length == 0)
            {
                throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture, "line {0}: empty candidate or metric name.", line));
            }

            if (!seen.Add((candidate, metric)))
            {
                throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture,
                    "line {0}: a second score for candidate '{1}' and metric '{2}'; each pair may appear once.", line, candidate, metric));
            }

            double? value = fields[2].Length == 0 ? null : ParseNumber(path, line, fields[2], "value");
            bool? higher = fields.Count > 3 && fields[3].Length > 0 ? ParseDirection(path, line, fields[3]) : null;
            rows.Add(new ScoreRow(candidate, metric, value, higher, line));
        }

        if (rows.Count == 0)
        {
            throw new InputFileException(path, "no score rows; expected candidate,metric,value lines.");
        }

        return rows;
    }

    /// <summary>
    /// Reads a ground-truth table. The value is the second column, or the column named <paramref name="column"/> in the header.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, double>> ReadTruth(string path, TextReader text, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var truth = new List<KeyValuePair<string, double>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int valueColumn = 1;
        bool headerSeen = false;
        foreach (var (fields, line, isHeader) in Records(path, text, valueColumn: 1))
        {
            if (isHeader)
            {
                headerSeen = true;
                if (column is not null)
                {
                    valueColumn = fields.FindIndex(f => string.Equals(f, column, StringComparison.OrdinalIgnoreCase));
                    if (valueColumn < 1)
                    {
                        throw new InputFileException(path, $"the header has no value column '{column}'; it has {string.Join(", ", fields)}.");
                    }
                }

                continue;
            }

            if (column is not null && !headerSeen)
            {
                throw new InputFileException(path, $"--truth-column {column} needs a header line naming the columns.");
            }

            if (fields.Count <= valueColumn)
            {
                throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture,
                    "line {0} has {1} field(s); ground-truth rows are candidate,value.", line, fields.Count));
            }

            if (!seen.Add(fields[0]))
            {
                throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture, "line {0}: candidate '{1}' appears twice.", line, fields[0]));
            }

            truth.Add(new(fields[0], ParseNumber(path, line, fields[valueColumn], "value")));
        }

        if (truth.Count == 0)
        {
            throw new InputFileException(path, "no ground-truth rows; expected candidate,value lines.");
        }

        return truth;
    }

    private static IEnumerable<(List<string> Fields, int Line, bool IsHeader)> Records(string path, TextReader text, int valueColumn)
    {
        int lineNumber = 0;
        bool first = true;
        string? raw;
        while ((raw = text.ReadLine()) is not null)
        {
            lineNumber++;
            if (raw.Trim().Length == 0 || raw.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = CsvText.Split(raw);
            bool header = first && fields.Count > valueColumn && fields[valueColumn].Length > 0
                && !double.TryParse(fields[valueColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            first = false;
            yield return (fields, lineNumber, header);
        }
    }

    private static double ParseNumber(string path, int line, string text, string what)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture,
                "line {0}: {1} '{2}' is not a finite number (use '.' as the decimal separator).", line, what, text));
        }

        return v;
    }

    private static bool ParseDirection(string path, int line, string text)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "1" or "HIGHER" or "YES":
                return true;
            case "FALSE" or "0" or "LOWER" or "NO":
                return false;
            default:
                throw new InputFileException(path, string.Format(CultureInfo.InvariantCulture,
                    "line {0}: higherIsBetter '{1}' must be true/false (or higher/lower, 1/0).", line, text));
        }
    }

    /// <summary>Groups score rows into per-metric tables, resolving each metric's direction: the 4th column when given (all rows
    /// of a metric must agree), else <paramref name="knownDirection"/> (the catalog), else higher-is-better.</summary>
    /// <returns>The tables, and for each metric where the direction came from (for reports).</returns>
    public static (IReadOnlyList<MetricScores> Tables, IReadOnlyDictionary<string, string> DirectionSource) ToMetricScores(
        string path, IReadOnlyList<ScoreRow> rows, Func<string, (string DisplayName, bool HigherIsBetter)?> knownDirection)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(knownDirection);
        var tables = new List<MetricScores>();
        var source = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Metric, StringComparer.Ordinal))
        {
            var explicitDirections = group.Where(r => r.HigherIsBetter is not null).Select(r => r.HigherIsBetter!.Value).Distinct().ToList();
            if (explicitDirections.Count > 1)
            {
                throw new InputFileException(path, $"metric '{group.Key}' has rows with higherIsBetter both true and false; one metric has one direction.");
            }

            var known = knownDirection(group.Key);
            bool higher;
            if (explicitDirections.Count == 1)
            {
                higher = explicitDirections[0];
                source[group.Key] = "file";
            }
            else if (known is not null)
            {
                higher = known.Value.HigherIsBetter;
                source[group.Key] = "catalog";
            }
            else
            {
                higher = true;
                source[group.Key] = "assumed higher-is-better";
            }

            tables.Add(new MetricScores(group.Key, known?.DisplayName ?? group.Key, higher,
                group.Where(r => r.Value is not null).ToDictionary(r => r.Candidate, r => r.Value!.Value, StringComparer.Ordinal),
                group.Where(r => r.Value is null).ToDictionary(r => r.Candidate, _ => "no value in the score table", StringComparer.Ordinal)));
        }

        return (tables, source);
    }
}
