using System;
using System.Collections.Generic;
using System.Linq;

namespace Xfer.Evaluation.Correlation;

/// <summary>Settings of <see cref="RankAgreement.Compute"/>.</summary>
/// <param name="TopK">The k of recall@k, rel@k and best-in-top-k (default 1 and 3, as SFDA's tables).</param>
/// <param name="Bootstrap">Bootstrap of τ_w, or null for none.</param>
public sealed record RankAgreementOptions(IReadOnlyList<int>? TopK = null, BootstrapOptions? Bootstrap = null)
{
    /// <summary>The k values used (1 and 3 when not set).</summary>
    public IReadOnlyList<int> Ks => TopK ?? [1, 3];
}

/// <summary>
/// How well one metric's scores agree with the ground truth over a pool of candidates: every correlation and selection
/// measure the transferability literature reports, computed with one convention (see the member docs and docs/evaluation.md).
/// </summary>
/// <param name="Candidates">Number of candidates n.</param>
/// <param name="Pearson">Pearson's r (<see cref="PearsonCorrelation"/>).</param>
/// <param name="Spearman">Spearman's ρ (<see cref="SpearmanCorrelation"/>).</param>
/// <param name="Kendall">Kendall's τ-b (<see cref="KendallTau"/>).</param>
/// <param name="WeightedTau">Weighted τ (<see cref="Correlation.WeightedTau"/>).</param>
/// <param name="WeightedTauInterval">Bootstrap interval of τ_w, when requested.</param>
/// <param name="Top1RelativeAccuracy">Truth of the top-scored candidate over the best truth (<see cref="SelectionMeasures.TopOneRelativeAccuracy"/>).</param>
/// <param name="Regret">Best truth minus the truth of the top-scored candidate (<see cref="SelectionMeasures.Regret"/>).</param>
/// <param name="TopScoreTies">How many candidates share the top score (1 when the pick is unambiguous).</param>
/// <param name="RecallAtK">SFDA recall@k per k (<see cref="SelectionMeasures.RecallAtK"/>).</param>
/// <param name="RelativeAtK">SFDA rel@k per k (<see cref="SelectionMeasures.RelativeAtK"/>).</param>
/// <param name="BestInTopK">Google best-in-top-k per k (<see cref="SelectionMeasures.BestInTopK"/>).</param>
public sealed record RankAgreement(
    int Candidates,
    double Pearson,
    double Spearman,
    double Kendall,
    double WeightedTau,
    BootstrapInterval? WeightedTauInterval,
    double Top1RelativeAccuracy,
    double Regret,
    int TopScoreTies,
    IReadOnlyDictionary<int, double> RecallAtK,
    IReadOnlyDictionary<int, double> RelativeAtK,
    IReadOnlyDictionary<int, double> BestInTopK)
{
    /// <summary>
    /// Computes every measure. Scores of a lower-is-better metric are negated first (<paramref name="higherIsBetter"/> false),
    /// so every correlation reads "higher = the metric agrees with the truth". Undefined values are NaN (e.g. constant scores).
    /// </summary>
    /// <param name="scores">One score per candidate.</param>
    /// <param name="truth">Ground truth per candidate, higher is better (e.g. probe accuracy).</param>
    /// <param name="higherIsBetter">The metric's direction.</param>
    /// <param name="options">k values and bootstrap.</param>
    public static RankAgreement Compute(ReadOnlySpan<double> scores, ReadOnlySpan<double> truth, bool higherIsBetter, RankAgreementOptions? options = null)
    {
        options ??= new RankAgreementOptions();
        PairedInput.Check(scores, truth);
        var s = Orient(scores, higherIsBetter);
        var t = truth.ToArray();
        var ks = options.Ks.Distinct().Order().ToArray();
        double top = s.Length == 0 ? double.NaN : s.Max();
        return new RankAgreement(
            s.Length,
            PearsonCorrelation.Compute(s, t),
            SpearmanCorrelation.Compute(s, t),
            KendallTau.Compute(s, t),
            Correlation.WeightedTau.Compute(s, t),
            options.Bootstrap is null ? null : WeightedTauBootstrap.Interval(s, t, options.Bootstrap),
            SelectionMeasures.TopOneRelativeAccuracy(s, t),
            SelectionMeasures.Regret(s, t),
            s.Count(v => v == top),
            ks.ToDictionary(k => k, k => SelectionMeasures.RecallAtK(s, t, k)),
            ks.ToDictionary(k => k, k => SelectionMeasures.RelativeAtK(s, t, k)),
            ks.ToDictionary(k => k, k => SelectionMeasures.BestInTopK(s, t, k)));
    }

    /// <summary>Scores as a new array, negated when lower is better.</summary>
    public static double[] Orient(ReadOnlySpan<double> scores, bool higherIsBetter)
    {
        var s = scores.ToArray();
        if (!higherIsBetter)
        {
            for (int i = 0; i < s.Length; i++)
            {
                s[i] = -s[i];
            }
        }

        return s;
    }
}
