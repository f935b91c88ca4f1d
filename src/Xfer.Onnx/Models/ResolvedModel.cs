using System;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.Onnx.Proto;

namespace Xfer.Onnx.Models;

/// <summary>How a <c>--model</c> argument was given.</summary>
public enum ModelKind
{
    /// <summary>An ONNX file, run as it is.</summary>
    Onnx,

    /// <summary>A TF.js Layers model (<c>model.json</c> or nsfwjs's <c>model.min.js</c>), converted to ONNX.</summary>
    Tfjs,

    /// <summary>A named model (<see cref="ModelRegistry.Named"/>), converted from its TF.js files.</summary>
    Named,
}

/// <summary>
/// A model ready to run: the ONNX file ONNX Runtime loads, a stable identity for caches, its layers and defaults,
/// and (for named models) how its images are prepared.
/// </summary>
public sealed class ResolvedModel
{
    private readonly Lazy<ModelProto> _model;
    private readonly Func<ResolvedModel, OnnxSessionOptions?, LayerListing> _listLayers;
    private LayerListing? _layers;

    internal ResolvedModel(
        string spec,
        ModelKind kind,
        string description,
        string onnxPath,
        string identity,
        NsfwjsModel? named,
        Func<ResolvedModel, OnnxSessionOptions?, LayerListing> listLayers)
    {
        Spec = spec;
        Kind = kind;
        Description = description;
        OnnxPath = onnxPath;
        Identity = identity;
        Named = named;
        _listLayers = listLayers;
        _model = new Lazy<ModelProto>(() => OnnxModelFile.Read(onnxPath));
    }

    /// <summary>The <c>--model</c> argument as given.</summary>
    public string Spec { get; }

    /// <summary>How it was given.</summary>
    public ModelKind Kind { get; }

    /// <summary>One line for the user, e.g. "mobilenet-v2: MobileNetV2 from nsfwjs 4.4.0 (converted from TF.js)".</summary>
    public string Description { get; }

    /// <summary>The ONNX file that is run: the file given, or the cached conversion.</summary>
    public string OnnxPath { get; }

    /// <summary>
    /// A hex SHA-256 that changes whenever the model's behaviour can: of the ONNX file's bytes, or of the TF.js source
    /// files and the converter version. Caches (converted models, extracted features) are keyed by it.
    /// </summary>
    public string Identity { get; }

    /// <summary>The named model, if the argument was a name.</summary>
    public NsfwjsModel? Named { get; }

    /// <summary>Image preparation stated for this model (named models); null when only the input shape is known.</summary>
    public ModelInputSpec? InputSpec => Named?.Input;

    /// <summary>The ONNX model (parsed on first use).</summary>
    public ModelProto Model => _model.Value;

    /// <summary>The graph's data input: its first input that is not an initializer.</summary>
    public ValueInfoProto Input
    {
        get
        {
            var initializers = Model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            var inputs = Model.Graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
            return inputs.Count switch
            {
                1 => inputs[0],
                0 => throw new InputFileException(OnnxPath, "the model has no input."),
                _ => throw new InputFileException(OnnxPath, $"the model has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); xfer extracts features from single-input image models."),
            };
        }
    }

    /// <summary>The layers a user can extract, with the default pooled and probabilities layers (computed once).</summary>
    public LayerListing Layers(OnnxSessionOptions? options = null) => _layers ??= _listLayers(this, options);
}
