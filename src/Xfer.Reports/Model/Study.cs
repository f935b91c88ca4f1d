using System.Collections.Generic;

namespace Xfer.Reports.Model;

/// <summary>
/// One study: a labelled target task, a pool of candidates (models or layers) with their ground truth, and every metric's
/// scores and agreement with that truth.
/// </summary>
/// <param name="Id">Short identifier used in file rows and HTML anchors (e.g. "fashion-mnist").</param>
/// <param name="Title">Heading.</param>
/// <param name="Target">The target task in one line (dataset, split, subsample).</param>
/// <param name="Classes">Target classes.</param>
/// <param name="TrainSamples">Samples the metrics and the probe were trained on.</param>
/// <param name="TestSamples">Samples the probe was tested on.</param>
/// <param name="GroundTruth">The ground-truth protocol in one line.</param>
/// <param name="Candidates">Candidates in input order.</param>
/// <param name="Metrics">Metrics in catalogue order.</param>
/// <param name="Notes">Study-level remarks.</param>
public sealed record Study(
    string Id,
    string Title,
    string Target,
    int Classes,
    int TrainSamples,
    int TestSamples,
    string GroundTruth,
    IReadOnlyList<StudyCandidate> Candidates,
    IReadOnlyList<StudyMetric> Metrics,
    IReadOnlyList<string> Notes);

/// <summary>A candidate of a study and its ground truth.</summary>
/// <param name="Name">Unique name in the study (e.g. "mobilenet-v2/block_9_add").</param>
/// <param name="Model">The model it comes from (for grouping and colour).</param>
/// <param name="Layer">The layer (or "final" for the model's pooled layer).</param>
/// <param name="Features">Feature dimension D.</param>
/// <param name="Accuracy">Ground truth: test accuracy of the probe (fraction).</param>
/// <param name="CrossEntropy">Test cross-entropy of the probe (mean nats).</param>
public sealed record StudyCandidate(string Name, string Model, string Layer, int Features, double Accuracy, double CrossEntropy);
