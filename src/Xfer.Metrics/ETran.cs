using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics.Catalog;
using Xfer.Metrics.Shared;

namespace Xfer.Metrics;

/// <summary>The classifier behind ETran's classification term.</summary>
public enum ETranClassifier
{
    /// <summary>
    /// As released (mgholamikn/ETran@a63361e1cd, <c>metrics.py:LDA</c>): coef = M·V·Vᵀ with V from <c>np.linalg.eigh(inv(S̃_w)·S_b)</c>.
    /// eigh reads only the lower triangle of that non-symmetric matrix and returns an orthonormal basis, so V·Vᵀ = I and the
    /// classifier is nearest-class-mean with Euclidean distance and log priors: p(c|x) ∝ π_c·exp(x·μ_c − ½‖μ_c‖²). The shrinkage
    /// the code computes has no effect.
    /// </summary>
    Released,

    /// <summary>The shrinkage Fisher discriminant the code intends (coef = M·S̃_w⁻¹, SFDA's first fit without ConfMix).</summary>
    Fisher,
}

/// <summary>Options of <see cref="ETran"/>.</summary>
/// <param name="Classifier">Released (default, reproduces the published numbers) or Fisher.</param>
/// <param name="EnergyPercent">Percentage of samples with the lowest energy that are averaged (reference: <c>Energy_Score(X, 0.5, 'bot')</c>).</param>
/// <param name="EnergyWeight">Weight of the normalised energy term (reference <c>tw.py</c>: 0.15; the LDA term gets 1 − 0.15 = 0.85).</param>
public sealed record ETranOptions(ETranClassifier Classifier = ETranClassifier.Released, double EnergyPercent = ETran.DefaultEnergyPercent, double EnergyWeight = ETran.DefaultEnergyWeight);

/// <summary>One candidate's raw ETran terms (before the min-max normalisation across the pool).</summary>
/// <param name="Energy">Mean of the lowest energies logsumexp(x_i) over the selected samples (higher is better).</param>
/// <param name="Lda">mean_i p(y_i | x_i) of the classifier (higher is better).</param>
/// <param name="EnergySamples">How many samples the energy averages.</param>
public sealed record ETranComponents(double Energy, double Lda, int EnergySamples);

/// <summary>
/// ETran [Gholami2023ETran], an energy-based transferability score, as mgholamikn/ETran@a63361e1cd computes it for classification
/// (<c>metrics.py</c>: <c>Energy_Score</c>, <c>LDA_Score</c>; <c>evaluate_metric.py</c>; <c>tw.py</c> for the combination).
/// Pool-relative: each term is min-max normalised across the candidates.
/// </summary>
/// <remarks>
/// <para>Energy term: E_i = logsumexp_j x_ij over each sample's penultimate <i>feature</i> vector (the released code passes the
/// features, not logits); the ⌊5·N/1000⌋ samples with the lowest E_i (reference: <c>int(0.5*10)*N//1000</c>, the bottom 0.5 %) are
/// averaged. Classification term: mean_i p(y_i|x_i) of the reference's LDA on the raw features (see <see cref="ETranClassifier"/>).
/// ETran = 0.15·minmax(energy) + 0.85·minmax(lda) over the candidates. The detection/regression term of the paper is not part of
/// the classification script and is not offered. Direction: higher is better. Input: features N×D, labels; a pool of at
/// least two candidates.</para>
/// <para>Deviations: with N &lt; 200 the reference averages an empty selection (NaN); here at least one sample is used and a
/// warning says so. A term equal for every candidate contributes 0 (reference: NaN). A single candidate has no min-max: the
/// metric is unavailable (raw terms in the details). Not invariant to translating, rotating or scaling the features
/// (the energy is not). Cost per candidate: O(N·D·C) (released) or O(N·D² + D³ + N·D·C) (Fisher, shared moments) + O(N·D + N log N).</para>
/// </remarks>
public static class ETran
{
    /// <summary>Reference percentage of lowest-energy samples.</summary>
    public const double DefaultEnergyPercent = 0.5;

    /// <summary>Reference weight of the energy term.</summary>
    public const double DefaultEnergyWeight = 0.15;

    /// <summary>Computes one candidate's raw ETran terms.</summary>
    public static ETranComponents Components(Matrix features, ClassLabels labels, ETranOptions? options = null)
        => Components(new TransferTask(features, labels), options ?? new ETranOptions());

    /// <summary>ETran = w·minmax(energy) + (1 − w)·minmax(lda) over the pool.</summary>
    public static double[] Combine(IReadOnlyList<ETranComponents> pool, double energyWeight = DefaultEnergyWeight) => Combine(pool, energyWeight, out _);

    internal static double[] Combine(IReadOnlyList<ETranComponents> pool, double energyWeight, out string[] constantTerms)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var energy = PoolNormalization.MinMax(pool.Select(p => p.Energy).ToList(), out bool c1);
        var lda = PoolNormalization.MinMax(pool.Select(p => p.Lda).ToList(), out bool c2);
        constantTerms = new[] { (c1, "energy"), (c2, "lda") }.Where(t => t.Item1).Select(t => t.Item2).ToArray();
        return energy.Select((e, i) => (energyWeight * e) + ((1 - energyWeight) * lda[i])).ToArray();
    }

    /// <summary>The number of lowest-energy samples averaged: the reference's int(percent·10)·N//1000, at least 1.</summary>
    public static int EnergySampleCount(int samples, double percent) => Math.Max(1, (int)(percent * 10) * samples / 1000);

    internal static ETranComponents Components(TransferTask task, ETranOptions options)
    {
        if (!(options.EnergyPercent > 0 && options.EnergyPercent <= 100))
        {
            throw new Core.Errors.XferException(string.Format(CultureInfo.InvariantCulture, "etran.energyPercent must lie in (0, 100]; got {0}.", options.EnergyPercent));
        }

        var x = task.Features;
        int n = task.SampleCount;
        var energies = new double[n];
        for (int i = 0; i < n; i++)
        {
            energies[i] = Rows.LogSumExp(x.Row(i));
        }

        int count = EnergySampleCount(n, options.EnergyPercent);
        Array.Sort(energies);
        double energy = 0;
        for (int i = 0; i < count; i++)
        {
            energy += energies[i];
        }

        energy /= count;
        var probabilities = options.Classifier == ETranClassifier.Fisher
            ? FisherClassifier(task)
            : NearestMeanClassifier(task);
        return new ETranComponents(energy, Rows.MeanTrueClassProbability(probabilities, task.Labels), count);
    }

    private static Matrix FisherClassifier(TransferTask task)
    {
        var stats = LdaStatistics.From(task.Moments);
        var lda = FisherLda.Fit(stats, FisherLda.AdaptiveShrinkage(stats, "etran"), "etran");
        return lda.Probabilities(task.Features);
    }

    /// <summary>The released classifier: decision x·μ_cᵀ − ½‖μ_c‖² + log π_c (coef = M, since V·Vᵀ = I).</summary>
    private static Matrix NearestMeanClassifier(TransferTask task)
    {
        var m = task.Moments;
        int c = task.ClassCount, d = task.FeatureCount;
        var intercepts = new double[c];
        for (int k = 0; k < c; k++)
        {
            double sq = 0;
            var mk = m.ClassMeans.Row(k);
            for (int j = 0; j < d; j++)
            {
                sq += mk[j] * mk[j];
            }

            intercepts[k] = (-0.5 * sq) + Math.Log((double)m.Counts[k] / task.SampleCount);
        }

        var scores = Numerics.LinearAlgebra.Linalg.Multiply(task.Features, m.ClassMeans, transposeB: true);
        FisherLda.AddIntercepts(scores, intercepts);
        Rows.SoftmaxInPlace(scores);
        return scores;
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : IPoolRelativeMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "etran", "ETran", "Gholami2023ETran", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: true, Stochastic: false,
            Cost: "per candidate: O(N·D·C + N·D + N log N) (classifier=fisher: + O(N·D² + D³)); pool: O(candidates)",
            Summary: "0.15·energy (mean of the lowest 0.5% logsumexp of the features) + 0.85·LDA accuracy term, each min-max normalised across the candidates; only in xfer rank/eval.");

        public PoolComponents ComputeComponents(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var options = ReadOptions(settings);
            var r = Components(task, options);
            var warnings = new List<string>();
            if ((int)(options.EnergyPercent * 10) * task.SampleCount / 1000 == 0)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture,
                    "N={0} is too small for the bottom {1}% (the reference averages no sample and gives NaN); the lowest-energy sample is used",
                    task.SampleCount, options.EnergyPercent));
            }

            return new PoolComponents(new Dictionary<string, double>
            {
                ["energy"] = r.Energy,
                ["lda"] = r.Lda,
                ["energySamples"] = r.EnergySamples,
            }, warnings);
        }

        public IReadOnlyList<MetricValue> Combine(IReadOnlyList<PoolComponents> pool, MetricSettings settings)
        {
            PoolNormalization.RequireTwo(pool, "ETran");
            var options = ReadOptions(settings);
            var raw = pool.Select(p => new ETranComponents(p.Values["energy"], p.Values["lda"], (int)p.Values["energySamples"])).ToList();
            var scores = ETran.Combine(raw, options.EnergyWeight, out var constant);
            var energy = PoolNormalization.MinMax(raw.Select(r => r.Energy).ToList(), out _);
            var lda = PoolNormalization.MinMax(raw.Select(r => r.Lda).ToList(), out _);
            return pool.Select((p, i) =>
            {
                var warnings = new List<string>(p.Warnings ?? []);
                if (constant.Length > 0)
                {
                    warnings.Add($"the term(s) {string.Join(", ", constant)} are equal for every candidate and contribute 0 (the reference would divide by zero)");
                }

                return new MetricValue(scores[i], PoolNormalization.Details(p, new Dictionary<string, double> { ["energy"] = energy[i], ["lda"] = lda[i] }), warnings);
            }).ToList();
        }

        private static ETranOptions ReadOptions(MetricSettings settings) => new(
            settings.GetEnum("etran.classifier", ETranClassifier.Released),
            settings.GetDouble("etran.energyPercent", DefaultEnergyPercent),
            settings.GetDouble("etran.energyWeight", DefaultEnergyWeight));
    }
}
