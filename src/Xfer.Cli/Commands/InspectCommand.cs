using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xfer.Cli.Console;
using Xfer.IO;
using Xfer.IO.Csv;
using Xfer.IO.Elements;
using Xfer.IO.Npz;

namespace Xfer.Cli.Commands;

/// <summary>
/// <c>xfer inspect FILE [--json] [--label-column C]</c>: what a data file holds (format, dtype, shape, order) and its
/// statistics (min, max, mean, NaN and ±inf counts; distinct values and class counts for label-like data). An
/// <c>.npz</c> without <c>:member</c> lists its members.
/// </summary>
public static class InspectCommand
{
    /// <summary>Classes listed in the text output (by count); <c>--json</c> lists up to <see cref="JsonClassLimit"/>.</summary>
    private const int TextClassLimit = 10;

    /// <summary>Most distinct values listed in JSON; beyond this only the count is given.</summary>
    private const int JsonClassLimit = 1000;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A .npy, .npz (or file.npz:member), CSV/TSV or IDX file, optionally gzip-compressed." };
        var json = CommonOptions.Json();
        var labelColumn = CommonOptions.LabelColumn();
        var command = new Command("inspect", "Show a data file's format, dtype, shape and statistics (and an .npz archive's members).")
        {
            file, json, labelColumn,
        };
        CommandAction.Set(command, parse => Run(parse.GetValue(file)!, parse.GetValue(json), parse.GetValue(labelColumn), System.Console.Out));
        return command;
    }

    /// <summary>Inspects <paramref name="spec"/> and writes the report to <paramref name="output"/>.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string spec, bool json, string? labelColumn, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var report = Build(spec, new CsvOptions(labelColumn));
        output.WriteLine(json ? ToJson(report) : ToText(report));
        return ExitCodes.Success;
    }

    private static Report Build(string spec, CsvOptions csv)
    {
        var (path, member) = DataFileSpec.Parse(spec);
        var format = DataFiles.DetectFormat(path, out bool gzip);
        if (format == DataFormat.Npz && member is null)
        {
            var members = DataFiles.DescribeNpz(path);
            var single = members.Count == 1 ? DataFiles.ReadArray(path + ":" + members[0].Name) : null;
            return new Report(path, $"npz ({members.Count} array{(members.Count == 1 ? string.Empty : "s")})", single, single is null ? null : ArraySummary.Of(single))
            {
                Members = members,
            };
        }

        if (format == DataFormat.Csv && member is null)
        {
            var table = DataFiles.ReadCsv(path, csv, CsvPurpose.Features);
            var features = table.FeatureColumns.Count > 0 ? table.Features : null;
            string layout = string.Format(CultureInfo.InvariantCulture, "csv ({0}{1}-separated, {2}, {3} rows × {4} columns)",
                gzip ? "gzip, " : string.Empty, table.DelimiterName,
                table.Sklearn is not null ? "scikit-learn metadata line" : table.HasHeader ? "header" : "no header",
                table.RowCount, table.ColumnCount);
            return new Report(path, layout, features, features is null ? null : ArraySummary.Of(features))
            {
                Csv = table,
                LabelSummary = table.LabelCells is null ? null : LabelSummary(table),
            };
        }

        var array = DataFiles.ReadArray(spec, csv);
        return new Report(spec, array.Format, array, ArraySummary.Of(array));
    }

    /// <summary>The label column as classes (with a scikit-learn file's class names); its raw text counts when the
    /// values are not valid labels (e.g. fractional numbers), so that inspect still shows what the column holds.</summary>
    private static ArraySummary LabelSummary(CsvTable table)
    {
        try
        {
            return ArraySummary.OfLabels(DataFiles.LabelsFromCsv(table));
        }
        catch (Core.Errors.InputFileException)
        {
            return ArraySummary.OfLabels(table.LabelCells!);
        }
    }

    private static string ToText(Report r)
    {
        var lines = new List<(string Key, string Value)> { ("file", r.File), ("format", r.Format) };
        if (r.Members is not null)
        {
            int width = r.Members.Max(m => m.Name.Length);
            for (int i = 0; i < r.Members.Count; i++)
            {
                var m = r.Members[i];
                lines.Add((i == 0 ? "members" : string.Empty, string.Format(CultureInfo.InvariantCulture, "{0}  {1,-4} {2}  {3}{4}",
                    m.Name.PadRight(width), m.Header.ElementType.TypeString, IOText.Shape(m.Header.Shape), m.Header.FortranOrder ? "Fortran order" : "C order",
                    m.Compressed ? ", deflated" : string.Empty)));
            }
        }

        if (r.Csv is { } t)
        {
            lines.Add(("features", t.FeatureColumns.Count == 0 ? "none" : string.Format(CultureInfo.InvariantCulture, "{0} column(s): {1}", t.FeatureColumns.Count, Names(t, t.FeatureColumns))));
            lines.Add(("labels", t.LabelColumn is int c ? string.Format(CultureInfo.InvariantCulture, "column {0}{1} ({2})", c, t.ColumnNames[c] == c.ToString(CultureInfo.InvariantCulture) ? string.Empty : " '" + t.ColumnNames[c] + "'", t.LabelColumnReason) : t.LabelColumnReason));
            if (t.Sklearn is { } meta)
            {
                lines.Add(("classes", string.Join(", ", meta.ClassNames.Select((n, k) => k.ToString(CultureInfo.InvariantCulture) + " = " + n))));
            }
        }

        if (r.Array is { } a && r.Summary is { } s)
        {
            string typeName = ElementType.TryParse(a.DType, out var type, out _) ? " (" + type.Name + ")" : string.Empty;
            lines.Add(("dtype", a.DType + typeName + (r.Csv is not null ? ", parsed from text" : string.Empty)));
            lines.Add(("shape", a.ShapeText));
            if (a.Shape.Length > 1)
            {
                lines.Add(("order", a.FortranOrder ? "Fortran (converted to C order)" : "C"));
            }

            lines.Add(("min", Number(s.Min)));
            lines.Add(("max", Number(s.Max)));
            lines.Add(("mean", Number(s.Mean)));
            lines.Add(("NaN", s.NaNCount.ToString(CultureInfo.InvariantCulture)));
            lines.Add(("+inf", s.PositiveInfinityCount.ToString(CultureInfo.InvariantCulture)));
            lines.Add(("-inf", s.NegativeInfinityCount.ToString(CultureInfo.InvariantCulture)));
            AddClasses(lines, s, string.Empty);
        }

        if (r.LabelSummary is { } ls)
        {
            AddClasses(lines, ls, "label ");
        }

        int keyWidth = lines.Max(l => l.Key.Length) + 2;
        return string.Join(Environment.NewLine, lines.Select(l => (l.Key.PadRight(keyWidth) + l.Value).TrimEnd()));
    }

    private static void AddClasses(List<(string Key, string Value)> lines, ArraySummary s, string prefix)
    {
        if (s.Classes is null)
        {
            return;
        }

        lines.Add((prefix + "distinct", s.DistinctCount!.Value.ToString(CultureInfo.InvariantCulture)));
        var top = s.MostFrequent(TextClassLimit);
        string more = s.Classes.Count > top.Count
            ? string.Format(CultureInfo.InvariantCulture, ", … ({0} more)", s.Classes.Count - top.Count)
            : string.Empty;
        lines.Add((prefix + "counts", string.Join(", ", top.Select(c => c.Value + ": " + c.Count.ToString(CultureInfo.InvariantCulture))) + more));
    }

    private static string ToJson(Report r) => JsonOutput.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("file", r.File);
        w.WriteString("format", r.Format);
        if (r.Members is not null)
        {
            w.WriteStartArray("members");
            foreach (var m in r.Members)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteString("dtype", m.Header.ElementType.TypeString);
                WriteShape(w, m.Header.Shape);
                w.WriteString("order", m.Header.FortranOrder ? "F" : "C");
                w.WriteBoolean("compressed", m.Compressed);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (r.Csv is { } t)
        {
            w.WriteStartObject("csv");
            w.WriteString("delimiter", t.DelimiterName);
            w.WriteBoolean("header", t.HasHeader);
            w.WriteBoolean("sklearnMetadata", t.Sklearn is not null);
            w.WriteNumber("rows", t.RowCount);
            w.WriteStartArray("columns");
            foreach (var name in t.ColumnNames)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            if (t.LabelColumn is int c)
            {
                w.WriteNumber("labelColumn", c);
            }
            else
            {
                w.WriteNull("labelColumn");
            }

            w.WriteString("labelColumnReason", t.LabelColumnReason);
            w.WriteNumber("featureColumns", t.FeatureColumns.Count);
            w.WriteEndObject();
        }

        if (r.Array is { } a && r.Summary is { } s)
        {
            w.WriteString("dtype", a.DType);
            WriteShape(w, a.Shape);
            w.WriteString("order", a.FortranOrder ? "F" : "C");
            WriteStatistics(w, s);
        }

        if (r.LabelSummary is { } ls)
        {
            w.WriteStartObject("labels");
            WriteClasses(w, ls);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private static void WriteStatistics(Utf8JsonWriter w, ArraySummary s)
    {
        JsonOutput.Number(w, "min", s.Min);
        JsonOutput.Number(w, "max", s.Max);
        JsonOutput.Number(w, "mean", s.Mean);
        w.WriteNumber("nan", s.NaNCount);
        w.WriteNumber("posinf", s.PositiveInfinityCount);
        w.WriteNumber("neginf", s.NegativeInfinityCount);
        WriteClasses(w, s);
    }

    private static void WriteClasses(Utf8JsonWriter w, ArraySummary s)
    {
        if (s.Classes is null)
        {
            return;
        }

        w.WriteNumber("distinct", s.Classes.Count);
        if (s.Classes.Count > JsonClassLimit)
        {
            return;
        }

        w.WriteStartArray("classes");
        foreach (var c in s.Classes)
        {
            w.WriteStartObject();
            w.WriteString("value", c.Value);
            w.WriteNumber("count", c.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteShape(Utf8JsonWriter w, int[] shape)
    {
        w.WriteStartArray("shape");
        foreach (int d in shape)
        {
            w.WriteNumberValue(d);
        }

        w.WriteEndArray();
    }

    private static string Number(double? v) => v is double d ? d.ToString("R", CultureInfo.InvariantCulture) : "—";

    private static string Names(CsvTable t, IReadOnlyList<int> columns)
    {
        var names = columns.Select(c => t.ColumnNames[c]).ToList();
        return names.Count <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(3)) + ", …, " + string.Join(", ", names.TakeLast(2));
    }

    private sealed record Report(string File, string Format, NdArray? Array, ArraySummary? Summary)
    {
        public IReadOnlyList<NpzMember>? Members { get; init; }

        public CsvTable? Csv { get; init; }

        public ArraySummary? LabelSummary { get; init; }
    }

    private static class IOText
    {
        public static string Shape(int[] shape) => "(" + string.Join(", ", shape) + (shape.Length == 1 ? ",)" : ")");
    }
}
