using System;
using System.Collections.Generic;
using System.IO;

namespace Xfer.Onnx.Models;

/// <summary>One of the pre-trained networks shipped in the npm package <c>nsfwjs</c>, with everything needed to use it.</summary>
/// <param name="Id">xfer's name for it (<c>--model mobilenet-v2</c>).</param>
/// <param name="DisplayName">Human-readable name.</param>
/// <param name="NsfwjsName">nsfwjs's own name (<c>nsfwjs.load("MobileNetV2")</c>).</param>
/// <param name="ModelFile">Path of the model wrapper relative to the package's models folder (<c>package/dist/models/</c> in the
/// tarball; <see cref="NsfwjsModels.Directory"/> in the cache).</param>
/// <param name="Input">Preprocessing (input size, resize, scaling).</param>
/// <param name="PooledLayer">Keras name of the backbone's pooled feature layer.</param>
/// <param name="PooledDimension">Its width.</param>
/// <param name="ProbabilitiesLayer">Keras name of the classifier head's softmax output.</param>
/// <param name="ClassNames">The head's classes, in output order.</param>
public sealed record NsfwjsModel(
    string Id,
    string DisplayName,
    string NsfwjsName,
    string ModelFile,
    ModelInputSpec Input,
    string PooledLayer,
    int PooledDimension,
    string ProbabilitiesLayer,
    IReadOnlyList<string> ClassNames);

/// <summary>
/// The two TF.js Layers models of <c>nsfwjs@4.4.0</c> (MIT; github.com/infinitered/nsfwjs; weights from GantMan's
/// nsfw_model: ImageNet-initialised Keras 2.2.4 networks fine-tuned on 5 classes), described in one place.
/// Citation keys: Nsfwjs, Sandler2018MobileNetV2, Szegedy2016InceptionV3 (docs/references.md).
/// </summary>
/// <remarks>
/// Preprocessing, read from nsfwjs 4.4.0's own source (<c>dist/cjs/core.js</c>, <c>NSFWJS.infer</c>): pixels 0..255 are
/// divided by 255 (<c>img.toFloat().div(tf.scalar(255))</c>) and, when the image is not already S×S, resized with
/// <c>tf.image.resizeBilinear(normalized, [S, S], alignCorners = true)</c>; nothing else (no mean subtraction, no [−1, 1]
/// mapping, no centre crop). S is 224 for MobileNetV2 (<c>IMAGE_SIZE</c>) and 299 for InceptionV3
/// (<c>InceptionV3Model.options.size</c> in <c>dist/cjs/models/inception_v3.js</c>). The models contain no scaling layer,
/// so [0, 1] inputs are what the networks were fine-tuned on.
/// </remarks>
public static class NsfwjsModels
{
    /// <summary>The npm package version whose files these entries describe.</summary>
    public const string PackageVersion = "4.4.0";

    /// <summary>The head's classes (nsfwjs <c>NSFW_CLASSES</c>).</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["Drawing", "Hentai", "Neutral", "Porn", "Sexy"];

    /// <summary>MobileNetV2 (α = 1.0), 224×224, pooled features 1280-d.</summary>
    public static NsfwjsModel MobileNetV2 { get; } = new(
        "mobilenet-v2",
        "MobileNetV2 (nsfwjs 4.4.0)",
        "MobileNetV2",
        "mobilenet_v2/model.min.js",
        new ModelInputSpec(224, 224, 3, Interpolation.BilinearAlignCorners, 1.0, 0.0,
            "224×224 RGB (grey replicated), x/max, bilinear align_corners (tfjs resizeBilinear, as nsfwjs), range [0, 1]"),
        "flatten_1",
        1280,
        "dense_3",
        ClassNames);

    /// <summary>InceptionV3, 299×299, pooled features 2048-d.</summary>
    public static NsfwjsModel InceptionV3 { get; } = new(
        "inception-v3",
        "InceptionV3 (nsfwjs 4.4.0)",
        "InceptionV3",
        "inception_v3/model.min.js",
        new ModelInputSpec(299, 299, 3, Interpolation.BilinearAlignCorners, 1.0, 0.0,
            "299×299 RGB (grey replicated), x/max, bilinear align_corners (tfjs resizeBilinear, as nsfwjs), range [0, 1]"),
        "flatten_1",
        2048,
        "dense_3",
        ClassNames);

    /// <summary>Where <c>scripts/setup.sh models</c> puts the package's models folder: <c>&lt;cache&gt;/models/nsfwjs-4.4.0</c>.</summary>
    public static string Directory => XferCache.PathOf("models", "nsfwjs-" + PackageVersion);

    /// <summary>The model wrapper of <paramref name="model"/> in <see cref="Directory"/>.</summary>
    public static string ModelPath(NsfwjsModel model) => Path.Combine(Directory, (model ?? throw new ArgumentNullException(nameof(model))).ModelFile);

    /// <summary>Both models.</summary>
    public static IReadOnlyList<NsfwjsModel> All { get; } = [MobileNetV2, InceptionV3];
}
