using System;
using System.IO;
using Xfer.Core.Errors;
using Xfer.IO;
using Xunit;

namespace Xfer.Tests.IO;

/// <summary>Broken and unsupported files fail with one <see cref="InputFileException"/> line naming the file and the problem.</summary>
public class CorruptFileTests
{
    private const string Supported = "supported: float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool (little or big endian)";

    [Theory]
    [InlineData("corrupt/truncated.npy", "truncated data: the header declares shape (3, 4) of <f4 = 48 bytes, but only 40 bytes follow the 128-byte header.")]
    [InlineData("corrupt/extra_bytes.npy", "the header declares shape (3, 4) of <f4 = 48 bytes of data, but 52 bytes follow the 128-byte header; the file is corrupt or was written with a different shape.")]
    [InlineData("corrupt/truncated_header.npy", "truncated .npy header: the file ends after 40 bytes but the header needs 128.")]
    [InlineData("corrupt/bad_magic.npy", "not a .npy file: it starts with bytes 68 65 6c 6c 6f 2c 77 6f ('hello,wo'), but .npy files start with \\x93NUMPY.")]
    [InlineData("corrupt/version4.npy", "unsupported .npy format version 4.0; supported: 1.0, 2.0, 3.0.")]
    [InlineData("corrupt/object.npy", "dtype '|O' (Python objects, saved with allow_pickle=True) is not supported; " + Supported + ". Object arrays need pickle; save a numeric array instead, e.g. np.save(path, np.asarray(x, dtype=np.float32)).")]
    [InlineData("corrupt/complex.npy", "dtype '<c16' (complex128) is not supported; " + Supported + ". Save the real part or the magnitude instead, e.g. np.save(path, np.abs(x)).")]
    [InlineData("corrupt/structured.npy", "structured dtype with fields x, label is not supported; " + Supported + ". Save each field as its own array, e.g. np.savez(path, x=x['x'], label=x['label']).")]
    [InlineData("corrupt/unicode.npy", "dtype '<U3' (Unicode strings) is not supported; " + Supported + ".")]
    [InlineData("corrupt/datetime.npy", "dtype '<M8[D]' (datetime64) is not supported; " + Supported + ".")]
    [InlineData("corrupt/bad_syntax.npy", "malformed .npy header (expected ',' or ')' at character 56): '{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4}'.")]
    [InlineData("corrupt/missing_key.npy", "malformed .npy header: expected the keys 'descr', 'fortran_order' and 'shape', found 'descr', 'shape': '{'descr': '<f4', 'shape': (3, 4), }'.")]
    [InlineData("corrupt/negative_dim.npy", "malformed .npy header ('shape' must be a tuple of non-negative integers): '{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 4), }'.")]
    [InlineData("corrupt/not_a_zip.npz", "not a .npz file: it starts with bytes 74 68 69 73 20 69 73 20 ('this is '), but .npz files are zip archives and start with PK.")]
    [InlineData("corrupt/truncated-idx1-ubyte", "truncated data: the IDX header declares 10 uint8 values = 10 bytes, but only 7 bytes follow the 8-byte header.")]
    [InlineData("corrupt/badtype-idx1-ubyte", "unknown IDX type code 0x0A; defined: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64.")]
    [InlineData("corrupt/binary.bin", "not a recognised data file: expected .npy, .npz, CSV/TSV text or IDX (optionally gzip-compressed); the file starts with bytes 7f 45 4c 46 02 01 01 00 ('.ELF....').")]
    [InlineData("corrupt/empty.npy", "the file is empty.")]
    public void Bad_file_gives_one_line_naming_the_file_and_the_problem(string file, string problem)
    {
        string path = IoFixtures.PathOf(file);
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadArray(path));
        Assert.Equal(problem, e.Problem);
        Assert.Equal(path + ": " + problem, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Damaged_deflate_member_is_reported_as_corrupt_data()
    {
        string path = IoFixtures.PathOf("corrupt/damaged_member.npz");
        var e = Assert.Throws<InputFileException>(() => DataFiles.ReadArray(path));
        Assert.StartsWith(path + ": corrupt or unsupported compressed data (", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Missing_file_and_directory_are_input_file_errors()
    {
        string dir = IoFixtures.ScratchDirectory();
        try
        {
            string missing = Path.Combine(dir, "nope.npy");
            var e1 = Assert.Throws<InputFileException>(() => DataFiles.ReadArray(missing));
            Assert.Equal(missing + ": file not found.", e1.Message);
            var e2 = Assert.Throws<InputFileException>(() => DataFiles.ReadMatrix(dir, "features"));
            Assert.Equal(dir + ": is a directory, not a data file.", e2.Message);
            string deeper = Path.Combine(dir, "no", "such", "x.npz");
            var e3 = Assert.Throws<InputFileException>(() => DataFiles.ReadLabels(deeper + ":labels"));
            Assert.Equal(deeper + ": file not found (its directory does not exist either).", e3.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Permission_and_io_failures_become_input_file_errors()
    {
        // Mode bits cannot make a file unreadable for root (the test machine), so the translation is tested directly.
        var denied = InputFiles.Translate("x.npy", new UnauthorizedAccessException("Access to the path is denied."));
        Assert.Equal("x.npy: permission denied: the file cannot be opened for reading.", denied.Message);
        var io = InputFiles.Translate("x.npy", new IOException("Input/output error\nat sector 7"));
        Assert.Equal("x.npy: cannot be read: Input/output error at sector 7", io.Message);
        var zip = InputFiles.Translate("x.npz", new InvalidDataException("Block type 3 is invalid."));
        Assert.Equal("x.npz: corrupt or unsupported compressed data (Block type 3 is invalid).", zip.Message);
    }
}
