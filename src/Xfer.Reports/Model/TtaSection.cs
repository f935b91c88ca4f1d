using System.Collections.Generic;

namespace Xfer.Reports.Model;

/// <summary>
/// Task Transfer Analysis (Mehra, Zhang, Hamm 2023; key Mehra2023TTA): an upper bound on the target loss of a transferred model, decomposed into the
/// re-weighted source loss, the label-mismatch term (conditional entropy of target labels given source labels) and the
/// (scaled) Wasserstein distance between the transformed source and the target features. One row per source/target pair.
/// </summary>
/// <param name="Description">What was analysed and how (one line).</param>
/// <param name="Pairs">One decomposition per pair.</param>
/// <param name="Notes">Remarks (e.g. settings, caveats).</param>
public sealed record TtaSection(string Description, IReadOnlyList<TtaPairTerms> Pairs, IReadOnlyList<string> Notes);

/// <summary>The terms of the bound for one source/target pair (all in nats of cross-entropy loss).</summary>
/// <param name="Source">Source task.</param>
/// <param name="Target">Target task.</param>
/// <param name="ReweightedSourceLoss">Source loss re-weighted by the target's label distribution.</param>
/// <param name="LabelMismatchEntropy">Conditional entropy of target labels given the mapped source labels.</param>
/// <param name="Wasserstein">Wasserstein distance between transformed source and target features, times the bound's Lipschitz scale.</param>
/// <param name="Bound">The bound: the three terms' sum (as computed by the analysis, which may add constants).</param>
/// <param name="ActualTargetLoss">The target loss actually reached by transfer, when measured (checks the bound).</param>
public sealed record TtaPairTerms(string Source, string Target, double ReweightedSourceLoss, double LabelMismatchEntropy, double Wasserstein, double Bound, double? ActualTargetLoss);
