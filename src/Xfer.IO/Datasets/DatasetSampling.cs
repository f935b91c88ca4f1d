using System;
using System.Collections.Generic;
using System.Linq;
using Xfer.Core;

namespace Xfer.IO.Datasets;

/// <summary>
/// Seeded, class-stratified selection of samples: train/test splits for datasets without an official split, and
/// subsampling to a limit. Both allocate per-class counts proportionally by the largest-remainder method and pick the
/// samples of each class with a seeded Fisher–Yates permutation; chosen samples keep their original order.
/// </summary>
public static class DatasetSampling
{
    /// <summary>Fraction of each class held out as the test split of datasets without an official split (scikit-learn's
    /// <c>train_test_split</c> default <c>test_size = 0.25</c>; the test size is ⌈0.25·N⌉, as there).</summary>
    public const double TestFraction = 0.25;

    /// <summary>
    /// Per-class counts that sum to <paramref name="total"/>, proportional to <paramref name="classCounts"/>:
    /// ⌊total·n_k/N⌋ each, then one more for the classes with the largest remainders (ties: lower class index), never
    /// more than n_k. When <paramref name="atLeastOne"/>, every class first gets one sample (total must be ≥ C).
    /// </summary>
    public static int[] Allocate(IReadOnlyList<int> classCounts, int total, bool atLeastOne)
    {
        ArgumentNullException.ThrowIfNull(classCounts);
        int c = classCounts.Count;
        long n = classCounts.Sum(k => (long)k);
        if (total < 0 || total > n)
        {
            throw new ArgumentOutOfRangeException(nameof(total), "total must be between 0 and the number of samples");
        }

        var quota = new int[c];
        int reserved = 0;
        if (atLeastOne)
        {
            if (total < c)
            {
                throw new ArgumentOutOfRangeException(nameof(total), "total must be at least the number of classes");
            }

            for (int k = 0; k < c; k++)
            {
                quota[k] = Math.Min(1, classCounts[k]);
                reserved += quota[k];
            }
        }

        // Proportional shares of what is left, computed on the remaining capacities.
        int remaining = total - reserved;
        long capacity = n - reserved;
        var remainders = new (long Numerator, int Class)[c];
        int given = 0;
        for (int k = 0; k < c; k++)
        {
            long room = classCounts[k] - quota[k];
            long share = capacity == 0 ? 0 : room * remaining;
            int whole = (int)(share / Math.Max(capacity, 1));
            quota[k] += whole;
            given += whole;
            remainders[k] = (capacity == 0 ? 0 : share % capacity, k);
        }

        foreach (var (_, k) in remainders.OrderByDescending(r => r.Numerator).ThenBy(r => r.Class))
        {
            if (given == remaining)
            {
                break;
            }

            if (quota[k] < classCounts[k])
            {
                quota[k]++;
                given++;
            }
        }

        return quota;
    }

    /// <summary>
    /// Splits sample indices into (train, test), stratified by class: class k puts its allocated share of ⌈fraction·N⌉
    /// samples, chosen by a permutation seeded with <paramref name="seed"/>, into test. Both lists are in sample order.
    /// </summary>
    public static (int[] Train, int[] Test) StratifiedSplit(ReadOnlySpan<int> classOfSample, int classCount, double testFraction, int seed)
    {
        var byClass = GroupByClass(classOfSample, classCount);
        int n = classOfSample.Length;
        int testTotal = (int)Math.Ceiling(testFraction * n);
        var testCounts = Allocate(byClass.Select(g => g.Length).ToArray(), testTotal, atLeastOne: false);
        var rng = new SeededRandom(seed);
        var isTest = new bool[n];
        for (int k = 0; k < classCount; k++)
        {
            var perm = rng.Permutation(byClass[k].Length);
            for (int j = 0; j < testCounts[k]; j++)
            {
                isTest[byClass[k][perm[j]]] = true;
            }
        }

        return (Enumerable.Range(0, n).Where(i => !isTest[i]).ToArray(), Enumerable.Range(0, n).Where(i => isTest[i]).ToArray());
    }

    /// <summary>
    /// Keeps <paramref name="limit"/> samples, class-stratified (every present class keeps at least one): positions into
    /// <paramref name="classOfSample"/>, in increasing order.
    /// </summary>
    public static int[] StratifiedSubsample(ReadOnlySpan<int> classOfSample, int classCount, int limit, int seed)
    {
        var byClass = GroupByClass(classOfSample, classCount);
        var counts = Allocate(byClass.Select(g => g.Length).ToArray(), Math.Min(limit, classOfSample.Length), atLeastOne: true);
        var rng = new SeededRandom(seed);
        var keep = new List<int>(limit);
        for (int k = 0; k < classCount; k++)
        {
            var perm = rng.Permutation(byClass[k].Length);
            for (int j = 0; j < counts[k]; j++)
            {
                keep.Add(byClass[k][perm[j]]);
            }
        }

        keep.Sort();
        return [.. keep];
    }

    private static int[][] GroupByClass(ReadOnlySpan<int> classOfSample, int classCount)
    {
        var lists = Enumerable.Range(0, classCount).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < classOfSample.Length; i++)
        {
            lists[classOfSample[i]].Add(i);
        }

        return lists.Select(l => l.ToArray()).ToArray();
    }
}
