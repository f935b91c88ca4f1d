using System;
using System.Globalization;

namespace Xfer.Evaluation.Correlation;

/// <summary>Settings of the candidate bootstrap.</summary>
/// <param name="Resamples">Number of bootstrap resamples B (default 1000, the usual choice for 95 % percentile intervals; Efron &amp; Tibshirani 1993 §13.3).</param>
/// <param name="Confidence">Coverage of the percentile interval (default 0.95).</param>
/// <param name="Seed">Seed of the resampling.</param>
public sealed record BootstrapOptions(int Resamples = 1000, double Confidence = 0.95, int Seed = 0)
{
    /// <summary>Throws when the settings are out of range.</summary>
    public void Validate()
    {
        if (Resamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Resamples), Resamples, "The bootstrap needs at least one resample.");
        }

        if (!(Confidence > 0 && Confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence.ToString(CultureInfo.InvariantCulture), "Confidence must lie strictly between 0 and 1.");
        }
    }
}
