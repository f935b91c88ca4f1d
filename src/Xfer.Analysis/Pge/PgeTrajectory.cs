namespace Xfer.Analysis.Pge;

/// <summary>What happens to the probe network between the mini-batch gradients of one restart.</summary>
public enum PgeTrajectory
{
    /// <summary>
    /// Default. The task head (H→C) takes an Adam step after every batch; the shared layer stays at its fixed
    /// initialisation, so every gradient of the signature is taken at the same shared weights. The head learns the task
    /// during the restart, which is what puts the labels into the shared layer's gradient.
    /// </summary>
    HeadOnly,

    /// <summary>
    /// No updates: every batch gradient is taken at the initial point (shared layer and the restart's random head). Cheapest,
    /// but the label-dependent part of the shared gradient is linear in the random head and averages out over restarts
    /// (docs/pge.md, "Why the head is trained").
    /// </summary>
    AtInitialisation,

    /// <summary>Both the head and the shared layer take Adam steps (a short fine-tuning run per restart).</summary>
    Full,
}
