using System.IO;
using Xfer.Core.Errors;
using Xfer.IO;
using Xunit;

namespace Xfer.Tests.IO;

/// <summary>The shape and value rules of <see cref="DataFiles.ReadMatrix"/> and <see cref="DataFiles.ReadLabels"/>.</summary>
public class DataFilesTests
{
    private static string Npy(string name) => IoFixtures.PathOf("npy/" + name);

    [Fact]
    public void Matrix_from_a_2d_array_keeps_its_shape_and_values()
    {
        var m = DataFiles.ReadMatrix(Npy("wide_f4.npy"), "features");
        Assert.Equal((5, 8), (m.Rows, m.Columns));
        Assert.Equal(-5.0, m[0, 0]);
        Assert.Equal(4.75, m[4, 7]);
    }

    [Fact]
    public void Higher_rank_arrays_flatten_after_the_first_axis()
    {
        var m = DataFiles.ReadMatrix(Npy("cube_i2_be_F.npy"), "features");
        Assert.Equal((2, 12), (m.Rows, m.Columns));
        Assert.Equal((23 * 37) - 400, m[1, 11]);
        Assert.Equal((5 * 37) - 400, m[0, 5]); // element (0, 1, 1) of the 2×3×4 cube = flat index 5
        var t = DataFiles.ReadMatrix(Npy("tesseract_u2_F.npy"), "features");
        Assert.Equal((2, 6), (t.Rows, t.Columns));
        Assert.Equal(11000.0, t[1, 5]);
    }

    [Fact]
    public void Empty_matrix_keeps_its_column_count()
    {
        var m = DataFiles.ReadMatrix(Npy("empty_f4.npy"), "features");
        Assert.Equal((0, 3), (m.Rows, m.Columns));
    }

    [Fact]
    public void One_dimensional_or_scalar_features_are_rejected()
    {
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadMatrix(Npy("vector_i8.npy"), "features"));
        Assert.Equal(Npy("vector_i8.npy") + ": features must be a 2-D array (N×D), but this array is 1-D with shape (5,); it looks like labels.", e.Message);
        var s = Assert.Throws<InputFileException>(() => DataFiles.ReadMatrix(Npy("scalar_f8.npy"), "source probabilities"));
        Assert.Equal(Npy("scalar_f8.npy") + ": source probabilities must be a 2-D array (N×D), but this array is 0-d (a single number).", s.Message);
    }

    [Fact]
    public void Labels_from_integer_bool_column_and_integral_float_arrays()
    {
        var ints = DataFiles.ReadLabels(Npy("vector_i8.npy"));
        Assert.Equal(["-3", "0", "2", "5", "7"], ints.ClassNames);
        Assert.Equal([3, 0, 1, 4, 2], ints.ToArray());
        var column = DataFiles.ReadLabels(Npy("column_i4.npy"));
        Assert.Equal([1, 0, 2, 1], column.ToArray());
        var floats = DataFiles.ReadLabels(Npy("labels_f4_integral.npy"));
        Assert.Equal([0, 1, 2, 1, 0, 2], floats.ToArray());
        var bools = DataFiles.ReadLabels(Npy("labels_b1.npy"));
        Assert.Equal([1, 0, 0, 1, 1], bools.ToArray());
        Assert.Equal([2, 3], bools.Counts);
    }

    [Fact]
    public void Fractional_nan_huge_and_matrix_labels_are_rejected()
    {
        var frac = Assert.Throws<InputFileException>(() => DataFiles.ReadLabels(Npy("labels_f8_fractional.npy")));
        Assert.Equal(Npy("labels_f8_fractional.npy") + ": labels must be integers, but entry 3 is 2.5.", frac.Message);
        var nan = Assert.Throws<InputFileException>(() => DataFiles.ReadLabels(Npy("labels_f8_nan.npy")));
        Assert.Equal(Npy("labels_f8_nan.npy") + ": labels must be integers, but entry 2 is NaN.", nan.Message);
        var onehot = Assert.Throws<InputFileException>(() => DataFiles.ReadLabels(Npy("onehot_f4.npy")));
        Assert.Equal(Npy("onehot_f4.npy") + ": labels must be a 1-D array (N,) or N×1, but this array has shape (4, 3); if the rows are one-hot vectors or scores, save y.argmax(axis=1) instead.", onehot.Message);
        var scalar = Assert.Throws<InputFileException>(() => DataFiles.ReadLabels(Npy("scalar_f8.npy")));
        Assert.Equal(Npy("scalar_f8.npy") + ": labels must be a 1-D array (N,) or N×1, but this array has shape ().", scalar.Message);
    }

    [Fact]
    public void Labels_beyond_two_to_the_53_are_rejected()
    {
        string dir = IoFixtures.ScratchDirectory();
        try
        {
            string path = Path.Combine(dir, "big.npy");
            NpyWriter.Write(path, [3], new double[] { 1, 9007199254740992.0, 2 }, "<i8");
            var e = Assert.Throws<InputFileException>(() => DataFiles.ReadLabels(path));
            Assert.Equal(path + ": label entry 1 is 9007199254740992, beyond ±2^53, where float64 cannot hold every integer exactly; remap the labels to small integers.", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("a.npz:features", "a.npz", "features")]
    [InlineData("dir/b.NPZ:labels.npy", "dir/b.NPZ", "labels.npy")]
    [InlineData("plain.npy", "plain.npy", null)]
    [InlineData("c:/data/x.csv", "c:/data/x.csv", null)]
    [InlineData("trailing.npz:", "trailing.npz:", null)]
    public void Spec_splits_an_npz_member_after_the_last_colon(string spec, string path, string? member)
    {
        var parsed = DataFileSpec.Parse(spec);
        Assert.Equal(path, parsed.Path);
        Assert.Equal(member, parsed.Member);
    }

    [Fact]
    public void Format_is_detected_from_content()
    {
        Assert.Equal(DataFormat.Npy, DataFiles.DetectFormat(Npy("f4_le_C_v1.npy")));
        Assert.Equal(DataFormat.Npz, DataFiles.DetectFormat(IoFixtures.PathOf("npz/deflated.npz")));
        Assert.Equal(DataFormat.Idx, DataFiles.DetectFormat(IoFixtures.PathOf("idx/images-idx3-ubyte")));
        Assert.Equal(DataFormat.Csv, DataFiles.DetectFormat(IoFixtures.PathOf("csv/header.csv")));
        Assert.Equal(DataFormat.Csv, DataFiles.DetectFormat(IoFixtures.PathOf("csv/digits_like.csv.gz"), out bool gz));
        Assert.True(gz);
    }
}
