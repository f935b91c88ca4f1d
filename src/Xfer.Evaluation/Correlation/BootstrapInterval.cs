namespace Xfer.Evaluation.Correlation;

/// <summary>A statistic with its bootstrap percentile interval.</summary>
/// <param name="Estimate">The statistic on the full sample.</param>
/// <param name="Lower">Lower end of the percentile interval (NaN when fewer than two resamples were usable).</param>
/// <param name="Upper">Upper end of the percentile interval (NaN when fewer than two resamples were usable).</param>
/// <param name="Confidence">Coverage, e.g. 0.95.</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="Valid">Resamples on which the statistic was defined (the others, e.g. all drawn scores tied, are dropped).</param>
/// <param name="Seed">Seed of the resampling.</param>
public sealed record BootstrapInterval(double Estimate, double Lower, double Upper, double Confidence, int Resamples, int Valid, int Seed);

/// <summary>A paired bootstrap of the difference τ_w(A) − τ_w(B) between two metrics on the same candidates and truth.</summary>
/// <param name="Difference">The difference on the full sample, with its percentile interval.</param>
/// <param name="ProbabilityAGreater">Fraction of usable resamples with τ_w(A) &gt; τ_w(B) (ties count one half).</param>
public sealed record PairedBootstrapComparison(BootstrapInterval Difference, double ProbabilityAGreater);
