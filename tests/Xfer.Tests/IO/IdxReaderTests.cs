using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xfer.IO;
using Xunit;

namespace Xfer.Tests.IO;

/// <summary>IDX files (MNIST layout), plain and gzip, against numpy-written fixtures and the real Fashion-MNIST files.</summary>
public class IdxReaderTests
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    public static IEnumerable<object[]> IdxFiles() => IoFixtures.Section("idx").Select(e => new object[] { e.GetProperty("file").GetString()! });

    [Theory]
    [MemberData(nameof(IdxFiles))]
    public void Idx_fixture_reads_back_exactly(string file)
    {
        var expected = IoFixtures.Entry("idx", file);
        var array = DataFiles.ReadArray(IoFixtures.PathOf(file));
        Assert.Equal(IoFixtures.Shape(expected), array.Shape);
        Assert.Equal(expected.GetProperty("compressed").GetBoolean() ? "idx (gzip)" : "idx", array.Format);
        IoFixtures.AssertIdentical(IoFixtures.Values(expected), array.Values, file);
    }

    [Fact]
    public void Gzip_is_detected_from_the_content_not_the_name()
    {
        string path = IoFixtures.PathOf("idx/gzip-without-extension");
        Assert.Equal(DataFormat.Idx, DataFiles.DetectFormat(path, out bool gzip));
        Assert.True(gzip);
        Assert.Equal([3, 0, 9, 3, 1, 0, 3], DataFiles.ReadArray(path).Values);
    }

    [Fact]
    public void Idx_dtypes_are_big_endian_numpy_type_strings()
    {
        Assert.Equal("|u1", DataFiles.ReadArray(IoFixtures.PathOf("idx/labels-idx1-ubyte")).DType);
        Assert.Equal("|i1", DataFiles.ReadArray(IoFixtures.PathOf("idx/int8-idx1")).DType);
        Assert.Equal(">i2", DataFiles.ReadArray(IoFixtures.PathOf("idx/int16-idx2")).DType);
        Assert.Equal(">i4", DataFiles.ReadArray(IoFixtures.PathOf("idx/int32-idx2")).DType);
        Assert.Equal(">f4", DataFiles.ReadArray(IoFixtures.PathOf("idx/float32-idx2")).DType);
        Assert.Equal(">f8", DataFiles.ReadArray(IoFixtures.PathOf("idx/float64-idx2.gz")).DType);
    }

    [Fact]
    public void Images_flatten_to_rows_and_labels_map_to_classes()
    {
        var m = DataFiles.ReadMatrix(IoFixtures.PathOf("idx/images-idx3-ubyte.gz"), "features");
        Assert.Equal((4, 6), (m.Rows, m.Columns));
        Assert.Equal(11.0, m[0, 1]);
        Assert.Equal((23 * 11) % 256, m[3, 5]);
        var labels = DataFiles.ReadLabels(IoFixtures.PathOf("idx/labels-idx1-ubyte"));
        Assert.Equal(["0", "1", "3", "9"], labels.ClassNames);
        Assert.Equal([2, 0, 3, 2, 1, 0, 2], labels.ToArray());
    }

    [Fact]
    public void Fashion_mnist_labels_have_6000_per_class()
    {
        string path = Path.Combine(FashionMnist, "train-labels-idx1-ubyte.gz");
        if (!File.Exists(path))
        {
            return; // dataset-fashion-mnist not installed (scripts/setup.sh data)
        }

        var labels = DataFiles.ReadLabels(path);
        Assert.Equal(60000, labels.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)), labels.ClassNames);
        Assert.All(labels.Counts, c => Assert.Equal(6000, c));
        Assert.Equal([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], labels.ToArray()[..10]); // numpy: first ten training labels
    }

    [Fact]
    public void Fashion_mnist_test_images_are_10000_by_28_by_28_bytes()
    {
        string path = Path.Combine(FashionMnist, "t10k-images-idx3-ubyte.gz");
        if (!File.Exists(path))
        {
            return;
        }

        var a = DataFiles.ReadArray(path);
        Assert.Equal([10000, 28, 28], a.Shape);
        Assert.Equal("|u1", a.DType);
        Assert.Equal(0.0, a.Values.Min());
        Assert.Equal(255.0, a.Values.Max());

        // Sums computed with numpy from the same file (np.frombuffer(gzip.open(f).read(), np.uint8, offset=16)).
        Assert.Equal(573469082.0, a.Values.Sum());
        Assert.Equal(33456.0, a.Values.AsSpan(0, 784).ToArray().Sum());
        Assert.Equal(24390.0, a.Values.AsSpan(9999 * 784, 784).ToArray().Sum());
        var m = DataFiles.ToMatrix(a, "features");
        Assert.Equal((10000, 784), (m.Rows, m.Columns));
        Assert.Equal(1000, DataFiles.ReadLabels(Path.Combine(FashionMnist, "t10k-labels-idx1-ubyte.gz")).Counts[0]);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Fashion_mnist_training_images_are_60000_by_28_by_28()
    {
        string path = Path.Combine(FashionMnist, "train-images-idx3-ubyte.gz");
        if (!File.Exists(path))
        {
            return;
        }

        var m = DataFiles.ReadMatrix(path, "features");
        Assert.Equal((60000, 784), (m.Rows, m.Columns));
        Assert.Equal(3431114169.0, m.Data.Sum()); // numpy sum over the same file
    }
}
