using System.Collections.Generic;
using Xfer.Evaluation.Correlation;
using Xfer.Evaluation.Probing;
using Xfer.Metrics.Catalog;

namespace Xfer.Evaluation.Harness;

/// <summary>Everything <see cref="EvaluationHarness.Run"/> found about one candidate.</summary>
/// <param name="Name">Candidate name.</param>
/// <param name="TrainSamples">Rows the metrics and the probe were trained on.</param>
/// <param name="TestSamples">Rows the probe was tested on.</param>
/// <param name="Features">Feature dimension D.</param>
/// <param name="Truth">The ground-truth probe's result.</param>
/// <param name="Scores">One outcome per metric (a value, or why there is none), in metric order.</param>
public sealed record CandidateEvaluation(string Name, int TrainSamples, int TestSamples, int Features, ProbeResult Truth, IReadOnlyList<MetricOutcome> Scores);

/// <summary>One metric's agreement with the ground truth over the candidates it could score.</summary>
/// <param name="MetricId">Metric id.</param>
/// <param name="DisplayName">The paper's name.</param>
/// <param name="HigherIsBetter">Direction used to orient the scores before correlating.</param>
/// <param name="Candidates">Candidates with a score (and a truth).</param>
/// <param name="Agreement">The measures, or null when fewer than two candidates have scores.</param>
/// <param name="Notes">Why values are missing or undefined.</param>
public sealed record MetricAgreement(string MetricId, string DisplayName, bool HigherIsBetter, int Candidates, RankAgreement? Agreement, IReadOnlyList<string> Notes);

/// <summary>Paired bootstrap of τ_w(A) − τ_w(B) over the candidates both metrics scored.</summary>
/// <param name="MetricA">The better metric by τ_w (the reference of the comparison).</param>
/// <param name="MetricB">The other metric.</param>
/// <param name="Candidates">Candidates both metrics scored.</param>
/// <param name="Comparison">The difference with its interval and P(A &gt; B).</param>
public sealed record MetricComparison(string MetricA, string MetricB, int Candidates, PairedBootstrapComparison Comparison);

/// <summary>Where the numbers came from: what a reader needs to reproduce them.</summary>
/// <param name="Seed">Master seed.</param>
/// <param name="LinearAlgebra">The linear-algebra provider.</param>
/// <param name="Split">How the test set was obtained.</param>
/// <param name="GroundTruth">The probe protocol (one line).</param>
/// <param name="Classes">Number of target classes.</param>
/// <param name="TrainSamples">Labelled training samples.</param>
/// <param name="TestSamples">Test samples.</param>
/// <param name="Metrics">Metric ids, in order.</param>
/// <param name="Agreement">k values and bootstrap settings.</param>
public sealed record EvaluationProvenance(int Seed, string LinearAlgebra, string Split, string GroundTruth, int Classes, int TrainSamples, int TestSamples,
    IReadOnlyList<string> Metrics, RankAgreementOptions Agreement);

/// <summary>The outcome of an evaluation run.</summary>
/// <param name="Provenance">Settings and environment.</param>
/// <param name="Candidates">Per candidate: scores and ground truth, in input order.</param>
/// <param name="Agreements">Per metric: agreement with the ground truth, in metric order.</param>
/// <param name="Comparisons">The best metric by τ_w against each other metric (paired bootstrap), when a bootstrap was requested.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record EvaluationReport(EvaluationProvenance Provenance, IReadOnlyList<CandidateEvaluation> Candidates, IReadOnlyList<MetricAgreement> Agreements,
    IReadOnlyList<MetricComparison> Comparisons, double Seconds);
