using Xfer.Core;
using Xunit;

namespace Xfer.Tests.Core;

public class ClassLabelsTests
{
    [Fact]
    public void Integer_labels_with_gaps_map_to_contiguous_sorted_indices()
    {
        var labels = ClassLabels.FromIntegers([7, 1, 3, 7, 1]);
        Assert.Equal(3, labels.ClassCount);
        Assert.Equal(["1", "3", "7"], labels.ClassNames);
        Assert.Equal([2, 0, 1, 2, 0], labels.ToArray());
        Assert.Equal([2, 1, 2], labels.Counts);
    }

    [Fact]
    public void String_labels_map_in_ordinal_order()
    {
        var labels = ClassLabels.FromStrings(["virginica", "setosa", "versicolor", "setosa"]);
        Assert.Equal(["setosa", "versicolor", "virginica"], labels.ClassNames);
        Assert.Equal([2, 0, 1, 0], labels.ToArray());
    }

    [Fact]
    public void From_indices_rejects_a_missing_class()
    {
        var e = Assert.Throws<System.ArgumentException>(() => ClassLabels.FromIndices([0, 2, 2], ["a", "b", "c"]));
        Assert.Contains("class 1 has no samples", e.Message, System.StringComparison.Ordinal);
    }
}
