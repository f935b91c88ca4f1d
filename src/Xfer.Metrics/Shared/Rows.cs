using System;
using Xfer.Core;

namespace Xfer.Metrics.Shared;

/// <summary>Row-wise softmax and log-sum-exp.</summary>
internal static class Rows
{
    /// <summary>Replaces each row s by softmax(s) = exp(s − max s)/Σ exp(s − max s).</summary>
    public static void SoftmaxInPlace(Matrix scores)
    {
        for (int i = 0; i < scores.Rows; i++)
        {
            var row = scores.Row(i);
            double max = double.NegativeInfinity;
            foreach (double v in row)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = Math.Exp(row[j] - max);
                sum += row[j];
            }

            for (int j = 0; j < row.Length; j++)
            {
                row[j] /= sum;
            }
        }
    }

    /// <summary>log Σ_j exp(v_j), shifted by the maximum so it neither overflows nor underflows.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>mean_i P[i, y_i]: the average probability of the true class.</summary>
    public static double MeanTrueClassProbability(Matrix probabilities, ClassLabels labels)
    {
        double s = 0;
        for (int i = 0; i < probabilities.Rows; i++)
        {
            s += probabilities[i, labels[i]];
        }

        return s / probabilities.Rows;
    }
}
