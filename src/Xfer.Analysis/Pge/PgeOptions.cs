using System;
using System.Globalization;

namespace Xfer.Analysis.Pge;

/// <summary>
/// Settings of Principal Gradient Expectation [Qi2022PGE] as reconstructed here (docs/pge.md gives, choice by choice, what the
/// abstract says, what we chose and why). Everything except <see cref="Distance"/> shapes the signature; two signatures can be
/// compared only when those settings agree.
/// </summary>
public sealed record PgeOptions
{
    /// <summary>Default hidden width of the shared probe layer.</summary>
    public const int DefaultHiddenUnits = 64;

    /// <summary>
    /// Width H of the shared layer D→H (default 64): large enough that its gradient carries the task's class structure, small
    /// enough that a signature (D·H values) stays a few megabytes for D ≤ 2048.
    /// </summary>
    public int HiddenUnits { get; init; } = DefaultHiddenUnits;

    /// <summary>Restarts R: the task head is re-initialised R times with different seeds (default 5).</summary>
    public int Restarts { get; init; } = 5;

    /// <summary>Mini-batch gradients T per restart (default 50, about 8 epochs of 400 samples at batch 64).</summary>
    public int StepsPerRestart { get; init; } = 50;

    /// <summary>Mini-batch size b (default 64). Batches cycle through fresh seeded permutations of the task's samples.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Adam step size of the updates between batches (default 1e-2: the head must fit the task within T = 50 steps; with the
    /// usual 1e-3 it barely moves from its random start, which weakens the label signal, docs/pge.md).
    /// </summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>What is updated between batches (default: the head only).</summary>
    public PgeTrajectory Trajectory { get; init; } = PgeTrajectory.HeadOnly;

    /// <summary>
    /// Standardise each feature with the task's own mean and population standard deviation before the probe (default true). Off:
    /// features enter as they are, which keeps differences in scale and offset between tasks in the signature.
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>What a weight unit is (default: each weight tensor).</summary>
    public PgeWeightUnit Units { get; init; } = PgeWeightUnit.Tensor;

    /// <summary>Include the shared layer's bias b₁ in the signature (default false: "weight units" are weights).</summary>
    public bool IncludeBiases { get; init; }

    /// <summary>The per-unit vector that is normalised (default: the expectation itself).</summary>
    public PgePrincipalDirection Direction { get; init; } = PgePrincipalDirection.Expectation;

    /// <summary>How two signatures are compared (not part of the signature; default Euclidean).</summary>
    public PgeDistance Distance { get; init; } = PgeDistance.Euclidean;

    /// <summary>
    /// Seed of the shared layer's initialisation and of every restart's head initialisation and batch order. Signatures compared
    /// with each other must share it, so that they are gradients of the same network.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (HiddenUnits < 1 || Restarts < 1 || StepsPerRestart < 1 || BatchSize < 1)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "PGE settings out of range: hidden units ({0}), restarts ({1}), steps per restart ({2}) and batch size ({3}) must all be ≥ 1.",
                HiddenUnits, Restarts, StepsPerRestart, BatchSize));
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "PGE learning rate must be a positive finite number; got {0}.", LearningRate));
        }

        if (!Enum.IsDefined(Trajectory) || !Enum.IsDefined(Units) || !Enum.IsDefined(Direction) || !Enum.IsDefined(Distance))
        {
            throw new ArgumentException("PGE settings hold an undefined enum value.");
        }
    }

    /// <summary>
    /// The settings that shape a signature, as canonical text (the part of the cache key that is not data): two signatures are
    /// comparable exactly when these strings are equal.
    /// </summary>
    public string SignatureSettings() => string.Format(CultureInfo.InvariantCulture,
        "hidden={0};restarts={1};steps={2};batch={3};lr={4:R};trajectory={5};standardize={6};units={7};biases={8};direction={9};seed={10}",
        HiddenUnits, Restarts, StepsPerRestart, BatchSize, LearningRate, Trajectory, Standardize, Units, IncludeBiases, Direction, Seed);

    /// <summary>One line describing the settings, for reports.</summary>
    public string Describe() => string.Format(CultureInfo.InvariantCulture,
        "PGE: {0}shared layer D→{1} (ReLU), R={2} restarts × T={3} batches of {4}, {5}, weight units per {6}{7}, {8}, {9} gap, seed {10}",
        Standardize ? "standardised features, " : "raw features, ", HiddenUnits, Restarts, StepsPerRestart, BatchSize,
        Trajectory switch
        {
            PgeTrajectory.HeadOnly => string.Format(CultureInfo.InvariantCulture, "head trained by Adam (lr {0:G3}) between batches", LearningRate),
            PgeTrajectory.Full => string.Format(CultureInfo.InvariantCulture, "head and shared layer trained by Adam (lr {0:G3})", LearningRate),
            _ => "all gradients at the initial point",
        },
        Units == PgeWeightUnit.Tensor ? "tensor" : "neuron", IncludeBiases ? " (with biases)" : string.Empty,
        Direction == PgePrincipalDirection.Expectation ? "expectation" : "top singular vector",
        Distance switch { PgeDistance.Cosine => "cosine", PgeDistance.MeanUnitDistance => "mean per-unit distance", _ => "Euclidean" },
        Seed);
}
