using System.Collections.Generic;
using Xfer.Evaluation.Probing;
using Xfer.IO.Datasets;

namespace Xfer.Cli.Demo;

/// <summary>A target of the demo: a dataset request (seeded, class-stratified subsample) and its display name.</summary>
/// <param name="Id">Study id (e.g. "fashion-mnist").</param>
/// <param name="Title">Heading.</param>
/// <param name="Request">What to load.</param>
public sealed record DemoTarget(string Id, string Title, DatasetRequest Request);

/// <summary>A model of the demo with the layers scored as candidates (the last one listed is the model's final pooled layer).</summary>
/// <param name="Id">Named model id (<c>mobilenet-v2</c>, <c>inception-v3</c>).</param>
/// <param name="Layers">Layers extracted in one pass, globally average-pooled (layer selection), in network order.</param>
/// <param name="FinalLayer">The backbone's pooled output (model selection compares these across models).</param>
public sealed record DemoModel(string Id, IReadOnlyList<string> Layers, string FinalLayer);

/// <summary>
/// What the demo runs: targets, models and layers, and the ground-truth protocol. The defaults were chosen so the whole
/// study finishes in under 15 minutes on two cores (docs/demo.md has the measured times).
/// </summary>
/// <param name="Targets">Target tasks.</param>
/// <param name="Models">Models with their layers.</param>
/// <param name="Probe">Linear-probe protocol for the ground truth.</param>
/// <param name="BootstrapResamples">Resamples of the weighted-τ bootstrap.</param>
public sealed record DemoPlan(IReadOnlyList<DemoTarget> Targets, IReadOnlyList<DemoModel> Models, LinearProbeOptions Probe, int BootstrapResamples)
{
    /// <summary>
    /// MobileNetV2's candidates: the outputs of four residual blocks at increasing depth (28×28×32 → 7×7×160), the
    /// pooled backbone output (1280) and the head's first dense layer (256, fine-tuned on nsfwjs's five classes).
    /// </summary>
    public static DemoModel MobileNetV2 { get; } = new("mobilenet-v2", ["block_5_add", "block_9_add", "block_12_add", "block_15_add", "flatten_1", "dense_1"], "flatten_1");

    /// <summary>InceptionV3's candidates: mixed2 (35×35×288), mixed5 and mixed7 (17×17×768), mixed9 (8×8×2048), the pooled output (2048) and dense_1 (256).</summary>
    public static DemoModel InceptionV3 { get; } = new("inception-v3", ["mixed2", "mixed5", "mixed7", "mixed9", "flatten_1", "dense_1"], "flatten_1");

    /// <summary>
    /// The demo's probe: the documented protocol (docs/evaluation.md) with a shorter grid and 3 folds, so 24 probes fit the
    /// time budget. The grid drops 10⁻⁶ and 10⁻⁵ (nearly unregularised fits that run to the iteration cap on these
    /// features and were never selected in trial runs) and keeps 10⁻⁴ … 10⁰.
    /// </summary>
    public static LinearProbeOptions DemoProbe { get; } = new() { Folds = 3, L2Grid = [1e-4, 1e-3, 1e-2, 1e-1, 1e0] };

    /// <summary>The plan for <c>xfer demo</c> (or <c>--quick</c>) with master seed <paramref name="seed"/>.</summary>
    public static DemoPlan Create(bool quick, int seed) => new(
        [
            new DemoTarget("fashion-mnist", "Fashion-MNIST", new DatasetRequest("fashion-mnist", "train", null, quick ? 300 : 1000, seed)),
            new DemoTarget("digits", "Digits (scikit-learn 8×8)", new DatasetRequest("digits", "all", null, quick ? 200 : 500, seed)),
        ],
        [MobileNetV2, InceptionV3],
        DemoProbe,
        quick ? 200 : 1000);
}
