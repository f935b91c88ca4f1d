using System;
using Xfer.Core.Errors;
using Xfer.IO.Datasets;
using Xfer.Onnx.Models;
using Xunit;

namespace Xfer.Tests.Models;

public class ImagePreprocessorTests
{
    [Fact]
    public void Grey_pixels_are_divided_replicated_and_scaled()
    {
        // 2×2 grey, white 255, no resize; [−1, 1] range: v = (p/255)·2 − 1: 0 → −1, 255 → 1, 51 → −0.6, 102 → −0.2.
        var images = new ImageSet(1, 2, 2, 1, [0, 255, 51, 102], 255);
        var spec = new ModelInputSpec(2, 2, 3, Interpolation.Bilinear, 2.0, -1.0, "test");
        var x = new float[12];
        ImagePreprocessor.Prepare(images, 0, 1, spec, x);
        float[] expected = [-1f, 1f, -0.6f, -0.2f];
        for (int p = 0; p < 4; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(expected[p], x[(p * 3) + c], 6);
            }
        }
    }

    [Fact]
    public void Resizing_follows_the_spec_and_the_batch_offset()
    {
        // Second image of two, 2×2 with white 16 (digits' scale): [0, 16, 8, 4]/16 = [0, 1, 0.5, 0.25]; to 3×3 with
        // aligned corners the centre is the mean of the four (0.4375), the edges midpoints.
        var images = new ImageSet(2, 2, 2, 1, [9, 9, 9, 9, 0, 16, 8, 4], 16);
        var spec = NsfwjsModels.MobileNetV2.Input with { Height = 3, Width = 3, Channels = 1 };
        var x = new float[9];
        ImagePreprocessor.Prepare(images, 1, 1, spec, x);
        Assert.Equal([0f, 0.5f, 1f, 0.25f, 0.4375f, 0.625f, 0.5f, 0.375f, 0.25f], x);
    }

    [Fact]
    public void Channel_and_size_mismatches_are_rejected()
    {
        var rgb = new ImageSet(1, 2, 2, 3, new float[12], 255);
        var greyModel = new ModelInputSpec(2, 2, 1, Interpolation.Bilinear, 1, 0, "grey");
        Assert.Contains("only grey (1 channel) images can be expanded", Assert.Throws<XferException>(() => ImagePreprocessor.Prepare(rgb, 0, 1, greyModel, new float[4])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ImagePreprocessor.Prepare(rgb, 0, 1, NsfwjsModels.MobileNetV2.Input, new float[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImagePreprocessor.Prepare(rgb, 1, 1, NsfwjsModels.MobileNetV2.Input, new float[224 * 224 * 3]));
    }

    [Fact]
    public void Nsfwjs_specs_follow_the_package_source()
    {
        // nsfwjs 4.4.0 dist/cjs/core.js: x/255 then resizeBilinear(…, alignCorners = true); 224 px, InceptionV3 299 px.
        Assert.Equal(new ModelInputSpec(224, 224, 3, Interpolation.BilinearAlignCorners, 1, 0, NsfwjsModels.MobileNetV2.Input.Description), NsfwjsModels.MobileNetV2.Input);
        Assert.Equal(299, NsfwjsModels.InceptionV3.Input.Height);
        Assert.Equal((1280, 2048), (NsfwjsModels.MobileNetV2.PooledDimension, NsfwjsModels.InceptionV3.PooledDimension));
    }
}
