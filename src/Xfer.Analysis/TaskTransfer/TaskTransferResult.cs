using System.Collections.Generic;
using Xfer.Core;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>
/// The reported bound on the target loss (nats), evaluated on the test splits as the official script does at its last
/// epoch (l.384–429): Bound = L_w(D) + H(B, D) + τ̂·W₁.
/// </summary>
/// <param name="Bound">L_w + H + τ̂·W₁.</param>
/// <param name="WeightedSourceLoss">L_w(D) = (1/N_test) Σ_c (D_c/π_S,c) ℓ_c on the source test split.</param>
/// <param name="LabelEntropy">H(B, D) = −Σ_c D_c Σ_k B_kc log B_kc.</param>
/// <param name="Wasserstein">Class-conditional W₁ between transformed source test and target test features, averaged over classes.</param>
/// <param name="Lipschitz">τ̂: the largest input-gradient norm of −log(B·softmax(h_S(z)))_y over the official points (in h_S's input space).</param>
/// <param name="LipschitzTargetSpace">The same maximum measured in the target feature space (gradients multiplied by Āᵀ); not used in the bound, shown for diagnosis.</param>
public sealed record BoundTerms(double Bound, double WeightedSourceLoss, double LabelEntropy, double Wasserstein, double Lipschitz, double LipschitzTargetSpace);

/// <summary>The exact W₁ of one target class between the transformed source test samples mapped to it and its target test samples.</summary>
/// <param name="TargetClass">Target class index.</param>
/// <param name="SourceSamples">Transformed source test samples whose mapped label (argmax of B's column) is this class (after any subsampling).</param>
/// <param name="TargetSamples">Target test samples of this class (after any subsampling).</param>
/// <param name="Distance">W₁, or NaN when one side is empty (then the class is left out of the average).</param>
public sealed record ClassWasserstein(int TargetClass, int SourceSamples, int TargetSamples, double Distance);

/// <summary>Loss terms recorded during optimisation.</summary>
/// <param name="Epoch">Epoch (0-based).</param>
/// <param name="Terms">Objective terms on that epoch's batch, before the step.</param>
/// <param name="TargetTestAccuracy">Accuracy of the transformed source classifier on the target test split, after the step.</param>
/// <param name="SourceBatch">Source batch size.</param>
/// <param name="TargetBatch">Target batch size.</param>
public sealed record EpochRecord(int Epoch, ObjectiveTerms Terms, double TargetTestAccuracy, int SourceBatch, int TargetBatch);

/// <summary>Mean seconds per epoch spent in each phase.</summary>
/// <param name="Sampling">Drawing batches and copying rows.</param>
/// <param name="Transform">A·x + b on the source batch.</param>
/// <param name="CostMatrix">The n×m transport cost (gemm + label cost).</param>
/// <param name="Transport">The transport plan.</param>
/// <param name="Gradient">The objective and its gradient.</param>
/// <param name="Step">The Adam updates.</param>
/// <param name="Epochs">Epochs run.</param>
/// <param name="TotalSeconds">Wall time of the whole optimisation (including history evaluations).</param>
public sealed record EpochTimings(double Sampling, double Transform, double CostMatrix, double Transport, double Gradient, double Step, int Epochs, double TotalSeconds)
{
    /// <summary>Mean seconds per epoch over all phases.</summary>
    public double PerEpoch => Sampling + Transform + CostMatrix + Transport + Gradient + Step;
}

/// <summary>Everything Task Transfer Analysis reports.</summary>
public sealed class TaskTransferResult
{
    /// <summary>The bound and its terms on the test splits.</summary>
    public required BoundTerms Terms { get; init; }

    /// <summary>Mean CE (nats) on the target test split of a linear probe trained on the target train split the same way as h_S; null when the probe was skipped.</summary>
    public required double? ProbeLoss { get; init; }

    /// <summary>The probe's accuracy on the target test split.</summary>
    public required double? ProbeAccuracy { get; init; }

    /// <summary>Accuracy of the transformed source classifier h‴(z) = B·softmax(h_S(Ā(z − b))) on the target test split.</summary>
    public required double TransformedTargetAccuracy { get; init; }

    /// <summary>Mean CE of h‴ on the target test split.</summary>
    public required double TransformedTargetLoss { get; init; }

    /// <summary>Mean CE of h‴ on the transformed source test split with soft labels B·y (official <c>transformed_src_accs[1]</c>).</summary>
    public required double TransformedSourceLoss { get; init; }

    /// <summary>The official alternative bound: transformed-source loss + τ̂·W₁.</summary>
    public double AlternativeBound => TransformedSourceLoss + (Terms.Lipschitz * Terms.Wasserstein);

    /// <summary>Source head accuracy on the source test split.</summary>
    public required double SourceHeadAccuracy { get; init; }

    /// <summary>Source head mean CE on the source test split.</summary>
    public required double SourceHeadLoss { get; init; }

    /// <summary>True when the source head was trained here (false when given).</summary>
    public required bool SourceHeadTrained { get; init; }

    /// <summary>The label map B (C_T×C_S), B_kc = P(target k | source c).</summary>
    public required Matrix LabelMap { get; init; }

    /// <summary>The learned source class prior D.</summary>
    public required double[] Prior { get; init; }

    /// <summary>A (D×D), in standardised coordinates: z_T ≈ A·z_S + b.</summary>
    public required Matrix A { get; init; }

    /// <summary>Ā ≈ A⁻¹.</summary>
    public required Matrix ABar { get; init; }

    /// <summary>b.</summary>
    public required double[] Shift { get; init; }

    /// <summary>The source class prior π_S (train split).</summary>
    public required double[] SourcePrior { get; init; }

    /// <summary>The target class prior π_T (train split).</summary>
    public required double[] TargetPrior { get; init; }

    /// <summary>Source class names.</summary>
    public required IReadOnlyList<string> SourceClassNames { get; init; }

    /// <summary>Target class names.</summary>
    public required IReadOnlyList<string> TargetClassNames { get; init; }

    /// <summary>Per-class W₁.</summary>
    public required IReadOnlyList<ClassWasserstein> ClassDistances { get; init; }

    /// <summary>Objective terms every <see cref="TaskTransferOptions.HistoryEvery"/> epochs and at the last epoch.</summary>
    public required IReadOnlyList<EpochRecord> History { get; init; }

    /// <summary>Per-epoch time breakdown.</summary>
    public required EpochTimings Timings { get; init; }

    /// <summary>Seconds spent training the source head (0 when given).</summary>
    public required double SourceHeadSeconds { get; init; }

    /// <summary>Seconds spent training the probe.</summary>
    public required double ProbeSeconds { get; init; }

    /// <summary>Seconds of the final bound evaluation (class-wise exact W₁, τ̂).</summary>
    public required double EvaluationSeconds { get; init; }

    /// <summary>Things the user should know (unmatched classes, Sinkhorn non-convergence, subsampling).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The settings used.</summary>
    public required TaskTransferOptions Options { get; init; }
}
