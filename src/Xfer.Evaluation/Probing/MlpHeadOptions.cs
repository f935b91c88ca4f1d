using System;
using System.Globalization;

namespace Xfer.Evaluation.Probing;

/// <summary>Settings of <see cref="MlpHead.Train"/>; every default states its source.</summary>
public sealed record MlpHeadOptions
{
    /// <summary>Hidden width H (default 256).</summary>
    public int HiddenUnits { get; init; } = 256;

    /// <summary>Adam step size (default 1e-3, Kingma &amp; Ba's and PyTorch's default).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Mini-batch size (default 128).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Epoch cap (default 200); with <see cref="ValidationFraction"/> 0 exactly this many epochs run.</summary>
    public int MaxEpochs { get; init; } = 200;

    /// <summary>L2 penalty ½·λ·(‖W₁‖² + ‖W₂‖²) added to the mean cross-entropy (biases unpenalised; default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// Fraction of the training rows held out (stratified, seeded) for early stopping (default 0.1, scikit-learn
    /// MLPClassifier's <c>validation_fraction</c>); 0 trains for <see cref="MaxEpochs"/> on all rows.
    /// </summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Epochs without a lower validation cross-entropy before stopping (default 10, MLPClassifier's <c>n_iter_no_change</c>).</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Standardise inputs with training-row statistics (part of the head; default true).</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Seed of the initialisation, the validation split and the shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (HiddenUnits < 1 || BatchSize < 1 || MaxEpochs < 1 || Patience < 1 || !(LearningRate > 0) || !(WeightDecay >= 0)
            || !(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentException("MLP head settings out of range: hidden units, batch size, epochs and patience must be ≥ 1, learning rate > 0, weight decay ≥ 0, validation fraction in [0, 1).");
        }
    }

    /// <summary>One line describing the head, for reports.</summary>
    public string Describe() => string.Format(CultureInfo.InvariantCulture,
        "one-hidden-layer MLP head (ReLU, {0} units), {1}features, Adam lr={2:G3}, batch {3}, weight decay {4:G3}, {5}, seed {6}",
        HiddenUnits, Standardize ? "standardised " : "raw ", LearningRate, BatchSize, WeightDecay,
        ValidationFraction > 0
            ? string.Format(CultureInfo.InvariantCulture, "early stopping on a {0:P0} stratified validation split (patience {1}, ≤{2} epochs)", ValidationFraction, Patience, MaxEpochs)
            : string.Format(CultureInfo.InvariantCulture, "{0} epochs", MaxEpochs),
        Seed);
}
