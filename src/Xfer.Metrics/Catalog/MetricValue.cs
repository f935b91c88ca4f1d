using System.Collections.Generic;

namespace Xfer.Metrics.Catalog;

/// <summary>A metric's score with its diagnostics (iterations, components, warnings). Never NaN: a metric that cannot
/// produce a number throws <see cref="Core.Errors.MetricUnavailableException"/> with the reason instead.</summary>
/// <param name="Value">The score.</param>
/// <param name="Details">Named diagnostic numbers (e.g. "iterations", "alpha"), optional.</param>
/// <param name="Warnings">Conditions the user should know about (e.g. "D > N"), optional.</param>
public sealed record MetricValue(double Value, IReadOnlyDictionary<string, double>? Details = null, IReadOnlyList<string>? Warnings = null);
