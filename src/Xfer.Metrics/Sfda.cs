using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Metrics.Catalog;
using Xfer.Metrics.Shared;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="Sfda"/>.</summary>
/// <param name="Shrinkage">A fixed shrinkage s ∈ [0, 1], or null for the reference's adaptive choice max(exp(−5·λ̂_max), 1e-10).</param>
public sealed record SfdaOptions(double? Shrinkage = null);

/// <summary>Result of <see cref="Sfda"/>.</summary>
/// <param name="Score">SFDA = mean_i p(y_i | x'_i) after the second fit, in (0, 1]; higher is better.</param>
/// <param name="Shrinkage">The shrinkage used by both fits.</param>
/// <param name="FirstFitScore">mean_i p(y_i | x_i) of the first fit, before ConfMix (diagnostic).</param>
public sealed record SfdaResult(double Score, double Shrinkage, double FirstFitScore);

/// <summary>
/// SFDA, Self-challenging Fisher Discriminant Analysis [Shao2022SFDA], exactly as TencentARC/SFDA@eb1eee0a7e computes it
/// (<c>metrics.py</c>: <c>SFDA_Score</c> and class <c>SFDA</c>; <c>utils.py</c>: <c>iterative_A</c>).
/// </summary>
/// <remarks>
/// <para>1. Regularised FDA on X: S_w = Σ_c π_c·Cov_c (biased), shrinkage s = max(exp(−5·λ̂), 1e-10) with λ̂ the 3-step power-iteration
/// estimate of λ_max(S_w); S̃_w = (1 − s)S_w + s·(tr S_w/D)·I. The reference solves S_b·v = e·S̃_w·v (scipy.linalg.eigh) and takes
/// coef = M·V·Vᵀ with all eigenvectors; since VᵀS̃_wV = I this is M·S̃_w⁻¹, computed here by a Cholesky solve (see
/// <c>FisherLda</c>). p(c|x) = softmax_c(x·coef_cᵀ − ½μ_c·coef_cᵀ + log π_c).</para>
/// <para>2. ConfMix ("self-challenging"): the probabilities are softened by a second softmax (of the probabilities); with p_i the
/// softened probability of sample i's own class and m̄_c = (Σ_k μ_k − μ_c)/(C − 1) the mean of the other classes' means,
/// x'_i = p_i·x_i + (1 − p_i)·m̄_{y_i}.</para>
/// <para>3. Refit the FDA on X' with the same s; SFDA = mean_i p(y_i | x'_i) — no log (the reference drops it "in case of
/// instability"). Input: features N×D, labels. Direction: higher is better.</para>
/// <para>Computation: the first fit uses the shared class moments; the mixed features are never materialised — their class
/// means and within-class scatter are accumulated block by block from x'_i − μ'_c = p_i(x_i − μ_c) + (1 − p_i)(m̄_c − μ_c)
/// − (μ'_c − μ_c), and the second decision values are p_i·(x_i·coefᵀ) + (1 − p_i)·(m̄_c·coefᵀ) + b. Cost O(N·D² + D³ + N·D·C).</para>
/// <para>Invariances: sample order, class renaming and translation; not rotation (the power iteration starts from the row sums
/// of S_w, a basis-dependent vector, and 3 steps do not converge) and not scale (exp(−5·λ̂) depends on the feature scale).
/// When s hits its floor 1e-10 and S_w is singular (D ≥ N − C), the classifier separates the training samples perfectly and the
/// score saturates at 1.</para>
/// </remarks>
public static class Sfda
{
    /// <summary>Power-iteration steps of the reference (<c>iterative_A(Sw, max_iterations=3)</c>).</summary>
    public const int PowerIterations = 3;

    /// <summary>Computes SFDA of features N×D against labels.</summary>
    public static SfdaResult Score(Matrix features, ClassLabels labels, SfdaOptions? options = null)
        => Score(new TransferTask(features, labels), options ?? new SfdaOptions());

    internal static SfdaResult Score(TransferTask task, SfdaOptions options)
    {
        const string name = "sfda";
        var x = task.Features;
        var labels = task.Labels;
        int n = task.SampleCount, d = task.FeatureCount, c = task.ClassCount;
        var stats = LdaStatistics.From(task.Moments);
        double s = options.Shrinkage ?? FisherLda.AdaptiveShrinkage(stats, name);
        if (!(s >= 0 && s <= 1))
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture, "sfda.shrinkage must lie in [0, 1]; got {0}.", s));
        }

        var first = FisherLda.Fit(stats, s, name);
        var prob = first.Probabilities(x);
        double firstScore = Rows.MeanTrueClassProbability(prob, labels);
        Rows.SoftmaxInPlace(prob); // "soften the probability using softmax for meaningful confidential mixture"
        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = prob[i, labels[i]];
        }

        // m̄_c: mean of the other classes' means; offsets δ_c = m̄_c − μ_c.
        var means = stats.ClassMeans;
        var sum = new double[d];
        for (int k = 0; k < c; k++)
        {
            var mk = means.Row(k);
            for (int j = 0; j < d; j++)
            {
                sum[j] += mk[j];
            }
        }

        var outer = new Matrix(c, d);
        var offset = new Matrix(c, d);
        for (int k = 0; k < c; k++)
        {
            for (int j = 0; j < d; j++)
            {
                outer[k, j] = (sum[j] - means[k, j]) / (c - 1);
                offset[k, j] = outer[k, j] - means[k, j];
            }
        }

        // Class means of X': μ'_c = μ_c + [Σ p_i(x_i − μ_c) + Σ(1 − p_i)·δ_c]/n_c.
        var groups = labels.SamplesByClass();
        var mixedMeans = new Matrix(c, d);
        var shift = new Matrix(c, d); // μ'_c − μ_c
        for (int k = 0; k < c; k++)
        {
            var sh = shift.Row(k);
            var mk = means.Row(k);
            double rest = 0;
            foreach (int i in groups[k])
            {
                var row = x.Row(i);
                for (int j = 0; j < d; j++)
                {
                    sh[j] += p[i] * (row[j] - mk[j]);
                }

                rest += 1 - p[i];
            }

            var off = offset.Row(k);
            var mm = mixedMeans.Row(k);
            for (int j = 0; j < d; j++)
            {
                sh[j] = (sh[j] + (rest * off[j])) / groups[k].Length;
                mm[j] = mk[j] + sh[j];
            }
        }

        // Within-class scatter of X', block by block: x'_i − μ'_c = p_i(x_i − μ_c) + (1 − p_i)δ_c − (μ'_c − μ_c).
        var within = new Matrix(d, d);
        for (int k = 0; k < c; k++)
        {
            int cls = k;
            void Mixed(int i, Span<double> z)
            {
                var row = x.Row(i);
                double pi = p[i];
                for (int j = 0; j < d; j++)
                {
                    z[j] = (pi * (row[j] - means[cls, j])) + ((1 - pi) * offset[cls, j]) - shift[cls, j];
                }
            }

            RowBlocks.AccumulateGram(groups[k], d, Mixed, within);
        }

        var mixedMean = new double[d];
        for (int k = 0; k < c; k++)
        {
            double w = (double)groups[k].Length / n;
            for (int j = 0; j < d; j++)
            {
                mixedMean[j] += w * mixedMeans[k, j];
            }
        }

        var dev = new Matrix(c, d);
        for (int k = 0; k < c; k++)
        {
            double w = Math.Sqrt(groups[k].Length);
            for (int j = 0; j < d; j++)
            {
                dev[k, j] = w * (mixedMeans[k, j] - mixedMean[j]);
            }
        }

        var total = Linalg.Gram(dev);
        for (int i = 0; i < total.Data.Length; i++)
        {
            total.Data[i] += within.Data[i];
        }

        var second = FisherLda.Fit(new LdaStatistics(n, stats.Counts, mixedMeans, mixedMean, within, total), s, name);

        // Decision on X': p_i·(x_i·coefᵀ) + (1 − p_i)·(m̄_c·coefᵀ) + b.
        var xc = Linalg.Multiply(x, second.Coefficients, transposeB: true);
        var mc = Linalg.Multiply(outer, second.Coefficients, transposeB: true);
        for (int i = 0; i < n; i++)
        {
            var row = xc.Row(i);
            var mrow = mc.Row(labels[i]);
            for (int k = 0; k < c; k++)
            {
                row[k] = (p[i] * row[k]) + ((1 - p[i]) * mrow[k]) + second.Intercepts[k];
            }
        }

        Rows.SoftmaxInPlace(xc);
        return new SfdaResult(Rows.MeanTrueClassProbability(xc, labels), s, firstScore);
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "sfda", "SFDA", "Shao2022SFDA", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "O(N·D² + D³ + N·D·C)",
            Summary: "Mean p(y|x) of a shrinkage Fisher discriminant refitted after the ConfMix self-challenge, as TencentARC/SFDA.");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            double fixedShrinkage = settings.GetDouble("sfda.shrinkage", double.NaN);
            var r = Score(task, new SfdaOptions(double.IsNaN(fixedShrinkage) ? null : fixedShrinkage));
            var warnings = new List<string>();
            if (r.Score >= 1 - 1e-12)
            {
                warnings.Add("the discriminant separates the training samples perfectly (always so when D ≥ N − C with the 1e-10 shrinkage floor), so SFDA saturates at 1 and cannot tell such candidates apart");
            }

            return new MetricValue(r.Score, new Dictionary<string, double> { ["shrinkage"] = r.Shrinkage, ["firstFitScore"] = r.FirstFitScore }, warnings);
        }
    }
}
