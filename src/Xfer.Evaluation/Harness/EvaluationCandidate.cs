using System;
using Xfer.Core;

namespace Xfer.Evaluation.Harness;

/// <summary>
/// One candidate (model, layer or source task) of an evaluation: its name and a loader for its data, called once when the
/// harness reaches it, so a pool larger than memory is processed one candidate at a time (unless a pool-relative metric needs
/// all of them at once).
/// </summary>
/// <param name="Name">Unique candidate name, used in every output.</param>
/// <param name="Load">Reads the candidate's data.</param>
public sealed record EvaluationCandidate(string Name, Func<CandidateData> Load);

/// <summary>A candidate's data.</summary>
/// <param name="Features">N×D features of the target training samples (all N labelled samples when the harness splits).</param>
/// <param name="Source">The source head's probabilities on the same samples (LEEP, NCE), or null.</param>
/// <param name="TestFeatures">M×D features of the test samples, when a separate test set is given; null when the harness splits.</param>
public sealed record CandidateData(Matrix Features, SourcePredictions? Source, Matrix? TestFeatures);
