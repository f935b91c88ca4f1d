using System;
using System.Globalization;
using Xfer.Core.Errors;

namespace Xfer.Core;

/// <summary>
/// The pre-trained model's own head applied to the target samples: an N×Cs matrix of class
/// probabilities over the Cs source classes (each row sums to 1). Needed by LEEP and NCE.
/// </summary>
public sealed class SourcePredictions
{
    /// <summary>
    /// Tolerance on |Σ_z p_iz − 1| per row. float32 softmax outputs summed over 1000 classes
    /// are off by up to ~1e-5; 1e-3 accepts them while rejecting unnormalised scores.
    /// </summary>
    public const double RowSumTolerance = 1e-3;

    private SourcePredictions(Matrix probabilities) => Probabilities = probabilities;

    /// <summary>N×Cs probabilities, rows renormalised to sum to exactly 1 in float64.</summary>
    public Matrix Probabilities { get; }

    /// <summary>Number of samples, N.</summary>
    public int Count => Probabilities.Rows;

    /// <summary>Number of source classes, Cs.</summary>
    public int SourceClassCount => Probabilities.Columns;

    /// <summary>
    /// Validates probabilities (finite, non-negative, rows summing to 1 within
    /// <see cref="RowSumTolerance"/>) and renormalises each row in float64. Takes ownership of the matrix.
    /// </summary>
    /// <param name="probabilities">N×Cs matrix.</param>
    /// <param name="origin">Name of the file or argument, used in error messages.</param>
    public static SourcePredictions FromProbabilities(Matrix probabilities, string origin = "source probabilities")
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        for (int i = 0; i < probabilities.Rows; i++)
        {
            var row = probabilities.Row(i);
            double sum = 0;
            for (int z = 0; z < row.Length; z++)
            {
                double p = row[z];
                if (!double.IsFinite(p) || p < 0)
                {
                    throw new XferException(string.Format(CultureInfo.InvariantCulture,
                        "{0}: value {1} at row {2}, column {3} is not a probability (must be finite and ≥ 0). Pass logits with --source-logits instead.",
                        origin, p, i, z));
                }

                sum += p;
            }

            if (Math.Abs(sum - 1.0) > RowSumTolerance)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "{0}: row {1} sums to {2:R}, not 1 (tolerance {3}). Pass logits with --source-logits, or normalise the rows.",
                    origin, i, sum, RowSumTolerance));
            }

            for (int z = 0; z < row.Length; z++)
            {
                row[z] /= sum;
            }
        }

        return new SourcePredictions(probabilities);
    }

    /// <summary>Soft-maxes each row of an N×Cs logit matrix (in place, max-shifted for stability).</summary>
    public static SourcePredictions FromLogits(Matrix logits, string origin = "source logits")
    {
        ArgumentNullException.ThrowIfNull(logits);
        for (int i = 0; i < logits.Rows; i++)
        {
            var row = logits.Row(i);
            double max = double.NegativeInfinity;
            for (int z = 0; z < row.Length; z++)
            {
                if (!double.IsFinite(row[z]))
                {
                    throw new XferException(string.Format(CultureInfo.InvariantCulture,
                        "{0}: value {1} at row {2}, column {3} is not finite.", origin, row[z], i, z));
                }

                max = Math.Max(max, row[z]);
            }

            double sum = 0;
            for (int z = 0; z < row.Length; z++)
            {
                row[z] = Math.Exp(row[z] - max);
                sum += row[z];
            }

            for (int z = 0; z < row.Length; z++)
            {
                row[z] /= sum;
            }
        }

        return new SourcePredictions(logits);
    }
}
