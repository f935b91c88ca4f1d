using System.Collections.Generic;
using System.Linq;
using Xfer.IO;
using Xfer.IO.Npy;
using Xunit;

namespace Xfer.Tests.IO;

/// <summary>Every numpy-written .npy fixture (dtype × byte order × memory order × format version, shapes, header variants)
/// reads back with the shape, dtype and exact values numpy recorded in manifest.json.</summary>
public class NpyReaderTests
{
    public static IEnumerable<object[]> ArrayFiles() => IoFixtures.Section("arrays").Select(e => new object[] { e.GetProperty("file").GetString()! });

    [Theory]
    [MemberData(nameof(ArrayFiles))]
    public void Numpy_fixture_reads_back_exactly(string file)
    {
        var expected = IoFixtures.Entry("arrays", file);
        var array = DataFiles.ReadArray(IoFixtures.PathOf(file));

        Assert.Equal(IoFixtures.Shape(expected), array.Shape);
        Assert.Equal(expected.GetProperty("descr").GetString(), array.DType);
        Assert.Equal(expected.GetProperty("fortran_order").GetBoolean(), array.FortranOrder);
        Assert.Equal("npy " + expected.GetProperty("version").GetString(), array.Format);
        IoFixtures.AssertIdentical(IoFixtures.Values(expected), array.Values, file);
    }

    [Fact]
    public void Fixtures_cover_every_dtype_byte_order_memory_order_and_version()
    {
        var files = IoFixtures.Section("arrays").Select(e => e.GetProperty("file").GetString()!).ToHashSet();
        string[] multiByte = ["f2", "f4", "f8", "i2", "i4", "i8", "u2", "u4", "u8"];
        string[] singleByte = ["i1", "u1", "b1"];
        var combos = multiByte.SelectMany(c => new[] { c + "_le", c + "_be" }).Concat(singleByte.Select(c => c + "_na"));
        foreach (var c in combos)
        {
            foreach (var order in new[] { "C", "F" })
            {
                foreach (var v in new[] { 1, 2, 3 })
                {
                    Assert.Contains($"npy/{c}_{order}_v{v}.npy", files);
                }
            }
        }
    }

    [Fact]
    public void Header_reports_version_dtype_order_and_data_offset()
    {
        var h = NpyReader.ReadHeader(IoFixtures.PathOf("npy/i2_be_F_v2.npy"));
        Assert.Equal(2, h.Major);
        Assert.Equal(">i2", h.Descr);
        Assert.True(h.FortranOrder);
        Assert.Equal([3, 4], h.Shape);
        Assert.Equal(0, h.DataOffset % 64);
        Assert.Equal(24, h.DataLength);
    }

    [Fact]
    public void Float16_special_values_are_exact()
    {
        var a = DataFiles.ReadArray(IoFixtures.PathOf("npy/f2_be_C_v1.npy"));
        Assert.Equal(65504.0, a.Values[4]);
        Assert.Equal(System.Math.Pow(2, -14), a.Values[6]);
        Assert.Equal(System.Math.Pow(2, -24), a.Values[7]);
        Assert.True(double.IsPositiveInfinity(a.Values[8]));
        Assert.True(double.IsNegativeInfinity(a.Values[9]));
        Assert.True(double.IsNaN(a.Values[10]));
        Assert.True(double.IsNegative(a.Values[1]));
        Assert.Equal(0.333251953125, a.Values[11]); // 1/3 rounded to float16 (0x3555)
    }

    [Fact]
    public void Zero_d_array_has_empty_shape_and_one_value()
    {
        var a = DataFiles.ReadArray(IoFixtures.PathOf("npy/scalar_f8.npy"));
        Assert.Empty(a.Shape);
        Assert.Equal([3.5], a.Values);
        Assert.Equal("()", a.ShapeText);
    }

    [Fact]
    public void Fortran_order_cube_matches_the_C_order_cube()
    {
        var c = DataFiles.ReadArray(IoFixtures.PathOf("npy/cube_f8_C.npy"));
        var f = DataFiles.ReadArray(IoFixtures.PathOf("npy/cube_f8_F.npy"));
        Assert.False(c.FortranOrder);
        Assert.True(f.FortranOrder);
        Assert.Equal(c.Values, f.Values);
        Assert.Equal(-1.0 + (23 / 8.0), f.Values[23]); // element (1, 2, 3) = 23/8 − 1
    }
}
