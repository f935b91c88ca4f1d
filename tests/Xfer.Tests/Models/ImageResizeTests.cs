using System.Linq;
using Xfer.Onnx.Models;
using Xfer.Tests.Tfjs;
using Xunit;

namespace Xfer.Tests.Models;

public class ImageResizeTests
{
    [Fact]
    public void Resizes_are_bit_identical_to_tfjs()
    {
        // Fixtures/tfjs/resize.json: tf.image.resizeBilinear / resizeNearestNeighbor (tfjs 4.22 cpu) on seeded inputs;
        // values are float32 printed with 9 significant digits, so (float) of each is the exact tfjs float.
        using var doc = TfjsFixtures.Load("resize.json");
        int cases = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var inShape = TfjsFixtures.Ints(c.GetProperty("in_shape"));
            var outShape = TfjsFixtures.Ints(c.GetProperty("out_shape"));
            var input = TfjsFixtures.Doubles(c.GetProperty("input")).Select(v => (float)v).ToArray();
            var expected = TfjsFixtures.Doubles(c.GetProperty("output")).Select(v => (float)v).ToArray();
            var actual = new float[expected.Length];
            ImageResize.Resize(input, inShape[0], inShape[1], inShape[2], actual, outShape[0], outShape[1],
                c.GetProperty("method").GetString() == "bilinear", c.GetProperty("align_corners").GetBoolean(), c.GetProperty("half_pixel_centers").GetBoolean());
            Assert.Equal(expected, actual);
            cases++;
        }

        Assert.Equal(15, cases);
    }

    [Fact]
    public void Align_corners_bilinear_keeps_the_corners()
    {
        // 2×2 → 3×3 with aligned corners: source = dst·(2−1)/(3−1) = 0, ½, 1 on both axes.
        float[] x = [0, 1, 2, 3];
        var y = new float[9];
        ImageResize.Resize(x, 2, 2, 1, y, 3, 3, Interpolation.BilinearAlignCorners);
        Assert.Equal([0f, 0.5f, 1f, 1f, 1.5f, 2f, 2f, 2.5f, 3f], y);
    }

    [Fact]
    public void Half_pixel_bilinear_clamps_at_the_borders()
    {
        // [0, 4] → 4 wide, half-pixel centres: source = (c + ½)·½ − ½ = −¼, ¼, ¾, 1¼. −¼ and 1¼ clamp to the
        // edge pixels (0 and 4); ¼ → 1, ¾ → 3.
        float[] x = [0, 4, 0, 4];
        var y = new float[8];
        ImageResize.Resize(x, 2, 2, 1, y, 2, 4, Interpolation.Bilinear);
        Assert.Equal([0f, 1f, 3f, 4f, 0f, 1f, 3f, 4f], y);
    }

    [Fact]
    public void Nearest_neighbour_uses_javascript_rounding_with_aligned_corners()
    {
        // 3 → 5 with aligned corners: source = c·½ = 0, ½, 1, 1½, 2. Math.round sends halves up: 0, 1, 1, 2, 2
        // (banker's rounding would give 0, 0, 1, 2, 2).
        float[] x = [10, 20, 30];
        var y = new float[5];
        ImageResize.Resize(x, 1, 3, 1, y, 1, 5, bilinear: false, alignCorners: true, halfPixelCenters: false);
        Assert.Equal([10f, 20f, 20f, 30f, 30f], y);

        // Half-pixel centres, 2 → 4: ⌊(c + ½)·½⌋ = 0, 0, 1, 1.
        y = new float[4];
        ImageResize.Resize([1f, 2f], 1, 2, 1, y, 1, 4, Interpolation.Nearest);
        Assert.Equal([1f, 1f, 2f, 2f], y);
    }
}
