using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xfer.Core;
using Xfer.IO;
using Xunit;

namespace Xfer.Tests.IO;

/// <summary>The writer produces numpy's exact bytes (compared with files np.save wrote for the same arrays), and
/// what it writes reads back unchanged.</summary>
public class NpyWriterTests
{
    public static IEnumerable<object[]> References() => IoFixtures.Section("writer").Select(e => new object[] { e.GetProperty("file").GetString()! });

    [Theory]
    [MemberData(nameof(References))]
    public void Written_bytes_equal_numpy_save(string file)
    {
        var reference = IoFixtures.Entry("writer", file);
        string dtype = reference.GetProperty("descr").GetString()!;
        int[] shape = IoFixtures.Shape(reference);
        double[] values = IoFixtures.Values(reference, "source_values");
        string dir = IoFixtures.ScratchDirectory();
        try
        {
            string path = Path.Combine(dir, "out.npy");
            NpyWriter.Write(path, shape, values, dtype);
            Assert.Equal(File.ReadAllBytes(IoFixtures.PathOf(file)), File.ReadAllBytes(path));

            NpyWriter.Write(path, shape, values.AsSpan(), dtype); // span overload, same bytes
            Assert.Equal(File.ReadAllBytes(IoFixtures.PathOf(file)), File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Header_is_padded_to_64_bytes_as_numpy_does()
    {
        // numpy 1.24: len("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }") = 60, + 20 growth spaces, + padding to 118, + '\n'.
        byte[] header = NpyWriter.Header([3, 4], "<f8");
        Assert.Equal(128, header.Length);
        Assert.Equal((byte)'\n', header[^1]);
        Assert.Equal(118, BitConverter.ToUInt16(header, 8));
        Assert.Equal(0, NpyWriter.Header(Enumerable.Repeat(100000, 20).ToArray(), "<f4").Length % 64);
    }

    [Fact]
    public void Matrix_round_trips_through_float64_and_float32()
    {
        var m = Matrix.FromRows([[1.5, -2.25, 1e-300], [double.NaN, double.PositiveInfinity, 0.1]]);
        string dir = IoFixtures.ScratchDirectory();
        try
        {
            string f8 = Path.Combine(dir, "m8.npy");
            NpyWriter.Write(f8, m);
            var back = DataFiles.ReadMatrix(f8, "features");
            IoFixtures.AssertIdentical(m.Data, back.Data, "f8");

            string f4 = Path.Combine(dir, "m4.npy");
            NpyWriter.Write(f4, m, float32: true);
            var back4 = DataFiles.ReadArray(f4);
            Assert.Equal("<f4", back4.DType);
            IoFixtures.AssertIdentical(m.Data.Select(v => (double)(float)v).ToArray(), back4.Values, "f4");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Npz_holds_named_members_stored_or_deflated(bool compress)
    {
        string dir = IoFixtures.ScratchDirectory();
        try
        {
            string path = Path.Combine(dir, "set.npz");
            var features = new NdArray("f", [4, 2], "<f4", [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);
            var labels = new NdArray("l", [4], "<i8", [0, 1, 1, 0]);
            var bytes = new NdArray("b", [2, 2], ">u2", [7, 8, 9, 10]); // not writable as is: written as <i8
            NpyWriter.WriteNpz(path, [new("features", features), new("labels", labels), new("counts", bytes)], compress);

            Assert.Equal(["features", "labels", "counts"], DataFiles.NpzMembers(path));
            Assert.All(DataFiles.DescribeNpz(path), m => Assert.Equal(compress, m.Compressed));
            Assert.Equal(features.Values, DataFiles.ReadArray(path + ":features").Values);
            Assert.Equal("<f4", DataFiles.ReadArray(path + ":features").DType);
            Assert.Equal([0, 1, 1, 0], DataFiles.ReadLabels(path).ToArray());
            Assert.Equal("<i8", DataFiles.ReadArray(path + ":counts").DType);

            // Each member's bytes are exactly what the .npy writer produces.
            string single = Path.Combine(dir, "features.npy");
            NpyWriter.Write(single, [4, 2], features.Values, "<f4");
            using var zip = ZipFile.OpenRead(path);
            using var member = new MemoryStream();
            using (var s = zip.GetEntry("features.npy")!.Open())
            {
                s.CopyTo(member);
            }

            Assert.Equal(File.ReadAllBytes(single), member.ToArray());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Invalid_arguments_are_rejected_before_anything_is_written()
    {
        string dir = IoFixtures.ScratchDirectory();
        try
        {
            string path = Path.Combine(dir, "x.npy");
            var dtype = Assert.Throws<ArgumentException>(() => NpyWriter.Write(path, [2], new double[] { 1, 2 }, "<c16"));
            Assert.StartsWith("Cannot write dtype '<c16'; supported: <f8, <f4, <i8, <i4, |u1.", dtype.Message, StringComparison.Ordinal);
            var count = Assert.Throws<ArgumentException>(() => NpyWriter.Write(path, [2, 2], new double[] { 1, 2, 3 }, "<f8"));
            Assert.StartsWith("Shape (2, 2) needs 4 values but 3 were given.", count.Message, StringComparison.Ordinal);
            var frac = Assert.Throws<ArgumentException>(() => NpyWriter.Write(path, [2], new double[] { 1, 2.5 }, "<i4"));
            Assert.StartsWith("Value 2.5 at index 1 is not an integer in the range of <i4.", frac.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => NpyWriter.Write(path, [1], new double[] { 256 }, "|u1"));
            Assert.Throws<ArgumentException>(() => NpyWriter.Write(path, [1], new double[] { 9223372036854775808.0 }, "<i8"));
            Assert.Throws<ArgumentException>(() => NpyWriter.Write(path, [1], new double[] { double.NaN }, "<i8"));
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>
    /// check_xfer_written.py loaded the files in Fixtures/io/xfer_written (written by write_xfer_fixtures.fsx with this
    /// writer) in numpy and found the expected dtype, shape and values; this test writes the same arrays again and
    /// requires the same bytes (for .npz: the same members, bytes and compression), so that check stays valid.
    /// </summary>
    [Fact]
    public void Xfer_written_fixtures_are_still_what_the_writer_produces()
    {
        using (var check = System.Text.Json.JsonDocument.Parse(File.ReadAllText(IoFixtures.PathOf("xfer_written_check.json"))))
        {
            var files = check.RootElement.GetProperty("files").EnumerateObject().ToList();
            Assert.Equal(10, files.Count);
            Assert.All(files, f => Assert.True(f.Value.GetProperty("ok").GetBoolean(), f.Name));
        }

        string dir = IoFixtures.ScratchDirectory();
        try
        {
            string Out(string name) => Path.Combine(dir, name);
            NpyWriter.Write(Out("f8_3x4.npy"), [3, 4], Enumerable.Range(0, 12).Select(i => (i * 0.25) - 1.0).ToArray(), "<f8");
            NpyWriter.Write(Out("f4_3x4.npy"), [3, 4], Enumerable.Range(0, 12).Select(i => (i * 0.1) - 0.55).ToArray(), "<f4");
            NpyWriter.Write(Out("i8_5.npy"), [5], new[] { -4611686018427387904.0, -1, 0, 1, 9007199254740992.0 }, "<i8");
            NpyWriter.Write(Out("i4_2x3.npy"), [2, 3], new[] { -2147483648.0, -7, 0, 5, 99, 2147483647 }, "<i4");
            NpyWriter.Write(Out("u1_2x2x2.npy"), [2, 2, 2], Enumerable.Range(0, 8).Select(i => i * 36.0).ToArray(), "|u1");
            NpyWriter.Write(Out("scalar_f8.npy"), [], new[] { 2.75 }, "<f8");
            var m = Matrix.FromRows([[1.5, -2.25, 1e-300], [double.NaN, double.PositiveInfinity, 0.1]]);
            NpyWriter.Write(Out("matrix_f8.npy"), m);
            NpyWriter.Write(Out("matrix_f4.npy"), m, float32: true);
            KeyValuePair<string, NdArray>[] members =
            [
                new("features", new NdArray("f", [4, 2], "<f4", [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4])),
                new("labels", new NdArray("l", [4], "<i8", [0, 1, 1, 0])),
                new("scalar", new NdArray("s", [], "<f8", [-0.5])),
            ];
            NpyWriter.WriteNpz(Out("stored.npz"), members, compress: false);
            NpyWriter.WriteNpz(Out("deflated.npz"), members, compress: true);

            foreach (string file in Directory.GetFiles(dir))
            {
                string name = Path.GetFileName(file);
                string committed = IoFixtures.PathOf("xfer_written/" + name);
                if (name.EndsWith(".npz", StringComparison.Ordinal))
                {
                    Assert.Equal(ZipMembers(committed), ZipMembers(file));
                }
                else
                {
                    Assert.Equal(File.ReadAllBytes(committed), File.ReadAllBytes(file));
                }
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static List<(string Name, bool Deflated, string Bytes)> ZipMembers(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e =>
        {
            using var s = e.Open();
            using var buffer = new MemoryStream();
            s.CopyTo(buffer);
            return (e.FullName, e.CompressedLength != e.Length, Convert.ToHexString(buffer.ToArray()));
        }).ToList();
    }
}
