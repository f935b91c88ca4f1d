using System;
using System.Collections.Generic;
using Xfer.Core;

namespace Xfer.Numerics.Statistics;

/// <summary>Seeded, class-stratified train/test splits and cross-validation folds.</summary>
public static class StratifiedSampling
{
    /// <summary>
    /// Assigns each sample to one of <paramref name="folds"/> folds so every class is spread as evenly as possible: the samples
    /// of each class (classes in index order) are shuffled with one seeded generator and dealt round-robin, the dealing
    /// continuing from where the previous class stopped, so fold sizes differ by at most one overall and within each class.
    /// </summary>
    /// <returns>The fold (0..k−1) of each sample.</returns>
    public static int[] Folds(ReadOnlySpan<int> labels, int classCount, int folds, int seed)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least 2 folds.");
        }

        if (labels.Length < folds)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"{labels.Length} samples cannot fill {folds} folds.");
        }

        var rng = new SeededRandom(seed);
        var fold = new int[labels.Length];
        int next = 0;
        foreach (var members in ByClass(labels, classCount))
        {
            rng.Shuffle(members.AsSpan());
            foreach (int i in members)
            {
                fold[i] = next;
                next = (next + 1) % folds;
            }
        }

        return fold;
    }

    /// <summary>
    /// Splits samples into train and test: per class, round(f·n_c) shuffled samples (seeded) go to test, but at least one sample
    /// of every class stays in train. Both index lists are returned in increasing order.
    /// </summary>
    public static (int[] Train, int[] Test) Split(ReadOnlySpan<int> labels, int classCount, double testFraction, int seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must lie strictly between 0 and 1.");
        }

        var rng = new SeededRandom(seed);
        var isTest = new bool[labels.Length];
        foreach (var members in ByClass(labels, classCount))
        {
            rng.Shuffle(members.AsSpan());
            int take = (int)Math.Round(testFraction * members.Length, MidpointRounding.AwayFromZero);
            take = Math.Min(take, members.Length - 1);
            for (int t = 0; t < take; t++)
            {
                isTest[members[t]] = true;
            }
        }

        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < isTest.Length; i++)
        {
            (isTest[i] ? test : train).Add(i);
        }

        return (train.ToArray(), test.ToArray());
    }

    private static int[][] ByClass(ReadOnlySpan<int> labels, int classCount)
    {
        var lists = new List<int>[classCount];
        for (int k = 0; k < classCount; k++)
        {
            lists[k] = [];
        }

        for (int i = 0; i < labels.Length; i++)
        {
            lists[labels[i]].Add(i);
        }

        return Array.ConvertAll(lists, l => l.ToArray());
    }
}
