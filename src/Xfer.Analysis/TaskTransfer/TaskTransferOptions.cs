using System;
using System.Globalization;
using Xfer.Core.Errors;
using Xfer.Numerics.Optimization;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>Which solver computes the optimal-transport plan of each training batch.</summary>
public enum BatchTransportSolver
{
    /// <summary>Exact OT (as the official code's <c>ot.emd</c>): Jonker–Volgenant when both batches have the same size, network simplex otherwise.</summary>
    Exact,

    /// <summary>Entropic OT by log-domain Sinkhorn (dense plan; an approximation controlled by <see cref="TaskTransferOptions.SinkhornEpsilon"/>).</summary>
    Sinkhorn,
}

/// <summary>How many samples of each class a training batch takes.</summary>
public enum BatchSizing
{
    /// <summary>
    /// As the official <c>get_set_based_on_prior_with_clss</c>: ⌊M·p_c⌋ samples of class c (at most its size), so the
    /// source and target batches usually differ in size by a few samples and the plan comes from the network simplex.
    /// </summary>
    Official,

    /// <summary>
    /// As <see cref="Official"/>, then the larger batch drops samples from the classes most above their share until both
    /// batches have the same size, so the exact plan is an assignment (Jonker–Volgenant, several times faster).
    /// </summary>
    Equal,
}

/// <summary>How the label-map logits B̃ start.</summary>
public enum LabelMapInitialisation
{
    /// <summary>
    /// B̃ ~ U(0, 1) (official l.236). With Λ = 10⁶ the label cost decides which target class each source class is
    /// transported to, so this random start fixes the class pairing and the feature map A must absorb it: the bound
    /// stays valid but the learned label map is an arbitrary pairing, not the semantic one.
    /// </summary>
    OfficialRandom,

    /// <summary>
    /// B̃ = log P̂(target class | source class), the empirical conditional of the source head's predictions on the
    /// standardised target train features (the LEEP/NCE label map, key Nguyen2020LEEP), floored at 10⁻⁴. Same
    /// objective, feature-informed start: related classes are paired, so the label map is readable. Not in the
    /// official code.
    /// </summary>
    SourcePredictions,
}

/// <summary>How the class-prior logits d̃ (D = softmax(d̃)) start.</summary>
public enum PriorInitialisation
{
    /// <summary>d̃ = π_S, the official code's quirk: probabilities used as logits (D starts near uniform, exactly uniform for a balanced source).</summary>
    OfficialProbabilitiesAsLogits,

    /// <summary>d̃ = log π_S, so D starts at the source prior.</summary>
    LogPrior,
}

/// <summary>
/// Settings of the linear-head training with the gradient-norm (Lipschitz) penalty used for the source head h_S and the
/// ground-truth target probe: SGD (momentum, weight decay) on CE + λ·[GP(true labels) + GP(random labels)] with
/// GP = mean_i relu(‖∇_{z_i} CE_i‖₂ − τ)². Defaults: large-scale ResNet-18 scripts of the official code (commit 74b6fe0).
/// </summary>
public sealed record HeadTrainingOptions
{
    /// <summary>SGD iterations (official: 10 001 for h_S, <c>transfer_source_to_target_pytorch_resnet18.py</c> l.152; 5 001 for the probe, <c>finetune_…_resnet18.py</c> l.35).</summary>
    public int Iterations { get; init; } = 10_001;

    /// <summary>Samples per iteration, drawn with replacement (official <c>BATCH_SIZE_finetuning = 1000</c>, <c>np.random.choice</c>).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>SGD learning rate (official 1e-4; 1e-5 when the target is CIFAR-10, l.144–147).</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>SGD momentum (official 0.9).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay on W and b (official 5e-4, PyTorch <c>weight_decay</c>).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Gradient-norm threshold τ (official <c>--TAU</c> default 0.02 for the large-scale scripts; 0.2 small-scale).</summary>
    public double Tau { get; init; } = 0.02;

    /// <summary>Penalty weight λ (official 1e4, l.198).</summary>
    public double PenaltyWeight { get; init; } = 1e4;

    /// <summary>Official settings of the ground-truth probe (5 001 iterations, otherwise as h_S).</summary>
    public static HeadTrainingOptions OfficialProbe { get; } = new() { Iterations = 5001 };

    internal void Validate(string what)
    {
        if (Iterations < 0 || BatchSize < 1 || !(LearningRate > 0) || !(Momentum >= 0 && Momentum < 1) || !(WeightDecay >= 0) || !(Tau >= 0) || !(PenaltyWeight >= 0))
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "{0} training settings are invalid: iterations {1} (≥ 0), batch {2} (≥ 1), lr {3} (> 0), momentum {4} (in [0, 1)), weight decay {5}, τ {6}, λ {7} (all ≥ 0).",
                what, Iterations, BatchSize, LearningRate, Momentum, WeightDecay, Tau, PenaltyWeight));
        }
    }
}

/// <summary>
/// Every setting of Task Transfer Analysis (Mehra, Zhang, Hamm 2023; key Mehra2023TTA). Defaults reproduce the official
/// large-scale script <c>large_scale/ResNet18/transfer_source_to_target_pytorch_resnet18.py</c> (hammlab/TaskTransferAnalysis,
/// commit 74b6fe0); the line numbers below refer to it.
/// </summary>
public sealed record TaskTransferOptions
{
    /// <summary>Optimisation epochs, one batch and one Adam step each (official <c>EPOCHS = 2001</c>, l.36).</summary>
    public int Epochs { get; init; } = 2001;

    /// <summary>Batch size M before class stratification (official <c>--BATCH_SIZE</c> default 1000, l.26; 1500/2500 in Other_Models).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Weight of the Wasserstein term λ_WD (official <c>LAMDA_WD = 2</c>, l.38).</summary>
    public double LambdaWasserstein { get; init; } = 2;

    /// <summary>Weight of the prior-matching term λ_PM (official <c>LAMDA_PM = 1</c>, l.39).</summary>
    public double LambdaPriorMatching { get; init; } = 1;

    /// <summary>Weight of the invertibility term λ_IC (official <c>LAMDA_IC = 1</c>, l.40).</summary>
    public double LambdaInvertibility { get; init; } = 1;

    /// <summary>Label-cost weight Λ in the transport cost (official <c>LAMBDA = 1E6</c>, l.45; 1e8 small-scale).</summary>
    public double LabelCostWeight { get; init; } = 1e6;

    /// <summary>Adam learning rate of A, Ā, b and B̃ (official 1e-2, l.241–244).</summary>
    public double TransformLearningRate { get; init; } = 1e-2;

    /// <summary>Adam learning rate of the prior logits d̃ (official 1e-3, l.245; 1e-4 small-scale).</summary>
    public double PriorLearningRate { get; init; } = 1e-3;

    /// <summary>Adam β₁ (Keras default 0.9).</summary>
    public double AdamBeta1 { get; init; } = 0.9;

    /// <summary>Adam β₂ (Keras default 0.999).</summary>
    public double AdamBeta2 { get; init; } = 0.999;

    /// <summary>Adam ε̂ (Keras default 1e-7).</summary>
    public double AdamEpsilon { get; init; } = 1e-7;

    /// <summary>Where Adam's ε̂ enters (Keras/TF, as the official <c>tf.keras.optimizers.Adam</c>).</summary>
    public AdamEpsilonPlacement AdamEpsilonPlacement { get; init; } = AdamEpsilonPlacement.Keras;

    /// <summary>Solver of the batch transport plan (official: exact <c>ot.emd</c>, l.356).</summary>
    public BatchTransportSolver Transport { get; init; } = BatchTransportSolver.Exact;

    /// <summary>Batch class counts (official floor rule by default).</summary>
    public BatchSizing BatchSizing { get; init; } = BatchSizing.Official;

    /// <summary>
    /// Sinkhorn ε as a fraction of the median non-squared feature distance of the batch (only with
    /// <see cref="BatchTransportSolver.Sinkhorn"/>). The label cost Λ·‖By − y_T‖ is ~10⁶ times larger, so ε must be
    /// relative to the feature part for the plan to resolve features; ε-scaling (factor 0.5 from the cost range) makes
    /// the solve converge despite that range.
    /// </summary>
    public double SinkhornEpsilon { get; init; } = 0.05;

    /// <summary>Sinkhorn iteration cap per batch.</summary>
    public int SinkhornMaxIterations { get; init; } = 1000;

    /// <summary>Sinkhorn stopping tolerance on the L1 marginal error.</summary>
    public double SinkhornTolerance { get; init; } = 1e-4;

    /// <summary>Start of the label-map logits (official random start by default).</summary>
    public LabelMapInitialisation LabelMapInitialisation { get; init; } = LabelMapInitialisation.OfficialRandom;

    /// <summary>Start of the prior logits (official quirk by default).</summary>
    public PriorInitialisation PriorInitialisation { get; init; } = PriorInitialisation.OfficialProbabilitiesAsLogits;

    /// <summary>Training of h_S when no source head is given.</summary>
    public HeadTrainingOptions SourceHead { get; init; } = new();

    /// <summary>Training of the ground-truth target probe; null skips the probe.</summary>
    public HeadTrainingOptions? Probe { get; init; } = HeadTrainingOptions.OfficialProbe;

    /// <summary>
    /// Largest class size used in each class-conditional W₁ of the final bound (a class with more test samples is
    /// subsampled, seeded). The official code uses all test samples; 0 means no limit.
    /// </summary>
    public int WassersteinMaxPerClass { get; init; } = 2500;

    /// <summary>Record the loss terms (and target-test accuracy) every this many epochs (official prints every 100, l.367).</summary>
    public int HistoryEvery { get; init; } = 100;

    /// <summary>Seed of every random choice (batches, B̃ initialisation, head initialisation, random labels, splits).</summary>
    public int Seed { get; init; } = 2023;

    /// <summary>Throws an <see cref="XferException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        void Check(bool ok, string name, double value, string rule)
        {
            if (!ok)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture, "TTA setting {0} = {1} is invalid; it must be {2}.", name, value, rule));
            }
        }

        Check(Epochs >= 0, "epochs", Epochs, "≥ 0");
        Check(BatchSize >= 2, "batch", BatchSize, "≥ 2");
        Check(LambdaWasserstein >= 0, "λ_WD", LambdaWasserstein, "≥ 0");
        Check(LambdaPriorMatching >= 0, "λ_PM", LambdaPriorMatching, "≥ 0");
        Check(LambdaInvertibility >= 0, "λ_IC", LambdaInvertibility, "≥ 0");
        Check(LabelCostWeight >= 0 && double.IsFinite(LabelCostWeight), "Λ", LabelCostWeight, "finite and ≥ 0");
        Check(TransformLearningRate > 0, "transform learning rate", TransformLearningRate, "> 0");
        Check(PriorLearningRate > 0, "prior learning rate", PriorLearningRate, "> 0");
        Check(SinkhornEpsilon > 0, "Sinkhorn ε", SinkhornEpsilon, "> 0");
        Check(SinkhornMaxIterations >= 1, "Sinkhorn iterations", SinkhornMaxIterations, "≥ 1");
        Check(WassersteinMaxPerClass >= 0, "W₁ samples per class", WassersteinMaxPerClass, "≥ 0 (0 = all)");
        Check(HistoryEvery >= 1, "history interval", HistoryEvery, "≥ 1");
        ArgumentNullException.ThrowIfNull(SourceHead);
        SourceHead.Validate("Source head");
        Probe?.Validate("Probe");
    }
}
