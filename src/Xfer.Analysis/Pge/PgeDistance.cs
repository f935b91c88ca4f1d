namespace Xfer.Analysis.Pge;

/// <summary>The gap between two signatures (smaller = the source is expected to transfer better).</summary>
public enum PgeDistance
{
    /// <summary>
    /// Default: the Euclidean distance between the normalised signatures, divided by √U (U units): √((1/U)·Σ_u ‖ĝ_u(S) − ĝ_u(T)‖²),
    /// in [0, 2].
    /// </summary>
    Euclidean,

    /// <summary>
    /// Mean over units of 1 − cos(ĝ_u(S), ĝ_u(T)), in [0, 2]. With unit-norm units this is Euclidean²/2, so it ranks sources exactly
    /// as <see cref="Euclidean"/> does (they differ only through units whose gradient is zero).
    /// </summary>
    Cosine,

    /// <summary>Mean over units of the per-unit Euclidean distance ‖ĝ_u(S) − ĝ_u(T)‖ (not squared), in [0, 2].</summary>
    MeanUnitDistance,
}
