using System.Globalization;

namespace Xfer.Reports;

/// <summary>Number formatting shared by the writers: invariant culture, round-trip precision in data files, short forms in text.</summary>
internal static class ReportNumbers
{
    /// <summary>Round-trip text for data files ("R"), empty for NaN/infinite/null (CSV has no NaN).</summary>
    public static string Data(double? value)
        => value is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Short text for tables: <paramref name="format"/> (default F3), "–" when undefined.</summary>
    public static string Text(double? value, string format = "F3")
        => value is double v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>Seconds as "0.012 s", "1.5 s" or "2 min 05 s".</summary>
    public static string Seconds(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            return "–";
        }

        if (seconds < 1)
        {
            return seconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
        }

        if (seconds < 120)
        {
            return seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        }

        int whole = (int)System.Math.Round(seconds);
        return string.Format(CultureInfo.InvariantCulture, "{0} min {1:00} s", whole / 60, whole % 60);
    }
}
