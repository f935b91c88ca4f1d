using System;

namespace Xfer.Analysis.Pge;

/// <summary>
/// Maps the shared layer's gradient (W₁: D×H row-major, element (i, j) at i·H + j; b₁: H) to the signature's order, in which
/// every weight unit is one contiguous block: per tensor, [W₁ (D·H) | b₁ (H)]; per neuron, for each hidden unit j,
/// [W₁[·, j] (D) | b₁[j]]. The bias parts are present only when biases are included.
/// </summary>
internal sealed class PgeUnitLayout
{
    private PgeUnitLayout(int inputs, int hidden, PgeWeightUnit units, bool biases)
    {
        Inputs = inputs;
        Hidden = hidden;
        Units = units;
        Biases = biases;
        UnitLengths = units == PgeWeightUnit.Tensor
            ? (biases ? [inputs * hidden, hidden] : [inputs * hidden])
            : Fill(hidden, inputs + (biases ? 1 : 0));
        Offsets = new int[UnitLengths.Length + 1];
        for (int u = 0; u < UnitLengths.Length; u++)
        {
            Offsets[u + 1] = Offsets[u] + UnitLengths[u];
        }
    }

    public int Inputs { get; }

    public int Hidden { get; }

    public PgeWeightUnit Units { get; }

    public bool Biases { get; }

    /// <summary>Length of each unit, in signature order.</summary>
    public int[] UnitLengths { get; }

    /// <summary>Start of each unit in the signature vector, plus the total length at the end.</summary>
    public int[] Offsets { get; }

    public int UnitCount => UnitLengths.Length;

    public int Length => Offsets[^1];

    public static PgeUnitLayout Create(int inputs, int hidden, PgeOptions options) => new(inputs, hidden, options.Units, options.IncludeBiases);

    /// <summary>Writes the gradient (<paramref name="w1"/>, <paramref name="b1"/>) into <paramref name="destination"/> in signature order.</summary>
    public void Gather(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, Span<double> destination)
    {
        int d = Inputs, h = Hidden;
        if (Units == PgeWeightUnit.Tensor)
        {
            w1[..(d * h)].CopyTo(destination);
            if (Biases)
            {
                b1[..h].CopyTo(destination[(d * h)..]);
            }

            return;
        }

        int stride = d + (Biases ? 1 : 0);
        for (int j = 0; j < h; j++)
        {
            var unit = destination.Slice(j * stride, stride);
            for (int i = 0; i < d; i++)
            {
                unit[i] = w1[(i * h) + j];
            }

            if (Biases)
            {
                unit[d] = b1[j];
            }
        }
    }

    private static int[] Fill(int count, int value)
    {
        var a = new int[count];
        Array.Fill(a, value);
        return a;
    }
}
