using System;
using System.Collections.Generic;
using Xfer.Evaluation.Correlation;
using Xfer.Evaluation.Probing;
using Xfer.Metrics.Catalog;

namespace Xfer.Evaluation.Harness;

/// <summary>Settings of <see cref="EvaluationHarness.Run"/>.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Test fraction used when no separate test labels are given (default 0.2).</summary>
    public const double DefaultTestFraction = 0.2;

    /// <summary>Metrics to score (single-task and pool-relative); every catalog metric by default.</summary>
    public IReadOnlyList<ITransferabilityMetric> Metrics { get; init; } = MetricCatalog.All;

    /// <summary>Seed and parameters passed to every metric.</summary>
    public MetricSettings MetricSettings { get; init; } = new();

    /// <summary>Fraction of the labelled samples held out as the test set when no test set is given.</summary>
    public double TestFraction { get; init; } = DefaultTestFraction;

    /// <summary>The linear probe's protocol (used unless <see cref="MlpHead"/> is set).</summary>
    public LinearProbeOptions Probe { get; init; } = new();

    /// <summary>When set, the ground truth comes from an MLP head with these settings instead of the linear probe.</summary>
    public MlpHeadOptions? MlpHead { get; init; }

    /// <summary>The k values of the top-k measures and the τ_w bootstrap.</summary>
    public RankAgreementOptions Agreement { get; init; } = new(null, new BootstrapOptions());

    /// <summary>Master seed: the train/test split, the probe folds and the bootstrap derive from it.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (!(TestFraction > 0 && TestFraction < 1))
        {
            throw new ArgumentException("The test fraction must lie strictly between 0 and 1.");
        }

        Probe.Validate();
        MlpHead?.Validate();
        Agreement.Bootstrap?.Validate();
    }
}
