using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="LogMe"/>.</summary>
/// <param name="MaxIterations">Cap on MacKay fixed-point iterations per class. 10 000 iterations cost O(10⁴·D) per class, negligible
/// next to the eigendecomposition; typical convergence takes 5–50.</param>
/// <param name="Tolerance">Stop when |Δ log α| and |Δ log β| both fall below this (1e-10: the evidence is then stationary to
/// far below the digits reported).</param>
public sealed record LogMeOptions(int MaxIterations = 10_000, double Tolerance = 1e-10);

/// <summary>Result of <see cref="LogMe"/>.</summary>
/// <param name="Score">Mean over classes of the maximised log evidence divided by N (nats per sample); higher is better.</param>
/// <param name="ClassEvidence">Per class: log p(y_c | F, α*, β*)/N.</param>
/// <param name="Alphas">Per class: prior precision α*.</param>
/// <param name="Betas">Per class: noise precision β*.</param>
/// <param name="Iterations">Largest number of fixed-point iterations over the classes.</param>
/// <param name="Converged">True when every class met the tolerance.</param>
public sealed record LogMeResult(double Score, double[] ClassEvidence, double[] Alphas, double[] Betas, int Iterations, bool Converged);

/// <summary>
/// LogME [You2021LogME, You2022RankingTuning]: the average log marginal likelihood (evidence) of a Bayesian linear
/// regression from the features to each one-hot label column, maximised over the prior and noise precisions.
/// This is the exact evidence, also when D &gt; N.
/// </summary>
/// <remarks>
/// <para>Model per class c: y_c = F·w + e, w ~ N(0, α⁻¹I_D), e ~ N(0, β⁻¹I_N). Log evidence
/// L(α, β) = (D/2)·log α + (N/2)·log β − ½·Σ_{i=1..D} log(α + β·σ_i) − (β/2)·‖y − F·m‖² − (α/2)·‖m‖² − (N/2)·log 2π,
/// with σ_i the eigenvalues of FᵀF (including its zeros when D &gt; N) and m = β(αI + βFᵀF)⁻¹Fᵀy.
/// α, β are maximised by MacKay's fixed point α = γ/‖m‖², β = (N − γ)/‖y − Fm‖², γ = Σ βσ_i/(α + βσ_i),
/// started at α = β = 1 as in the reference code. Score = (1/C)·Σ_c L_c/N. Features are used uncentred, as in the paper.
/// Input: features N×D, labels. Direction: higher is better.</para>
/// <para>Computation in the eigenbasis: one eigendecomposition of FᵀF (D×D, shared with other metrics) when N ≥ D, or of
/// FFᵀ (N×N) when D &gt; N; Fᵀy_c = n_c·μ_c comes from the class means. Residuals are accumulated as sums of
/// non-negative terms (Σ x_i²/(1 + σ_i/λ)² plus the energy outside the span), not by cancellation.
/// Cost O(N·D·min(N,D) + min(N,D)³ + C·D·iterations).</para>
/// <para>Variants: thuml/LogME's fixed-point code (<c>logme-thuml</c>) sums the log-determinant only over the k = rank
/// non-zero eigenvalues while keeping (D/2)·log α, so for D &gt; N its score is inflated by (D−k)/(2N)·log α; it also
/// stops after ≤ 11 iterations at relative tolerance 1e-3 and adds 1e-5 to the denominators. This implementation
/// includes the −½(D−k)·log α term, iterates to convergence and adds no fudge constants (peers.md §1.2).</para>
/// </remarks>
public static class LogMe
{
    /// <summary>Computes LogME of features N×D against labels.</summary>
    public static LogMeResult Score(Matrix features, ClassLabels labels, LogMeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        var task = new TransferTask(features, labels);
        return Score(task, options ?? new LogMeOptions());
    }

    /// <summary>Computes LogME on a task, sharing its Gram eigendecomposition and class means.</summary>
    internal static LogMeResult Score(TransferTask task, LogMeOptions options)
    {
        var spectrum = Spectrum.Of(task);
        int c = task.ClassCount;
        var evidence = new double[c];
        var alphas = new double[c];
        var betas = new double[c];
        int maxIter = 0;
        bool converged = true;
        for (int k = 0; k < c; k++)
        {
            var fit = Maximise(spectrum.Sigma, spectrum.X2[k], spectrum.ResidualEnergy[k], task.SampleCount, task.FeatureCount, options);
            evidence[k] = fit.Evidence / task.SampleCount;
            alphas[k] = fit.Alpha;
            betas[k] = fit.Beta;
            maxIter = Math.Max(maxIter, fit.Iterations);
            converged &= fit.Converged;
        }

        double score = 0;
        foreach (double e in evidence)
        {
            score += e;
        }

        return new LogMeResult(score / c, evidence, alphas, betas, maxIter, converged);
    }

    /// <summary>
    /// The exact log evidence L(α, β) at fixed α, β for one target vector, given the eigenvalues σ of FᵀF restricted to
    /// the span (σ_i &gt; 0), the squared projections x_i² = (u_iᵀy)² of y on the corresponding left singular vectors,
    /// the energy of y outside that span, N and D. Exposed for verification against the dense closed form.
    /// </summary>
    public static double Evidence(ReadOnlySpan<double> sigma, ReadOnlySpan<double> x2, double residualEnergy, int n, int d, double alpha, double beta)
    {
        double lambda = alpha / beta;
        double logDet = (d - sigma.Length) * Math.Log(alpha);
        double res2 = residualEnergy, m2 = 0;
        for (int i = 0; i < sigma.Length; i++)
        {
            double s = sigma[i];
            logDet += Math.Log(alpha + (beta * s));
            double shrink = lambda / (s + lambda);        // 1/(1 + σ/λ)
            res2 += x2[i] * shrink * shrink;
            m2 += s * x2[i] / ((s + lambda) * (s + lambda));
        }

        return (0.5 * d * Math.Log(alpha)) + (0.5 * n * Math.Log(beta)) - (0.5 * logDet)
               - (0.5 * beta * res2) - (0.5 * alpha * m2) - (0.5 * n * Math.Log(2 * Math.PI));
    }

    private static Fit Maximise(double[] sigma, double[] x2, double residualEnergy, int n, int d, LogMeOptions o)
    {
        double alpha = 1.0, beta = 1.0; // reference initialisation (thuml/LogME, TLlib)
        int it = 0;
        bool converged = false;
        while (it < o.MaxIterations)
        {
            it++;
            double lambda = alpha / beta, gamma = 0, m2 = 0, res2 = residualEnergy;
            for (int i = 0; i < sigma.Length; i++)
            {
                double s = sigma[i];
                gamma += s / (s + lambda);
                double shrink = lambda / (s + lambda);
                res2 += x2[i] * shrink * shrink;
                m2 += s * x2[i] / ((s + lambda) * (s + lambda));
            }

            if (!(m2 > 0) || !(res2 > 0) || !(n - gamma > 0))
            {
                break; // degenerate (y orthogonal to the features, or fitted exactly): keep the last finite iterate
            }

            double a2 = gamma / m2, b2 = (n - gamma) / res2;
            bool done = Math.Abs(Math.Log(a2 / alpha)) < o.Tolerance && Math.Abs(Math.Log(b2 / beta)) < o.Tolerance;
            alpha = a2;
            beta = b2;
            if (done)
            {
                converged = true;
                break;
            }
        }

        return new Fit(Evidence(sigma, x2, residualEnergy, n, d, alpha, beta), alpha, beta, it, converged);
    }

    private readonly record struct Fit(double Evidence, double Alpha, double Beta, int Iterations, bool Converged);

    /// <summary>The eigen-quantities LogME needs, per class: σ (span of F) and x_i² = (u_iᵀ y_c)², plus energy outside the span.</summary>
    internal sealed class Spectrum
    {
        private Spectrum(double[] sigma, double[][] x2, double[] residual)
        {
            Sigma = sigma;
            X2 = x2;
            ResidualEnergy = residual;
        }

        public double[] Sigma { get; }

        public double[][] X2 { get; }

        public double[] ResidualEnergy { get; }

        /// <summary>
        /// Eigenvalues at or below σ_max·max(N, D)·ε_machine are treated as zero: the eigensolver's absolute error is of
        /// order ε_machine·σ_max, so smaller values are rounding noise (the rule of numpy's matrix_rank, applied to FᵀF).
        /// The choice hardly matters: a dropped σ_i contributes log α instead of log(α + βσ_i) ≈ log α.
        /// </summary>
        public static Spectrum Of(TransferTask task)
            => task.Shared("logme:spectrum", t => t.SampleCount >= t.FeatureCount ? FromGram(t) : FromKernel(t));

        // N ≥ D: FᵀF = V·diag(σ)·Vᵀ. For one-hot y_c, Fᵀy_c = n_c·μ_c, z = Vᵀ·Fᵀy_c, x_i² = z_i²/σ_i.
        private static Spectrum FromGram(TransferTask task)
        {
            var eig = task.GramEigen;
            var v = eig.Vectors!;
            int d = task.FeatureCount, c = task.ClassCount, n = task.SampleCount;
            var moments = task.Moments;
            double max = Math.Max(0, eig.Values[^1]);
            double cutoff = max * Math.Max(n, d) * NumericConstants.MachineEpsilon;
            var keep = new List<int>();
            for (int i = 0; i < d; i++)
            {
                if (eig.Values[i] > cutoff)
                {
                    keep.Add(i);
                }
            }

            // FᵀY (D×C) = class sums; Z = Vᵀ·FᵀY.
            var fty = new Matrix(d, c);
            for (int k = 0; k < c; k++)
            {
                var mk = moments.ClassMeans.Row(k);
                for (int j = 0; j < d; j++)
                {
                    fty[j, k] = moments.Counts[k] * mk[j];
                }
            }

            var z = Linalg.Multiply(v, fty, transposeA: true);
            var sigma = new double[keep.Count];
            var x2 = new double[c][];
            var residual = new double[c];
            for (int k = 0; k < c; k++)
            {
                x2[k] = new double[keep.Count];
                double inSpan = 0;
                for (int t = 0; t < keep.Count; t++)
                {
                    int i = keep[t];
                    sigma[t] = eig.Values[i];
                    double zi = z[i, k];
                    x2[k][t] = zi * zi / eig.Values[i];
                    inSpan += x2[k][t];
                }

                residual[k] = Math.Max(0, moments.Counts[k] - inSpan); // ‖y_c‖² = n_c
            }

            return new Spectrum(sigma, x2, residual);
        }

        // D > N: FFᵀ = U·diag(σ)·Uᵀ (N×N); x_i = u_iᵀy_c = Σ_{rows in class c} U_{r,i}.
        private static Spectrum FromKernel(TransferTask task)
        {
            var f = task.Features;
            int n = task.SampleCount, c = task.ClassCount;
            var kernel = Linalg.Multiply(f, f, transposeB: true);
            var eig = Linalg.SymmetricEigen(kernel);
            var u = eig.Vectors!;
            double max = Math.Max(0, eig.Values[^1]);
            double cutoff = max * Math.Max(n, task.FeatureCount) * NumericConstants.MachineEpsilon;
            var keep = new List<int>();
            for (int i = 0; i < n; i++)
            {
                if (eig.Values[i] > cutoff)
                {
                    keep.Add(i);
                }
            }

            var sigma = new double[keep.Count];
            for (int t = 0; t < keep.Count; t++)
            {
                sigma[t] = eig.Values[keep[t]];
            }

            var x2 = new double[c][];
            var residual = new double[c];
            var groups = task.Labels.SamplesByClass();
            for (int k = 0; k < c; k++)
            {
                x2[k] = new double[keep.Count];
                double inSpan = 0;
                for (int t = 0; t < keep.Count; t++)
                {
                    int i = keep[t];
                    double xi = 0;
                    foreach (int r in groups[k])
                    {
                        xi += u[r, i];
                    }

                    x2[k][t] = xi * xi;
                    inSpan += xi * xi;
                }

                residual[k] = Math.Max(0, groups[k].Length - inSpan);
            }

            return new Spectrum(sigma, x2, residual);
        }
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "logme", "LogME", "You2021LogME", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "O(N·D·min(N,D) + min(N,D)³ + C·D·iterations)",
            Summary: "Maximised log evidence of Bayesian linear regression from features to each one-hot label column, per sample (exact, also for D > N).");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var options = new LogMeOptions(settings.GetInt("logme.maxIterations", 10_000), settings.GetDouble("logme.tolerance", 1e-10));
            var r = Score(task, options);
            var warnings = new List<string>();
            if (!r.Converged)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture,
                    "the evidence maximisation did not converge for every class within {0} iterations (labels in the span of the features, or a degenerate class); values are at the last iterate", r.Iterations));
            }

            return new MetricValue(r.Score, new Dictionary<string, double>
            {
                ["iterations"] = r.Iterations,
                ["meanLogAlpha"] = MeanLog(r.Alphas),
                ["meanLogBeta"] = MeanLog(r.Betas),
            }, warnings);
        }

        private static double MeanLog(double[] v)
        {
            double s = 0;
            foreach (double x in v)
            {
                s += Math.Log(x);
            }

            return s / v.Length;
        }
    }
}
