using System;
using Xfer.Core;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>
/// Class-stratified batches as the official <c>get_set_based_on_prior_with_clss</c> (utils.py l.650–671): for each class c,
/// shuffle its sample list in place (the shuffle persists across calls) and take the first min(n_c, ⌊M·p_c⌋) samples.
/// The official function then shuffles the batch order; the order does not change the transport problem, so it is skipped.
/// </summary>
public sealed class PriorBatchSampler
{
    private readonly int[][] _members;
    private readonly SeededRandom _rng;

    /// <summary>Creates a sampler over <paramref name="labels"/> (class indices 0..C−1, every class present).</summary>
    public PriorBatchSampler(int[] labels, int classes, SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _rng = rng ?? throw new ArgumentNullException(nameof(rng));
        _members = ClassLabels.FromIndices(labels, ClassNames(classes)).SamplesByClass();
    }

    /// <summary>Samples available per class.</summary>
    public int Available(int c) => _members[c].Length;

    /// <summary>Official per-class counts min(n_c, ⌊M·p_c⌋) into <paramref name="counts"/>; returns their total.</summary>
    public int Counts(ReadOnlySpan<double> prior, int batchSize, Span<int> counts)
    {
        int total = 0;
        for (int c = 0; c < _members.Length; c++)
        {
            counts[c] = (int)Math.Min(_members[c].Length, Math.Floor(batchSize * prior[c]));
            total += counts[c];
        }

        return total;
    }

    /// <summary>Draws counts[c] samples of each class (class-major order) into <paramref name="indices"/> and their classes into <paramref name="classes"/>.</summary>
    public void Draw(ReadOnlySpan<int> counts, Span<int> indices, Span<int> classes)
    {
        int w = 0;
        for (int c = 0; c < _members.Length; c++)
        {
            var list = _members[c];
            _rng.Shuffle(list.AsSpan());
            for (int k = 0; k < counts[c]; k++)
            {
                indices[w] = list[k];
                classes[w] = c;
                w++;
            }
        }
    }

    /// <summary>
    /// Removes samples from the larger of two batches until both have the same size, each time from the class whose
    /// count most exceeds its share of the reduced size (the <see cref="BatchSizing.Equal"/> option).
    /// </summary>
    public static void Equalise(Span<int> sourceCounts, ReadOnlySpan<double> sourcePrior, Span<int> targetCounts, ReadOnlySpan<double> targetPrior)
    {
        int ns = Sum(sourceCounts), nt = Sum(targetCounts);
        if (ns > nt)
        {
            Trim(sourceCounts, sourcePrior, nt);
        }
        else if (nt > ns)
        {
            Trim(targetCounts, targetPrior, ns);
        }
    }

    private static void Trim(Span<int> counts, ReadOnlySpan<double> prior, int size)
    {
        while (Sum(counts) > size)
        {
            int best = -1;
            double bestExcess = double.NegativeInfinity;
            for (int c = 0; c < counts.Length; c++)
            {
                double excess = counts[c] - (size * prior[c]);
                if (counts[c] > 0 && excess > bestExcess)
                {
                    bestExcess = excess;
                    best = c;
                }
            }

            counts[best]--;
        }
    }

    private static int Sum(ReadOnlySpan<int> x)
    {
        int s = 0;
        foreach (int v in x)
        {
            s += v;
        }

        return s;
    }

    private static string[] ClassNames(int classes)
    {
        var names = new string[classes];
        for (int c = 0; c < classes; c++)
        {
            names[c] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }
}
