using System;
using System.Linq;
using Xfer.IO.Datasets;
using Xunit;

namespace Xfer.Tests.Datasets;

public class DatasetSamplingTests
{
    [Fact]
    public void Allocation_is_proportional_with_largest_remainders()
    {
        // 5 of [5, 3, 2] (N = 10): exact shares 2.5, 1.5, 1.0 → floors [2, 1, 1]; remainders 0.5, 0.5, 0 → the tie goes
        // to the lower class → [3, 1, 1].
        Assert.Equal([3, 1, 1], DatasetSampling.Allocate([5, 3, 2], 5, atLeastOne: false));
        // scikit-learn digits (counts per class below), test = ⌈0.25·1797⌉ = 450: shares 450·n_k/1797 floor to
        // [44, 45, 44, 45, 45, 45, 45, 44, 43, 45] (445); the remainders 450·n_k mod 1797 are largest for classes
        // 3 (1485), 7 (1482), 1 and 5 (1035), 0 (1032) → one more each.
        int[] digits = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];
        Assert.Equal([45, 46, 44, 46, 45, 46, 45, 45, 43, 45], DatasetSampling.Allocate(digits, 450, atLeastOne: false));
    }

    [Fact]
    public void Allocation_with_a_minimum_gives_every_class_one_sample_first()
    {
        // [8, 1, 1], 5: one each, then 2 over the remaining room [7, 0, 0] → [3, 1, 1].
        Assert.Equal([3, 1, 1], DatasetSampling.Allocate([8, 1, 1], 5, atLeastOne: true));
        // Iris, 7 of [50, 50, 50]: one each, then 4 over [49, 49, 49]: 1 each and the remainder to class 0.
        Assert.Equal([3, 2, 2], DatasetSampling.Allocate([50, 50, 50], 7, atLeastOne: true));
        // Breast cancer, 10 of [212, 357]: one each, then 8 over [211, 356] (567): 8·211 = 1688 → 2 r 554; 8·356 = 2848
        // → 5 r 13; the last one goes to class 0 → [4, 6].
        Assert.Equal([4, 6], DatasetSampling.Allocate([212, 357], 10, atLeastOne: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSampling.Allocate([5, 5, 5], 2, atLeastOne: true));
    }

    [Fact]
    public void Stratified_split_partitions_the_samples_deterministically()
    {
        var classes = Enumerable.Range(0, 103).Select(i => i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 2).ToArray();
        var (train, test) = DatasetSampling.StratifiedSplit(classes, 3, 0.25, seed: 11);
        Assert.Equal(26, test.Length); // ⌈0.25·103⌉
        Assert.Equal(Enumerable.Range(0, 103), train.Concat(test).Order());
        Assert.Equal(train.Order(), train);
        var again = DatasetSampling.StratifiedSplit(classes, 3, 0.25, seed: 11);
        Assert.Equal(test, again.Test);
        Assert.NotEqual(test, DatasetSampling.StratifiedSplit(classes, 3, 0.25, seed: 12).Test);
        // Class sizes 35, 34, 34: shares of 26 are 8.83, 8.58, 8.58 → [8, 8, 8] + 2 by remainder → [9, 9, 8].
        Assert.Equal([9, 9, 8], test.GroupBy(i => classes[i]).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Subsample_is_stratified_sorted_and_seeded()
    {
        var classes = Enumerable.Range(0, 40).Select(i => i < 30 ? 0 : 1).ToArray();
        var a = DatasetSampling.StratifiedSubsample(classes, 2, 8, seed: 5);
        Assert.Equal(a, DatasetSampling.StratifiedSubsample(classes, 2, 8, seed: 5));
        Assert.Equal(a.Order(), a);
        Assert.Equal(8, a.Distinct().Count());
        // One each, then 6 over [29, 9]: 6·29 = 174 → 4 r 24 (of 38), 6·9 = 54 → 1 r 16 → class 0 gets the last → [6, 2].
        Assert.Equal(6, a.Count(i => classes[i] == 0));
        Assert.NotEqual(a, DatasetSampling.StratifiedSubsample(classes, 2, 8, seed: 6));
    }
}
