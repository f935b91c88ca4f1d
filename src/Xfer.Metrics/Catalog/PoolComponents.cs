using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xfer.Core.Errors;

namespace Xfer.Metrics.Catalog;

/// <summary>One candidate's raw quantities for a pool-relative metric (e.g. NCTI's seli, ncc and vc), before the pool normalisation.</summary>
/// <param name="Values">Named raw components.</param>
/// <param name="Warnings">Conditions the user should know about, optional.</param>
public sealed record PoolComponents(IReadOnlyDictionary<string, double> Values, IReadOnlyList<string>? Warnings = null);

/// <summary>The min-max normalisation NCTI and ETran apply to each component across the pool of candidates.</summary>
public static class PoolNormalization
{
    /// <summary>
    /// (v − min)/(max − min) over the pool. When every candidate has the same value the reference divides 0 by 0 (NaN);
    /// here the term is 0 for every candidate (it cannot separate them) and <paramref name="constant"/> is set.
    /// </summary>
    public static double[] MinMax(IReadOnlyList<double> values, out bool constant)
    {
        ArgumentNullException.ThrowIfNull(values);
        double min = values.Min(), max = values.Max();
        constant = !(max > min);
        var result = new double[values.Count];
        if (constant)
        {
            return result;
        }

        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (values[i] - min) / (max - min);
        }

        return result;
    }

    /// <summary>Throws the documented "needs at least two candidates" reason for a pool of one.</summary>
    public static void RequireTwo(IReadOnlyList<PoolComponents> pool, string displayName)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.Count < 2)
        {
            throw new MetricUnavailableException(string.Format(CultureInfo.InvariantCulture,
                "{0} min-max normalises each term across the candidates, which is undefined for {1} candidate(s); rank at least two (the raw terms are in the details).",
                displayName, pool.Count));
        }
    }

    /// <summary>Details for one candidate: its raw components plus the normalised ones (prefixed "normalized.").</summary>
    public static Dictionary<string, double> Details(PoolComponents raw, IReadOnlyDictionary<string, double> normalized)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(normalized);
        var d = new Dictionary<string, double>(raw.Values, StringComparer.Ordinal);
        foreach (var (k, v) in normalized)
        {
            d["normalized." + k] = v;
        }

        return d;
    }
}
