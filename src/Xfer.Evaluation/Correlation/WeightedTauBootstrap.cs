using System;
using System.Threading.Tasks;
using Xfer.Core;

namespace Xfer.Evaluation.Correlation;

/// <summary>
/// Bootstrap uncertainty for weighted τ: candidates are resampled with replacement (n draws from n), τ_w is recomputed on
/// each resample, and the percentile interval of the resampled values is reported (Efron &amp; Tibshirani 1993, §13.3).
/// A paired variant resamples the same candidates for two metrics, so a user sees whether one metric really beats another.
/// </summary>
/// <remarks>
/// <para>Duplicated candidates in a resample tie in both score and truth; weighted τ counts such pairs in neither sum, as
/// SciPy does. A resample on which τ_w is undefined (every drawn score, or every drawn truth, equal — e.g. one candidate
/// drawn n times) is <b>dropped</b>; the interval is taken over the remaining ones and <see cref="BootstrapInterval.Valid"/>
/// says how many. Percentiles interpolate linearly between order statistics (NumPy's default <c>percentile</c> method).</para>
/// <para>All resample indices are drawn up front from one <see cref="SeededRandom"/>, so the result does not depend on
/// the thread count. Each resample costs O(n²).</para>
/// </remarks>
public static class WeightedTauBootstrap
{
    /// <summary>τ_w of (scores, truth) with its bootstrap percentile interval. Scores must be oriented higher-is-better.</summary>
    public static BootstrapInterval Interval(ReadOnlySpan<double> scores, ReadOnlySpan<double> truth, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        PairedInput.Check(scores, truth);
        var s = scores.ToArray();
        var t = truth.ToArray();
        var draws = Draw(s.Length, options);
        var values = new double[options.Resamples];
        Parallel.For(0, options.Resamples, Parallelism.Options, b =>
        {
            var (rs, rt) = Gather(draws[b], s, t);
            values[b] = WeightedTau.Compute(rs, rt);
        });
        return Summarise(WeightedTau.Compute(s, t), values, options);
    }

    /// <summary>Paired bootstrap of τ_w(A) − τ_w(B): both metrics see the same resampled candidates.</summary>
    public static PairedBootstrapComparison Compare(ReadOnlySpan<double> scoresA, ReadOnlySpan<double> scoresB, ReadOnlySpan<double> truth, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        PairedInput.Check(scoresA, truth);
        PairedInput.Check(scoresB, truth);
        var a = scoresA.ToArray();
        var bScores = scoresB.ToArray();
        var t = truth.ToArray();
        var draws = Draw(t.Length, options);
        var values = new double[options.Resamples];
        Parallel.For(0, options.Resamples, Parallelism.Options, r =>
        {
            var (ra, rt) = Gather(draws[r], a, t);
            var (rb, _) = Gather(draws[r], bScores, t);
            values[r] = WeightedTau.Compute(ra, rt) - WeightedTau.Compute(rb, rt);
        });

        double greater = 0;
        int valid = 0;
        foreach (double d in values)
        {
            if (double.IsNaN(d))
            {
                continue;
            }

            valid++;
            greater += d > 0 ? 1.0 : d == 0 ? 0.5 : 0.0;
        }

        double estimate = WeightedTau.Compute(a, t) - WeightedTau.Compute(bScores, t);
        return new PairedBootstrapComparison(Summarise(estimate, values, options), valid > 0 ? greater / valid : double.NaN);
    }

    /// <summary>The q-quantile (0 ≤ q ≤ 1) of increasingly sorted values, interpolating linearly between order statistics (NumPy's default <c>percentile</c> method).</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static int[][] Draw(int n, BootstrapOptions options)
    {
        var rng = new SeededRandom(options.Seed);
        var draws = new int[options.Resamples][];
        for (int b = 0; b < draws.Length; b++)
        {
            var idx = new int[n];
            for (int i = 0; i < n; i++)
            {
                idx[i] = rng.Next(n);
            }

            draws[b] = idx;
        }

        return draws;
    }

    private static (double[] X, double[] Y) Gather(int[] idx, double[] x, double[] y)
    {
        var rx = new double[idx.Length];
        var ry = new double[idx.Length];
        for (int i = 0; i < idx.Length; i++)
        {
            rx[i] = x[idx[i]];
            ry[i] = y[idx[i]];
        }

        return (rx, ry);
    }

    private static BootstrapInterval Summarise(double estimate, double[] values, BootstrapOptions options)
    {
        var valid = Array.FindAll(values, v => !double.IsNaN(v));
        Array.Sort(valid);
        double alpha = 1.0 - options.Confidence;
        double lower = double.NaN, upper = double.NaN;
        if (valid.Length >= 2)
        {
            lower = Percentile(valid, alpha / 2);
            upper = Percentile(valid, 1.0 - (alpha / 2));
        }

        return new BootstrapInterval(estimate, lower, upper, options.Confidence, options.Resamples, valid.Length, options.Seed);
    }
}
