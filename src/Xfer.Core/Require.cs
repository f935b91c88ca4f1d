using System;
using System.Globalization;
using Xfer.Core.Errors;

namespace Xfer.Core;

/// <summary>Input checks shared by the metrics and commands; each failure is one clear line.</summary>
public static class Require
{
    /// <summary>
    /// Throws when <paramref name="matrix"/> holds NaN or ±∞, naming the first bad cell.
    /// Two passes: a cheap sum first, a scan only when the sum is not finite (as sklearn's _assert_all_finite).
    /// </summary>
    public static void Finite(Matrix matrix, string what)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var data = matrix.Data;
        double sum = 0;
        foreach (double v in data)
        {
            sum += v * 0.0; // NaN or ±∞ times zero is NaN; finite values contribute exactly 0, so no overflow.
        }

        if (!double.IsNaN(sum))
        {
            return;
        }

        for (int i = 0; i < data.Length; i++)
        {
            if (!double.IsFinite(data[i]))
            {
                int row = i / Math.Max(1, matrix.Columns), col = i % Math.Max(1, matrix.Columns);
                string kind = double.IsNaN(data[i]) ? "NaN" : (data[i] > 0 ? "+infinity" : "-infinity");
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "{0} contains {1} at row {2}, column {3}. Metrics need finite inputs; check the feature extractor's output.",
                    what, kind, row, col));
            }
        }
    }

    /// <summary>Throws unless the feature rows and the labels describe the same samples.</summary>
    public static void SameSampleCount(int featureRows, string featuresName, int labelCount, string labelsName)
    {
        if (featureRows != labelCount)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "{0} has {1} rows but {2} has {3} entries; both must describe the same samples.",
                featuresName, featureRows, labelsName, labelCount));
        }
    }

    /// <summary>Throws unless there are at least two classes.</summary>
    public static void AtLeastTwoClasses(ClassLabels labels, string labelsName)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.ClassCount < 2)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "{0} has {1} distinct class(es); transferability needs at least 2.", labelsName, labels.ClassCount));
        }
    }
}
