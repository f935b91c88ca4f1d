using System.Collections.Generic;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.IO;
using Xunit;

namespace Xfer.Tests.IO;

/// <summary>.npz archives written by np.savez (stored) and np.savez_compressed (deflated).</summary>
public class NpzReaderTests
{
    public static IEnumerable<object[]> Members() => IoFixtures.Section("npz")
        .SelectMany(a => a.GetProperty("members").EnumerateArray().Select(m => new object[] { a.GetProperty("file").GetString()!, m.GetProperty("name").GetString()! }));

    [Theory]
    [MemberData(nameof(Members))]
    public void Every_member_reads_back_exactly(string file, string member)
    {
        var archive = IoFixtures.Entry("npz", file);
        var expected = archive.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == member);
        var array = DataFiles.ReadArray(IoFixtures.PathOf(file) + ":" + member);

        Assert.Equal(IoFixtures.PathOf(file) + ":" + member, array.Source);
        Assert.Equal(IoFixtures.Shape(expected), array.Shape);
        Assert.Equal(expected.GetProperty("descr").GetString(), array.DType);
        Assert.Equal(expected.GetProperty("fortran_order").GetBoolean(), array.FortranOrder);
        Assert.EndsWith(archive.GetProperty("compressed").GetBoolean() ? "in npz (deflated)" : "in npz (stored)", array.Format, System.StringComparison.Ordinal);
        IoFixtures.AssertIdentical(IoFixtures.Values(expected), array.Values, file + ":" + member);
    }

    [Fact]
    public void Member_names_are_listed_without_the_npy_suffix()
    {
        Assert.Equal(["features", "labels", "logits"], DataFiles.NpzMembers(IoFixtures.PathOf("npz/deflated.npz")));
        var described = DataFiles.DescribeNpz(IoFixtures.PathOf("npz/deflated.npz"));
        Assert.Equal(["<f4", "<i8", ">f8"], described.Select(m => m.Header.Descr));
        Assert.All(described, m => Assert.True(m.Compressed));
        Assert.All(DataFiles.DescribeNpz(IoFixtures.PathOf("npz/stored.npz")), m => Assert.False(m.Compressed));
        Assert.Equal([6, 4], described[2].Header.Shape);
    }

    [Fact]
    public void Member_may_be_named_with_its_npy_suffix_or_in_another_case()
    {
        string path = IoFixtures.PathOf("npz/stored.npz");
        Assert.Equal([6], DataFiles.ReadArray(path + ":labels.npy").Shape);
        Assert.Equal([6, 4], DataFiles.ReadArray(path + ":LOGITS").Shape);
    }

    [Fact]
    public void Without_a_name_the_role_picks_the_conventional_member()
    {
        string path = IoFixtures.PathOf("npz/stored.npz");
        var features = DataFiles.ReadMatrix(path, "features");
        Assert.Equal((6, 3), (features.Rows, features.Columns));
        Assert.Equal(-3.0, features[0, 0]);
        var labels = DataFiles.ReadLabels(path);
        Assert.Equal([0, 1, 2, 2, 1, 0], labels.ToArray());
        var logits = DataFiles.ReadMatrix(path, "source logits");
        Assert.Equal((6, 4), (logits.Rows, logits.Columns));

        string xy = IoFixtures.PathOf("npz/xy.npz");
        Assert.Equal(3, DataFiles.ReadMatrix(xy, "features").Columns);
        Assert.Equal(3, DataFiles.ReadLabels(xy).ClassCount);
    }

    [Fact]
    public void Single_member_archive_needs_no_name()
    {
        var m = DataFiles.ReadMatrix(IoFixtures.PathOf("npz/single.npz"), "features");
        Assert.Equal((6, 3), (m.Rows, m.Columns));
        Assert.Equal(["arr_0"], DataFiles.NpzMembers(IoFixtures.PathOf("npz/single.npz")));
    }

    [Fact]
    public void Ambiguous_archive_asks_for_a_name()
    {
        string path = IoFixtures.PathOf("npz/ambiguous.npz");
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadMatrix(path, "features"));
        Assert.Equal(path + ": array name needed: the archive has members a, b, c; use " + path + ":a (a member named features, feature, feats, x would be picked automatically).", e.Message);
        var any = Assert.Throws<InputFileException>(() => DataFiles.ReadArray(path));
        Assert.Equal(path + ": array name needed: the archive has members a, b, c; use " + path + ":a.", any.Message);
    }

    [Fact]
    public void Missing_member_lists_the_available_ones()
    {
        string path = IoFixtures.PathOf("npz/deflated.npz");
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadLabels(path + ":targets"));
        Assert.Equal(path + ": no array named 'targets' in the archive. Available: features, labels, logits.", e.Message);
    }

    [Fact]
    public void Member_selector_on_a_plain_npy_file_is_an_error()
    {
        string path = IoFixtures.PathOf("npy/f8_le_C_v1.npy");
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadArray(path + ":features"));
        Assert.Equal(path + ": ':features' selects an array inside an .npz archive, but this is a .npy file; drop ':features'.", e.Message);
    }
}
