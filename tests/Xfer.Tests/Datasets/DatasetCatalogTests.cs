using System;
using System.IO;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.IO.Datasets;
using Xunit;

namespace Xfer.Tests.Datasets;

public class DatasetCatalogTests
{
    [Fact]
    public void Parse_reads_name_and_split()
    {
        Assert.Equal(new DatasetRequest("fashion-mnist", "test"), DatasetCatalog.Parse("fashion-mnist:test"));
        Assert.Equal(new DatasetRequest("breast-cancer", "train"), DatasetCatalog.Parse(" Breast_Cancer "));
        Assert.Equal(new DatasetRequest("digits", "all"), DatasetCatalog.Parse("digits:ALL"));
        var e = Assert.Throws<XferException>(() => DatasetCatalog.Parse("cifar10"));
        Assert.Contains("fashion-mnist, digits, iris, wine, breast-cancer", e.Message, StringComparison.Ordinal);
        Assert.Contains("use train, test or all", Assert.Throws<XferException>(() => DatasetCatalog.Parse("iris:val")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_class_lists_and_limits_are_user_errors()
    {
        Assert.Contains("classes are 0..2", Assert.Throws<XferException>(() => DatasetCatalog.Load(new DatasetRequest("iris", "all", [0, 3]))).Message, StringComparison.Ordinal);
        Assert.Contains("without repeats", Assert.Throws<XferException>(() => DatasetCatalog.Load(new DatasetRequest("iris", "all", [1, 1]))).Message, StringComparison.Ordinal);
        Assert.Contains("smaller than the 10 classes", Assert.Throws<XferException>(() => DatasetCatalog.Load(new DatasetRequest("digits", "all", Limit: 5))).Message, StringComparison.Ordinal);
    }

    [DatasetFact("fashion-mnist")]
    public void Fashion_mnist_test_split_has_1000_images_per_class()
    {
        var d = DatasetCatalog.Load(DatasetCatalog.Parse("fashion-mnist:test"));
        Assert.Equal(10000, d.Labels.Count);
        Assert.All(d.Labels.Counts, c => Assert.Equal(1000, c));
        Assert.Equal("Ankle boot", d.Labels.ClassNames[d.Labels[0]]); // test image 0 is class 9
        var images = d.Images!;
        Assert.Equal((10000, 28, 28, 1, 255.0), (images.Count, images.Height, images.Width, images.Channels, images.MaxValue));
        Assert.Equal((10000, 784), (d.Features.Rows, d.Features.Columns));
        Assert.Equal(images.Pixels.Select(p => (double)p), d.Features.Data);
        Assert.InRange(images.Pixels.Max(), 255f, 255f);
    }

    [DatasetFact("fashion-mnist")]
    [Trait("Category", "Slow")]
    public void Fashion_mnist_train_split_has_6000_images_per_class()
    {
        var d = DatasetCatalog.Load(new DatasetRequest("fashion-mnist", "train"));
        Assert.Equal(60000, d.Labels.Count);
        Assert.All(d.Labels.Counts, c => Assert.Equal(6000, c));
    }

    [DatasetFact("fashion-mnist")]
    public void Class_subset_keeps_listed_classes_relabelled_in_order()
    {
        var all = DatasetCatalog.Load(new DatasetRequest("fashion-mnist", "test"));
        var sub = DatasetCatalog.Load(new DatasetRequest("fashion-mnist", "test", Classes: [7, 2]));
        Assert.Equal(["Sneaker", "Pullover"], sub.Labels.ClassNames);
        Assert.Equal([1000, 1000], sub.Labels.Counts);
        // The subset is the full split's class-7 and class-2 images in file order, with 7 → 0 and 2 → 1.
        var rows = Enumerable.Range(0, all.Labels.Count).Where(i => all.Labels[i] is 7 or 2).ToArray();
        for (int j = 0; j < rows.Length; j += 97)
        {
            Assert.Equal(all.Labels[rows[j]] == 7 ? 0 : 1, sub.Labels[j]);
            Assert.Equal(all.Features.Row(rows[j]).ToArray(), sub.Features.Row(j).ToArray());
        }

        var limited = DatasetCatalog.Load(new DatasetRequest("fashion-mnist", "test", Classes: [7, 2], Limit: 15, Seed: 3));
        Assert.Equal([8, 7], limited.Labels.Counts); // one each, then 13 over [999, 999]: 6 r 999 each → class 0 first
        Assert.Contains("subsample of 15 (seed 3)", limited.Description, StringComparison.Ordinal);
    }

    [DatasetFact("digits")]
    public void Digits_split_is_stratified_and_disjoint()
    {
        var all = DatasetCatalog.Load(new DatasetRequest("digits", "all"));
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], all.Labels.Counts); // sklearn load_digits
        Assert.Equal((8, 8, 16.0), (all.Images!.Height, all.Images.Width, all.Images.MaxValue));
        Assert.Equal(16f, all.Images.Pixels.Max());
        var train = DatasetCatalog.Load(new DatasetRequest("digits", "train", Seed: 1));
        var test = DatasetCatalog.Load(new DatasetRequest("digits", "test", Seed: 1));
        Assert.Equal(450, test.Labels.Count); // ⌈0.25·1797⌉
        Assert.Equal(1347, train.Labels.Count);
        Assert.Equal([45, 46, 44, 46, 45, 46, 45, 45, 43, 45], test.Labels.Counts); // see DatasetSamplingTests
        // Train and test partition the samples: together they hold every row of the dataset exactly as often.
        static string Key(ReadOnlySpan<double> row) => string.Join(",", row.ToArray());
        var whole = Enumerable.Range(0, all.Features.Rows).Select(i => Key(all.Features.Row(i))).Order().ToArray();
        var parts = Enumerable.Range(0, train.Features.Rows).Select(i => Key(train.Features.Row(i)))
            .Concat(Enumerable.Range(0, test.Features.Rows).Select(i => Key(test.Features.Row(i)))).Order().ToArray();
        Assert.Equal(whole, parts);
        Assert.NotEqual(test.Features.Data, DatasetCatalog.Load(new DatasetRequest("digits", "test", Seed: 2)).Features.Data);
    }

    [DatasetFact("digits")]
    public void Subsampling_is_deterministic_for_a_seed()
    {
        var a = DatasetCatalog.Load(new DatasetRequest("digits", "all", Limit: 37, Seed: 9));
        var b = DatasetCatalog.Load(new DatasetRequest("digits", "all", Limit: 37, Seed: 9));
        var c = DatasetCatalog.Load(new DatasetRequest("digits", "all", Limit: 37, Seed: 10));
        Assert.Equal(a.Features.Data, b.Features.Data);
        Assert.Equal(a.Labels.Indices.ToArray(), b.Labels.Indices.ToArray());
        Assert.NotEqual(a.Features.Data, c.Features.Data);
        // One per class, then 27 over the remaining 1787 in proportion (largest remainders).
        Assert.Equal([3, 4, 3, 4, 4, 4, 4, 4, 3, 4], a.Labels.Counts);
    }

    [DatasetFact("iris", "wine", "breast-cancer")]
    public void Tabular_datasets_match_scikit_learn()
    {
        var iris = DatasetCatalog.Load(new DatasetRequest("iris", "all"));
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.Labels.ClassNames);
        Assert.Equal([50, 50, 50], iris.Labels.Counts);
        Assert.Equal([5.1, 3.5, 1.4, 0.2], iris.Features.Row(0).ToArray());
        Assert.Null(iris.Images);
        var wine = DatasetCatalog.Load(new DatasetRequest("wine", "all"));
        Assert.Equal([59, 71, 48], wine.Labels.Counts);
        Assert.Equal(13, wine.Features.Columns);
        var cancer = DatasetCatalog.Load(new DatasetRequest("breast-cancer", "all"));
        Assert.Equal(["malignant", "benign"], cancer.Labels.ClassNames);
        Assert.Equal([212, 357], cancer.Labels.Counts);
        Assert.Equal(30, cancer.Features.Columns);
        var irisTest = DatasetCatalog.Load(new DatasetRequest("iris", "test"));
        Assert.Equal(38, irisTest.Labels.Count); // ⌈0.25·150⌉
        Assert.Equal([13, 13, 12], irisTest.Labels.Counts); // 12.67 each → 12 + remainders to classes 0, 1
    }
}

[CollectionDefinition(nameof(CacheEnvironment), DisableParallelization = true)]
public sealed class CacheEnvironment;

[Collection(nameof(CacheEnvironment))]
public class MissingDatasetTests
{
    [Fact]
    public void Missing_files_say_how_to_get_them()
    {
        string? previous = Environment.GetEnvironmentVariable("XFER_CACHE");
        string empty = Path.Combine(Path.GetTempPath(), "xfer-empty-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            Environment.SetEnvironmentVariable("XFER_CACHE", empty);
            var e = Assert.Throws<XferException>(() => DatasetCatalog.Load(new DatasetRequest("iris", "all")));
            Assert.Contains("run scripts/setup.sh data", e.Message, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(empty, "sklearn-data", "iris.csv"), e.Message, StringComparison.Ordinal);
            Assert.NotNull(DatasetCatalog.Unavailable("wine"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XFER_CACHE", previous);
        }
    }
}
