using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.Classification;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Optimization;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="PacTran"/>; the defaults follow google-research/pactran_metrics <c>compute_metrics.py</c>.</summary>
/// <param name="Lambda">λ_f, the prior's scale: the Gaussian prior on W has variance λ_f·N (reference grid {10, 1, 0.1}; default 1, the middle).</param>
/// <param name="S2Factor">s² = S2Factor/D, the posterior variance scale of the bound (reference pairs λ_f = 1 with {100, 10}; default 100, its
/// first entry). For λ_f = 10 the reference uses {1000, 100}, for 0.1 {10, 1}.</param>
/// <param name="MaxIterations">L-BFGS iterations at most (reference <c>options=dict(maxiter=100)</c>).</param>
/// <param name="Tolerance">Both the relative-decrease and the gradient (∞-norm) stopping tolerances (reference <c>tol=1e-6</c>, which SciPy's
/// L-BFGS-B uses as <c>ftol</c> and <c>gtol</c>).</param>
/// <param name="InitialScale">Standard deviation of the random initial weights (reference <c>np.random.normal(size) * 0.03</c>; bias 0).</param>
/// <param name="Seed">Seed of the initial weights.</param>
public sealed record PacTranOptions(
    double Lambda = 1.0,
    double S2Factor = 100.0,
    int MaxIterations = 100,
    double Tolerance = 1e-6,
    double InitialScale = 0.03,
    int Seed = 0);

/// <summary>Result of <see cref="PacTran"/>.</summary>
/// <param name="Score">PAC_Gauss = L(θ*) + ½·(D·C/(λ_f·N))·s²·log σ⁻²; lower is better.</param>
/// <param name="Loss">L(θ*), the regularised mean cross-entropy at the optimum (the reference's "pac_opt", its "linear" metric).</param>
/// <param name="InverseVariance">σ⁻² = Σ diag(∇²L)·λ_f·N/(D·C) + 1e-10.</param>
/// <param name="Iterations">L-BFGS iterations.</param>
/// <param name="StopReason">Why L-BFGS stopped.</param>
/// <param name="GradientInfinityNorm">‖∇L‖∞ at θ*.</param>
public sealed record PacTranResult(double Score, double Loss, double InverseVariance, int Iterations, LbfgsStopReason StopReason, double GradientInfinityNorm);

/// <summary>
/// PACTran with the Gaussian prior [Ding2022PACTran], as google-research/pactran_metrics@a5e49972 <c>compute_metrics.py</c>
/// (<c>calculate_pac_gauss</c>) computes it. Lower is better.
/// </summary>
/// <remarks>
/// <para>Features are centred. θ = (W ∈ ℝ^{D×C}, b ∈ ℝ^C); L(θ) = (1/N)·Σ_i CE(softmax(W·x_i + b), y_i) + ½‖W‖²/(λ_f·N), minimised by
/// <see cref="Lbfgs"/> from W ~ N(0, 0.03²), b = 0 (multinomial logistic regression, <see cref="SoftmaxRegressionObjective"/> with
/// l2 = 1/(λ_f·N)). At θ*: h = diag ∇²L with h_W[j,k] = Σ_i x_ij²·p_ik(1 − p_ik) + 1/(λ_f·N) and h_b[k] = Σ_i p_ik(1 − p_ik) (the
/// reference's <c>pac_grad2</c>, which despite the mean loss sums over samples), σ⁻² = Σh·λ_f·N/(D·C) + 1e-10, and
/// PAC_Gauss = L(θ*) + ½·(D·C/(λ_f·N))·s²·log σ⁻² with s² = 100/D. Input: features N×D, labels. Direction: lower is better.</para>
/// <para>Constants kept from the reference: the loss includes Σ_k y_k·log(y_k + 1e-10) = log(1 + 1e-10) ≈ 1e-10 per sample (its
/// KL form of the cross-entropy); σ⁻² gets + 1e-10. Stopping as SciPy's L-BFGS-B with <c>tol=1e-6, maxiter=100</c>:
/// (f_k − f_{k+1})/max(|f_k|, |f_{k+1}|, 1) ≤ 1e-6 or ‖∇L‖∞ ≤ 1e-6 or 100 iterations, memory 10. The line search is not SciPy's,
/// so when the cap or the relative-decrease test stops a not-yet-converged fit (common: at N = 20 000, D = 1024 the problem is
/// nearly separable), the stopping point differs from SciPy's by up to the decrease tolerance; from the same start and run to
/// convergence both reach the same optimum (docs/metrics/pactran.md). Stochastic through the initial weights (seed).</para>
/// <para>Variants: the Dirichlet and Gamma priors of the paper work on source probabilities and are not offered. Cost: one centred
/// copy of the features (N×D), ≤ 100 iterations of two N×D×C products each, O(N·D·C) for the Hessian diagonal.</para>
/// </remarks>
public static class PacTran
{
    /// <summary>The reference's 1e-10 inside log(y + 1e-10): Σ_k y_k·log(y_k + 1e-10) = log(1 + 1e-10) for a one-hot row.</summary>
    private static readonly double LabelEntropyOffset = Math.Log(1.0 + 1e-10);

    /// <summary>Computes PACTran-Gaussian of features N×D against labels.</summary>
    public static PacTranResult Score(Matrix features, ClassLabels labels, PacTranOptions? options = null, CancellationToken cancellationToken = default)
        => Score(new TransferTask(features, labels), options ?? new PacTranOptions(), null, null, cancellationToken);

    /// <summary>The computation, optionally from explicit initial parameters θ₀ = (W row-major, b) and with other optimiser settings (tests).</summary>
    internal static PacTranResult Score(TransferTask task, PacTranOptions options, double[]? initial, LbfgsOptions? optimizer, CancellationToken cancellationToken)
    {
        Validate(options);
        int n = task.SampleCount, d = task.FeatureCount, c = task.ClassCount;
        var mean = task.Moments.Mean;
        var centred = new Matrix(n, d);
        for (int i = 0; i < n; i++)
        {
            var src = task.Features.Row(i);
            var dst = centred.Row(i);
            for (int j = 0; j < d; j++)
            {
                dst[j] = src[j] - mean[j];
            }
        }

        double priorScale = options.Lambda * n; // the reference's ldas2
        var labels = task.Labels.ToArray();
        var objective = new SoftmaxRegressionObjective(centred, labels, c, 1.0 / priorScale);
        var theta0 = initial ?? InitialParameters(d, c, options);
        if (theta0.Length != objective.Dimension)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "θ₀ has {0} values; PACTran has D·C + C = {1}.", theta0.Length, objective.Dimension), nameof(initial));
        }

        optimizer ??= new LbfgsOptions(Memory: 10, GradientTolerance: options.Tolerance, RelativeFunctionTolerance: options.Tolerance, MaxIterations: options.MaxIterations);
        var fit = Lbfgs.Minimize(objective.Evaluate, theta0, optimizer, cancellationToken);
        double loss = fit.Value + LabelEntropyOffset;

        // Σ diag ∇²L = Σ_i (‖x_i‖² + 1)·Σ_k p_ik(1 − p_ik) + D·C/(λ_f·N).
        var w = new Matrix(d, c, fit.Minimizer.AsSpan(0, d * c).ToArray());
        var b = fit.Minimizer.AsSpan(d * c, c);
        var logits = Linalg.Multiply(centred, w);
        double hessianSum = (double)d * c / priorScale;
        for (int i = 0; i < n; i++)
        {
            var row = logits.Row(i);
            for (int k = 0; k < c; k++)
            {
                row[k] += b[k];
            }

            SoftmaxRegression.SoftmaxInPlace(row);
            double pq = 0;
            foreach (double p in row)
            {
                pq += p * (1 - p);
            }

            var x = centred.Row(i);
            double norm = 0;
            foreach (double v in x)
            {
                norm += v * v;
            }

            hessianSum += (norm + 1) * pq;
        }

        double kd = (double)d * c;
        double inverseVariance = (hessianSum * priorScale / kd) + 1e-10;
        double s2 = options.S2Factor / d;
        double score = loss + (0.5 * kd / priorScale * s2 * Math.Log(inverseVariance));
        return new PacTranResult(score, loss, inverseVariance, fit.Iterations, fit.StopReason, fit.GradientInfinityNorm);
    }

    /// <summary>θ₀: W ~ N(0, InitialScale²) drawn row-major from the seed, b = 0 (the reference's initialisation).</summary>
    internal static double[] InitialParameters(int d, int c, PacTranOptions options)
    {
        var rng = new SeededRandom(options.Seed);
        var theta = new double[(d * c) + c];
        for (int t = 0; t < d * c; t++)
        {
            theta[t] = options.InitialScale * rng.NextGaussian();
        }

        return theta;
    }

    private static void Validate(PacTranOptions o)
    {
        if (!(o.Lambda > 0) || !double.IsFinite(o.Lambda) || !(o.S2Factor > 0) || !double.IsFinite(o.S2Factor))
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "pactran.lambda and pactran.s2-factor must be finite and > 0; got {0} and {1}.", o.Lambda, o.S2Factor));
        }

        if (o.MaxIterations < 1 || !(o.Tolerance >= 0) || !(o.InitialScale >= 0))
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "pactran.max-iterations must be ≥ 1 and pactran.tol, pactran.init-scale ≥ 0; got {0}, {1}, {2}.", o.MaxIterations, o.Tolerance, o.InitialScale));
        }
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "pactran", "PACTran-Gaussian", "Ding2022PACTran", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: false, PoolRelative: false, Stochastic: true,
            Cost: "≤ 100 L-BFGS iterations × O(N·D·C) (two products each) + O(N·D) centred copy",
            Summary: "PAC-Bayesian bound of a linear head with a Gaussian prior (λ_f = 1, s² = 100/D): regularised loss + log-variance penalty; lower is better.");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var options = new PacTranOptions(
                Lambda: settings.GetDouble("pactran.lambda", 1.0),
                S2Factor: settings.GetDouble("pactran.s2-factor", 100.0),
                MaxIterations: settings.GetInt("pactran.max-iterations", 100),
                Tolerance: settings.GetDouble("pactran.tol", 1e-6),
                InitialScale: settings.GetDouble("pactran.init-scale", 0.03),
                Seed: settings.Seed);
            var r = Score(task, options, null, null, cancellationToken);
            var warnings = new List<string>();
            if (r.StopReason == LbfgsStopReason.MaxIterations)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture,
                    "L-BFGS stopped at the {0}-iteration cap (‖∇L‖∞ = {1:G3}), as the reference's maxiter=100 does; the bound is evaluated at that point.",
                    r.Iterations, r.GradientInfinityNorm));
            }

            return new MetricValue(r.Score, new Dictionary<string, double>
            {
                ["loss"] = r.Loss,
                ["inverseVariance"] = r.InverseVariance,
                ["iterations"] = r.Iterations,
                ["gradientInfinityNorm"] = r.GradientInfinityNorm,
            }, warnings);
        }
    }
}
