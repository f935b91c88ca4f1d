using System;
using System.Globalization;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Statistics;

namespace Xfer.Metrics.Shared;

/// <summary>The class statistics a linear discriminant needs (unnormalised scatters, as <see cref="ClassMoments"/>).</summary>
/// <param name="SampleCount">N.</param>
/// <param name="Counts">n_c per class.</param>
/// <param name="ClassMeans">μ_c as rows (C×D).</param>
/// <param name="Mean">μ (length D).</param>
/// <param name="WithinScatter">S_W = Σ_c Σ_{i∈c} (x_i − μ_c)(x_i − μ_c)ᵀ.</param>
/// <param name="TotalScatter">S_T = S_W + S_B.</param>
internal sealed record LdaStatistics(int SampleCount, int[] Counts, Matrix ClassMeans, double[] Mean, Matrix WithinScatter, Matrix TotalScatter)
{
    /// <summary>D.</summary>
    public int Dimension => Mean.Length;

    /// <summary>C.</summary>
    public int ClassCount => Counts.Length;

    /// <summary>From shared class moments (no copies).</summary>
    public static LdaStatistics From(ClassMoments m) => new(m.SampleCount, m.Counts, m.ClassMeans, m.Mean, m.WithinScatter, m.TotalScatter);
}

/// <summary>
/// The shrinkage linear discriminant of SFDA (TencentARC/SFDA@eb1eee0a7e:metrics.py, class <c>SFDA</c>) and of scikit-learn's
/// <c>LinearDiscriminantAnalysis(solver='eigen', shrinkage=s)</c>: classifier coefficients μ_c·S̃_w⁻¹.
/// </summary>
/// <remarks>
/// <para>S_w = Σ_c π_c·Cov_c = S_W/N (biased class covariances weighted by the priors π_c = n_c/N);
/// S̃_w = (1 − s)·S_w + s·(tr S_w / D)·I. (scikit-learn shrinks each class covariance with its own trace before weighting; the
/// map is linear, so that is the same matrix.) Both references solve the generalised problem S_b·v = e·S̃_w·v with
/// <c>scipy.linalg.eigh</c> and set coef = M·V·Vᵀ with all D eigenvectors; eigh normalises Vᵀ·S̃_w·V = I, so V·Vᵀ = S̃_w⁻¹
/// and coef = M·S̃_w⁻¹ exactly. That product is computed here by a Cholesky solve of S̃_w (no inverse, no eigenvectors;
/// the eigenvectors are needed only for a projection, as NCTI's).</para>
/// <para>Decision d_c(x) = x·coef_cᵀ + b_c with b_c = −½·μ_c·coef_cᵀ + log π_c; p(c|x) = softmax_c d_c(x).</para>
/// </remarks>
internal sealed class FisherLda
{
    /// <summary>SFDA's floor on the adaptive shrinkage (metrics.py: <c>max(np.exp(-5 * largest_evals_w), 1e-10)</c>).</summary>
    public const double ShrinkageFloor = 1e-10;

    /// <summary>SFDA's rate in exp(−5·λ_max) (metrics.py).</summary>
    public const double ShrinkageRate = 5.0;

    private FisherLda(double shrinkage, Matrix shrunkWithin, CholeskyFactor factor, Matrix coefficients, double[] intercepts)
    {
        Shrinkage = shrinkage;
        ShrunkWithin = shrunkWithin;
        WithinFactor = factor;
        Coefficients = coefficients;
        Intercepts = intercepts;
    }

    /// <summary>s.</summary>
    public double Shrinkage { get; }

    /// <summary>S̃_w (D×D).</summary>
    public Matrix ShrunkWithin { get; }

    /// <summary>Cholesky factor of S̃_w.</summary>
    public CholeskyFactor WithinFactor { get; }

    /// <summary>coef = M·S̃_w⁻¹ (C×D).</summary>
    public Matrix Coefficients { get; }

    /// <summary>b_c = −½·μ_c·coef_cᵀ + log π_c.</summary>
    public double[] Intercepts { get; }

    /// <summary>
    /// SFDA's adaptive shrinkage max(exp(−5·λ̂), 1e-10), with λ̂ the 3-step power-iteration estimate of the largest eigenvalue
    /// of S_w = S_W/N (<see cref="PowerIteration"/>).
    /// </summary>
    /// <exception cref="MetricUnavailableException">S_w is zero (every class constant).</exception>
    public static double AdaptiveShrinkage(LdaStatistics stats, string metric)
    {
        var sw = Scaled(stats.WithinScatter, 1.0 / stats.SampleCount);
        double lambda = PowerIteration.LargestEigenvalueEstimate(sw);
        if (!double.IsFinite(lambda))
        {
            throw new MetricUnavailableException(metric + ": the within-class covariance is zero (every class is constant), so the adaptive shrinkage is undefined.");
        }

        return Math.Max(Math.Exp(-ShrinkageRate * lambda), ShrinkageFloor);
    }

    /// <summary>(1 − s)·scatter/n + s·(tr(scatter)/(n·D))·I: a shrunk covariance (scikit-learn's <c>shrunk_covariance</c> of the biased covariance).</summary>
    public static Matrix ShrunkCovariance(Matrix scatter, int n, double shrinkage)
    {
        int d = scatter.Rows;
        double trace = 0;
        for (int i = 0; i < d; i++)
        {
            trace += scatter[i, i];
        }

        var result = Scaled(scatter, (1 - shrinkage) / n);
        double add = shrinkage * trace / n / d;
        for (int i = 0; i < d; i++)
        {
            result[i, i] += add;
        }

        return result;
    }

    /// <summary>Fits the classifier with shrinkage <paramref name="shrinkage"/>.</summary>
    /// <exception cref="MetricUnavailableException">S̃_w is not numerically positive definite.</exception>
    public static FisherLda Fit(LdaStatistics stats, double shrinkage, string metric)
    {
        int c = stats.ClassCount, d = stats.Dimension;
        var sw = ShrunkCovariance(stats.WithinScatter, stats.SampleCount, shrinkage);
        var factor = Linalg.Cholesky(sw) ?? throw new MetricUnavailableException(string.Format(CultureInfo.InvariantCulture,
            "{0}: the shrunk within-class covariance (shrinkage {1:G3}, D={2}, N={3}) is not numerically positive definite; the features are degenerate (constant or collinear with too little shrinkage).",
            metric, shrinkage, d, stats.SampleCount));

        // coef = M·S̃_w⁻¹ = (S̃_w⁻¹·Mᵀ)ᵀ.
        var solved = factor.Solve(stats.ClassMeans.Transpose());
        var coef = solved.Transpose();
        var intercepts = new double[c];
        for (int k = 0; k < c; k++)
        {
            double dot = 0;
            var mk = stats.ClassMeans.Row(k);
            var ck = coef.Row(k);
            for (int j = 0; j < d; j++)
            {
                dot += mk[j] * ck[j];
            }

            intercepts[k] = (-0.5 * dot) + Math.Log((double)stats.Counts[k] / stats.SampleCount);
        }

        return new FisherLda(shrinkage, sw, factor, coef, intercepts);
    }

    /// <summary>Decision values X·coefᵀ + b (N×C).</summary>
    public Matrix Decision(Matrix x)
    {
        var scores = Linalg.Multiply(x, Coefficients, transposeB: true);
        AddIntercepts(scores, Intercepts);
        return scores;
    }

    /// <summary>Class probabilities softmax(X·coefᵀ + b) (N×C).</summary>
    public Matrix Probabilities(Matrix x)
    {
        var p = Decision(x);
        Rows.SoftmaxInPlace(p);
        return p;
    }

    /// <summary>Adds b_c to column c of every row.</summary>
    public static void AddIntercepts(Matrix scores, double[] intercepts)
    {
        for (int i = 0; i < scores.Rows; i++)
        {
            var row = scores.Row(i);
            for (int k = 0; k < intercepts.Length; k++)
            {
                row[k] += intercepts[k];
            }
        }
    }

    private static Matrix Scaled(Matrix m, double factor)
    {
        var r = m.Clone();
        for (int i = 0; i < r.Data.Length; i++)
        {
            r.Data[i] *= factor;
        }

        return r;
    }
}
