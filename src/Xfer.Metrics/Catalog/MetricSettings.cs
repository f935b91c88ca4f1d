using System;
using System.Collections.Generic;
using System.Globalization;
using Xfer.Core.Errors;

namespace Xfer.Metrics.Catalog;

/// <summary>
/// Settings passed to every metric: the seed for stochastic metrics, and named parameters
/// (<c>transrate.epsilon=1e-4</c>) that override a metric's documented defaults.
/// </summary>
public sealed class MetricSettings
{
    private readonly Dictionary<string, string> _parameters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Default seed of every stochastic metric.</summary>
    public const int DefaultSeed = 0;

    /// <summary>Seed for stochastic metrics (N-LEEP's EM, PARC's PCA, ...).</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>The explicitly set parameters.</summary>
    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    /// <summary>Sets a parameter, e.g. <c>Set("transrate.epsilon", "1e-3")</c>.</summary>
    public MetricSettings Set(string key, string value)
    {
        _parameters[key] = value;
        return this;
    }

    /// <summary>A floating-point parameter, or <paramref name="defaultValue"/> when not set.</summary>
    public double GetDouble(string key, double defaultValue)
    {
        if (!_parameters.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw new XferException($"Parameter {key}={text} is not a finite number.");
        }

        return v;
    }

    /// <summary>An integer parameter, or <paramref name="defaultValue"/> when not set.</summary>
    public int GetInt(string key, int defaultValue)
    {
        if (!_parameters.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
        {
            throw new XferException($"Parameter {key}={text} is not an integer.");
        }

        return v;
    }

    /// <summary>A string parameter, or <paramref name="defaultValue"/> when not set.</summary>
    public string GetString(string key, string defaultValue)
        => _parameters.TryGetValue(key, out var text) ? text : defaultValue;

    /// <summary>An enum parameter (case-insensitive name), or <paramref name="defaultValue"/> when not set.</summary>
    public TEnum GetEnum<TEnum>(string key, TEnum defaultValue)
        where TEnum : struct, Enum
    {
        if (!_parameters.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        if (!Enum.TryParse<TEnum>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var v))
        {
            throw new XferException($"Parameter {key}={text} is not one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }

        return v;
    }
}
