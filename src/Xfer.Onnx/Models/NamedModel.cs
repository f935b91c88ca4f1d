using System.Collections.Generic;

namespace Xfer.Onnx.Models;

/// <summary>A pre-trained network xfer knows by name (<c>--model mobilenet-v2</c>).</summary>
/// <param name="Name">The name on the command line.</param>
/// <param name="Description">What it is and where it comes from.</param>
/// <param name="SourceDirectory">Its TF.js files, relative to <c>$XFER_CACHE/models</c> (placed there by <c>scripts/setup.sh models</c>).</param>
/// <param name="ModelFile">The model file inside <paramref name="SourceDirectory"/>.</param>
/// <param name="Input">How images are prepared for it (the one place this is stated for the model).</param>
/// <param name="PooledDimension">Length of the backbone's pooled feature vector (the default layer).</param>
/// <param name="ClassNames">Names of its classifier head's classes, in output order.</param>
public sealed record NamedModel(
    string Name,
    string Description,
    string SourceDirectory,
    string ModelFile,
    ModelInputSpec Input,
    int PooledDimension,
    IReadOnlyList<string> ClassNames);
