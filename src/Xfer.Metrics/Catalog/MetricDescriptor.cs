using System;

namespace Xfer.Metrics.Catalog;

/// <summary>What a metric needs from the task.</summary>
[Flags]
public enum MetricInputs
{
    /// <summary>N×D features of the target samples.</summary>
    Features = 1,

    /// <summary>Target labels.</summary>
    Labels = 2,

    /// <summary>The source head's probabilities on the target samples (LEEP, NCE).</summary>
    SourcePredictions = 4,
}

/// <summary>The catalog entry of a metric: identity, citation, inputs, direction and cost.</summary>
/// <param name="Id">CLI id, e.g. <c>logme</c>.</param>
/// <param name="DisplayName">The paper's spelling, e.g. "LogME".</param>
/// <param name="CitationKey">Key into docs/references.md, e.g. <c>You2021LogME</c>.</param>
/// <param name="Requires">Inputs the metric needs.</param>
/// <param name="HigherIsBetter">Direction: true when a higher score predicts better transfer.</param>
/// <param name="PoolRelative">True when the score is only defined relative to a pool of candidates (NCTI, ETran).</param>
/// <param name="Stochastic">True when the metric draws random numbers (it then uses the settings' seed).</param>
/// <param name="Cost">Asymptotic cost in N, D, C.</param>
/// <param name="Summary">One line: what the score is.</param>
public sealed record MetricDescriptor(
    string Id,
    string DisplayName,
    string CitationKey,
    MetricInputs Requires,
    bool HigherIsBetter,
    bool PoolRelative,
    bool Stochastic,
    string Cost,
    string Summary);
