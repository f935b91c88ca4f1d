using System;
using System.Collections.Generic;

namespace Xfer.Analysis.Pge;

/// <summary>
/// A task's PGE signature: for every weight unit u of the shared probe layer, its principal gradient ĝ_u normalised to unit
/// length (a zero vector when the unit's gradient vanished on this task), concatenated in unit order.
/// </summary>
/// <param name="Name">The task's name (for reports; not part of the signature's identity).</param>
/// <param name="Options">The settings it was computed with (<see cref="PgeOptions.SignatureSettings"/> must match to compare).</param>
/// <param name="FeatureDimension">D, the input dimension of the shared layer.</param>
/// <param name="SampleCount">N, the task's samples.</param>
/// <param name="ClassCount">C, the task's classes (the head's width; not part of the signature).</param>
/// <param name="UnitLengths">Length of each unit's block in <see cref="Vector"/>.</param>
/// <param name="Vector">The normalised units, concatenated.</param>
/// <param name="UnitNorms">‖·‖₂ of each unit's vector before normalisation (the norm of the expectation, whichever direction is used; 0 for a degenerate unit).</param>
/// <param name="MeanBatchLoss">Mean cross-entropy over all R·T batches (nats): low values mean the head fitted the task.</param>
/// <param name="DataHash">SHA-256 of the features, labels and settings (the cache key), or empty.</param>
/// <param name="Seconds">Wall time of the computation.</param>
public sealed record PgeSignature(
    string Name,
    PgeOptions Options,
    int FeatureDimension,
    int SampleCount,
    int ClassCount,
    IReadOnlyList<int> UnitLengths,
    double[] Vector,
    double[] UnitNorms,
    double MeanBatchLoss,
    string DataHash,
    double Seconds)
{
    /// <summary>Number of weight units U.</summary>
    public int UnitCount => UnitLengths.Count;

    /// <summary>Units whose gradient was exactly zero on this task (left as zero vectors).</summary>
    public int DegenerateUnits
    {
        get
        {
            int n = 0;
            foreach (double v in UnitNorms)
            {
                n += v > 0 ? 0 : 1;
            }

            return n;
        }
    }

    /// <summary>The block of unit <paramref name="u"/> in <see cref="Vector"/>.</summary>
    public ReadOnlySpan<double> Unit(int u)
    {
        int offset = 0;
        for (int k = 0; k < u; k++)
        {
            offset += UnitLengths[k];
        }

        return Vector.AsSpan(offset, UnitLengths[u]);
    }
}
