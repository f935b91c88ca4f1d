using System;
using System.Globalization;
using System.Numerics.Tensors;
using System.Threading;
using System.Threading.Tasks;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Numerics.Statistics;

/// <summary>The covariance of a mixture component is not positive definite even after regularisation.</summary>
public sealed class GaussianMixtureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GaussianMixtureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GaussianMixtureException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public GaussianMixtureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Gaussian mixture with full covariances fitted by expectation–maximisation, following scikit-learn 1.2's
/// <c>GaussianMixture(covariance_type='full')</c> step for step: k-means initialisation (<see cref="KMeans"/>) turned into one-hot
/// responsibilities, then E- and M-steps until the mean log-likelihood changes by less than the tolerance, then a last E-step
/// under the final parameters for the posteriors.
/// </summary>
/// <remarks>
/// <para><b>E-step.</b> log N(x | μ_k, Σ_k) = −½(d·log 2π + ‖U_kᵀ(x − μ_k)‖²) + log det U_k with U_k = L_k⁻ᵀ, Σ_k = L_k·L_kᵀ (scikit-learn's
/// precision Cholesky factor). Y = X·U_k − μ_kᵀU_k is one product per component through <see cref="Linalg"/>, split into column blocks
/// so the zero triangle of U_k is skipped (about 0.56 of a full product's flops with 8 blocks); the row sums of squares run in parallel.</para>
/// <para><b>M-step.</b> n_k = Σ_i r_ik + 10ε, μ_k = Σ_i r_ik·x_i/n_k, Σ_k = Σ_i r_ik·(x_i − μ_k)(x_i − μ_k)ᵀ/n_k + reg·I (scikit-learn's
/// <c>_estimate_gaussian_covariances_full</c>), weights n_k/Σn. The scatter is a symmetric rank-update over the rows with r_ik &gt; 0
/// only: rows whose responsibility underflowed to exactly 0 add exactly 0, so skipping them changes nothing but the time (in
/// high dimensions most responsibilities underflow). L_k by Cholesky; L_k⁻¹ by forward substitution, components in parallel.</para>
/// <para>Cost per iteration O(K·(N·d² + d³)) for K components in d dimensions. Deterministic for a seed; the random draws (k-means++)
/// are not NumPy's, so a fit from scikit-learn's own k-means start reaches a different local optimum. From the same explicit starting
/// parameters the two follow the same iterates up to rounding.</para>
/// </remarks>
public static class GaussianMixture
{
    /// <summary>10·ε added to every n_k (scikit-learn's guard against empty components).</summary>
    private const double CountGuard = 10 * 2.220446049250313e-16;

    /// <summary>Column blocks of the triangular product Y = X·U.</summary>
    private const int TriangularBlocks = 8;

    /// <summary>Up to this many dimensions the E-step runs fused over all components (<see cref="FusedLogDensities"/>).</summary>
    private const int FusedMaxDimensions = 64;

    /// <summary>Projected values held at once by the fused E-step: blocks of rows × K·d of about 2M values (16 MB).</summary>
    private const int FusedBlockValues = 1 << 21;

    /// <summary>Weighted rows held at once by the grouped M-step: components × N × d of about 8M values (64 MB).</summary>
    private const int GroupValues = 1 << 23;

    /// <summary>Fits the mixture to the rows of <paramref name="x"/>.</summary>
    /// <exception cref="GaussianMixtureException">A covariance is not positive definite (collapsed components); the message says which.</exception>
    public static GaussianMixtureModel Fit(Matrix x, GaussianMixtureOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        int n = x.Rows, d = x.Columns, k = options.Components;
        options.Validate(n, d);
        var work = new Workspace(n, d, k);
        int kmeansIterations = 0;
        var state = new State(d, k);
        if (options.Initial is { } initial)
        {
            state.Weights = (double[])initial.Weights.Clone();
            state.Means = initial.Means.Clone();
            for (int c = 0; c < k; c++)
            {
                state.Covariances[c] = initial.Covariances[c].Clone();
            }

            Factorise(state);
        }
        else
        {
            var km = KMeans.Fit(x, k, new KMeansOptions(Seed: options.Seed), cancellationToken);
            kmeansIterations = km.Iterations;
            var resp = work.Responsibilities;
            resp.Data.AsSpan().Clear();
            for (int i = 0; i < n; i++)
            {
                resp[i, km.Labels[i]] = 1.0;
            }

            MaximisationStep(x, resp, state, options.CovarianceRegularization, normaliseBySum: false, work);
        }

        double lowerBound = double.NegativeInfinity;
        bool converged = false;
        int iteration = 0;
        while (iteration < options.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iteration++;
            double previous = lowerBound;
            lowerBound = ExpectationStep(x, state, work);
            Exponentiate(work.Responsibilities);
            MaximisationStep(x, work.Responsibilities, state, options.CovarianceRegularization, normaliseBySum: true, work);
            if (Math.Abs(lowerBound - previous) < options.Tolerance)
            {
                converged = true;
                break;
            }
        }

        // Posteriors under the final parameters (scikit-learn's predict_proba after fit).
        cancellationToken.ThrowIfCancellationRequested();
        double finalLogLikelihood = ExpectationStep(x, state, work);
        Exponentiate(work.Responsibilities);
        return new GaussianMixtureModel(state.Weights, state.Means, state.Covariances, lowerBound, finalLogLikelihood, iteration, converged,
            kmeansIterations, work.Responsibilities);
    }

    /// <summary>Posterior responsibilities (N×K) of the rows of <paramref name="x"/> under fixed parameters, and the mean log-likelihood.</summary>
    public static (Matrix Posteriors, double MeanLogLikelihood) Posteriors(Matrix x, GaussianMixtureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.Weights.Length;
        new GaussianMixtureOptions { Components = k, Initial = parameters }.Validate(Math.Max(x.Rows, k), x.Columns);
        var state = new State(x.Columns, k) { Weights = (double[])parameters.Weights.Clone(), Means = parameters.Means.Clone() };
        for (int c = 0; c < k; c++)
        {
            state.Covariances[c] = parameters.Covariances[c].Clone();
        }

        Factorise(state);
        var work = new Workspace(x.Rows, x.Columns, k);
        double ll = ExpectationStep(x, state, work);
        Exponentiate(work.Responsibilities);
        return (work.Responsibilities, ll);
    }

    /// <summary>
    /// Writes log r_ik (the log-responsibilities) into the workspace and returns mean_i log Σ_k w_k·N(x_i | μ_k, Σ_k).
    /// </summary>
    private static double ExpectationStep(Matrix x, State s, Workspace w)
    {
        int n = x.Rows, d = x.Columns;
        var logProb = w.Responsibilities;
        double halfDLog2Pi = 0.5 * d * Math.Log(2 * Math.PI);
        if (d <= FusedMaxDimensions)
        {
            FusedLogDensities(x, s, logProb, halfDLog2Pi);
        }
        else
        {
            PerComponentLogDensities(x, s, w, halfDLog2Pi);
        }

        // log_prob_norm_i = logsumexp_k; log r_ik = weighted_ik − log_prob_norm_i. Summed in fixed chunks so the mean does not depend on threads.
        int chunks = (n + RowChunk - 1) / RowChunk;
        var partial = new double[chunks];
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            double total = 0;
            for (int i = chunk * RowChunk; i < Math.Min(n, (chunk + 1) * RowChunk); i++)
            {
                var row = logProb.Row(i);
                double max = TensorPrimitives.Max(row);
                double sum = 0;
                foreach (double v in row)
                {
                    sum += Math.Exp(v - max);
                }

                double norm = max + Math.Log(sum);
                for (int c = 0; c < row.Length; c++)
                {
                    row[c] -= norm;
                }

                total += norm;
            }

            partial[chunk] = total;
        });

        double all = 0;
        foreach (double v in partial)
        {
            all += v;
        }

        return all / n;
    }

    private const int RowChunk = 256;

    /// <summary>log w_k + log N(x_i | μ_k, Σ_k) into <paramref name="w"/>'s responsibilities, one product per component (large d).</summary>
    private static void PerComponentLogDensities(Matrix x, State s, Workspace w, double halfDLog2Pi)
    {
        int n = x.Rows, d = x.Columns, k = s.Weights.Length;
        var logProb = w.Responsibilities;
        var y = w.Projected;
        int width = Math.Max(1, (d + TriangularBlocks - 1) / TriangularBlocks);
        var shift = new double[d];
        for (int c = 0; c < k; c++)
        {
            var linv = s.LowerInverse[c];

            // Y[:, J] = X[:, 0:e] · (L⁻¹[J, 0:e])ᵀ for column blocks J = [j0, e): U = L⁻ᵀ is zero below row e in those columns.
            for (int j0 = 0; j0 < d; j0 += width)
            {
                int e = Math.Min(d, j0 + width);
                Linalg.Provider.Gemm(false, true, n, e - j0, e, 1.0, x.Data, d, linv.Data.AsSpan(j0 * d), d, 0.0, y.Data.AsSpan(j0), d);
            }

            // shift = μᵀU = (L⁻¹μ)ᵀ.
            var mean = s.Means.Row(c);
            for (int j = 0; j < d; j++)
            {
                shift[j] = TensorPrimitives.Dot(linv.Row(j)[..(j + 1)], mean[..(j + 1)]);
            }

            double constant = s.LogDetPrecision[c] - halfDLog2Pi + Math.Log(s.Weights[c]);
            int component = c;
            Parallel.For(0, (n + RowChunk - 1) / RowChunk, Parallelism.Options, chunk =>
            {
                Span<double> diff = d <= 512 ? stackalloc double[d] : new double[d];
                for (int i = chunk * RowChunk; i < Math.Min(n, (chunk + 1) * RowChunk); i++)
                {
                    TensorPrimitives.Subtract(y.Row(i), shift, diff);
                    logProb[i, component] = constant - (0.5 * TensorPrimitives.Dot(diff, diff));
                }
            });
        }

    }

    /// <summary>
    /// The same log densities for small d in one pass: the precision factors of all K components side by side, U_all = [U_1 … U_K]
    /// (d × K·d), so each block of rows needs one product X_block·U_all and one parallel loop instead of K products and K loops. With
    /// d ≤ <see cref="FusedMaxDimensions"/> a single component's product is too small to keep BLAS busy, and switching K times per
    /// iteration between BLAS threads and the managed loop cost more than the arithmetic (measured: 4.4 s of a 5.6 s EM iteration
    /// at N = 20 000, d = 24, K = 250, bench/Suite). The zero triangle of each U_k is multiplied too (about 1.8× the flops of the
    /// per-component triangular blocks), which is cheap at this size.
    /// </summary>
    private static void FusedLogDensities(Matrix x, State s, Matrix logProb, double halfDLog2Pi)
    {
        int n = x.Rows, d = x.Columns, k = s.Weights.Length, width = k * d;
        var all = new double[d * width];   // U_all[j, c·d + m] = U_c[j, m] = (L_c⁻¹)[m, j]
        var shift = new double[width];     // shift[c·d + m] = (L_c⁻¹·μ_c)[m] = (μ_cᵀU_c)[m]
        var constant = new double[k];
        for (int c = 0; c < k; c++)
        {
            var linv = s.LowerInverse[c];
            var mean = s.Means.Row(c);
            for (int m = 0; m < d; m++)
            {
                var row = linv.Row(m);
                for (int j = 0; j <= m; j++)
                {
                    all[(j * width) + (c * d) + m] = row[j];
                }

                shift[(c * d) + m] = TensorPrimitives.Dot(row[..(m + 1)], mean[..(m + 1)]);
            }

            constant[c] = s.LogDetPrecision[c] - halfDLog2Pi + Math.Log(s.Weights[c]);
        }

        int block = Math.Max(1, Math.Min(n, FusedBlockValues / width));
        var y = new double[block * width];
        for (int start = 0; start < n; start += block)
        {
            int rows = Math.Min(block, n - start);
            Linalg.Provider.Gemm(false, false, rows, width, d, 1.0, x.Data.AsSpan(start * d), d, all, width, 0.0, y, width);
            Parallel.For(0, (rows + RowChunk - 1) / RowChunk, Parallelism.Options, chunk =>
            {
                Span<double> diff = stackalloc double[FusedMaxDimensions];
                diff = diff[..d];
                for (int t = chunk * RowChunk; t < Math.Min(rows, (chunk + 1) * RowChunk); t++)
                {
                    var projected = y.AsSpan(t * width, width);
                    var target = logProb.Row(start + t);
                    for (int c = 0; c < k; c++)
                    {
                        TensorPrimitives.Subtract(projected.Slice(c * d, d), shift.AsSpan(c * d, d), diff);
                        target[c] = constant[c] - (0.5 * TensorPrimitives.Dot(diff, diff));
                    }
                }
            });
        }
    }


    private static void Exponentiate(Matrix logResp)
    {
        var data = logResp.Data;
        Parallel.For(0, (logResp.Rows + RowChunk - 1) / RowChunk, Parallelism.Options, chunk =>
        {
            int start = chunk * RowChunk * logResp.Columns;
            int end = Math.Min(data.Length, start + (RowChunk * logResp.Columns));
            for (int t = start; t < end; t++)
            {
                data[t] = Math.Exp(data[t]);
            }
        });
    }

    /// <summary>Means, covariances and weights from responsibilities (scikit-learn's <c>_estimate_gaussian_parameters</c>), then their factors.</summary>
    private static void MaximisationStep(Matrix x, Matrix resp, State s, double regularisation, bool normaliseBySum, Workspace w)
    {
        int n = x.Rows, d = x.Columns, k = s.Weights.Length;
        var counts = new double[k];
        for (int i = 0; i < n; i++)
        {
            var row = resp.Row(i);
            for (int c = 0; c < k; c++)
            {
                counts[c] += row[c];
            }
        }

        for (int c = 0; c < k; c++)
        {
            counts[c] += CountGuard;
        }

        var means = Linalg.Multiply(resp, x, transposeA: true);
        for (int c = 0; c < k; c++)
        {
            double inv = 1.0 / counts[c];
            var row = means.Row(c);
            for (int j = 0; j < d; j++)
            {
                row[j] *= inv;
            }
        }

        if (d <= FusedMaxDimensions)
        {
            GroupedCovariances(x, resp, means, counts, s, regularisation);
        }
        else
        {
            PerComponentCovariances(x, resp, means, counts, s, regularisation, w);
        }

        double total = 0;
        foreach (double v in counts)
        {
            total += v;
        }

        for (int c = 0; c < k; c++)
        {
            s.Weights[c] = counts[c] / (normaliseBySum ? total : n);
        }

        s.Means = means;
        Factorise(s);
    }

    /// <summary>Σ_k = Σ_i r_ik·(x_i − μ_k)(x_i − μ_k)ᵀ/n_k + reg·I, one component at a time, rows in parallel (large d).</summary>
    private static void PerComponentCovariances(Matrix x, Matrix resp, Matrix means, double[] counts, State s, double regularisation, Workspace w)
    {
        int n = x.Rows, d = x.Columns, k = s.Weights.Length;
        var rows = w.Rows;
        var buffer = w.Projected;
        for (int c = 0; c < k; c++)
        {
            int m = 0;
            for (int i = 0; i < n; i++)
            {
                if (resp[i, c] > 0)
                {
                    rows[m++] = i;
                }
            }

            // B_r = √r_ik·(x_i − μ_k) for the rows with r_ik > 0; Σ_k = BᵀB/n_k + reg·I.
            var mean = means.Row(c).ToArray();
            int component = c;
            Parallel.For(0, (m + RowChunk - 1) / RowChunk, Parallelism.Options, chunk =>
            {
                for (int t = chunk * RowChunk; t < Math.Min(m, (chunk + 1) * RowChunk); t++)
                {
                    int i = rows[t];
                    double weight = Math.Sqrt(resp[i, component]);
                    var src = x.Row(i);
                    var dst = buffer.Row(t);
                    for (int j = 0; j < d; j++)
                    {
                        dst[j] = weight * (src[j] - mean[j]);
                    }
                }
            });

            var cov = s.Covariances[c];
            if (cov is null || cov.Rows != d)
            {
                cov = s.Covariances[c] = new Matrix(d, d);
            }

            cov.Data.AsSpan().Clear();
            if (m > 0)
            {
                Linalg.GramAccumulate(buffer.Data.AsSpan(0, m * d), m, d, cov, 1.0 / counts[c]);
            }

            for (int j = 0; j < d; j++)
            {
                cov[j, j] += regularisation;
            }
        }
    }

    /// <summary>
    /// The same covariances for small d, a group of components at a time: one parallel loop (over the group's components) writes
    /// each component's weighted centred rows into its own buffer, then one Gram product per component. As in the fused E-step this
    /// replaces K alternations between the managed loop and BLAS by K/group (measured at N = 20 000, d = 24, K = 250: the
    /// per-component form spent most of its time switching, bench/Suite).
    /// </summary>
    private static void GroupedCovariances(Matrix x, Matrix resp, Matrix means, double[] counts, State s, double regularisation)
    {
        int n = x.Rows, d = x.Columns, k = s.Weights.Length;
        int group = Math.Max(1, Math.Min(k, GroupValues / Math.Max(1, n * d)));
        var buffers = new double[group * n * d];
        var used = new int[group];
        for (int first = 0; first < k; first += group)
        {
            int size = Math.Min(group, k - first);
            int start = first;
            Parallel.For(0, size, Parallelism.Options, g =>
            {
                int c = start + g;
                var mean = means.Row(c);
                var buffer = buffers.AsSpan(g * n * d, n * d);
                int m = 0;
                for (int i = 0; i < n; i++)
                {
                    double r = resp[i, c];
                    if (r > 0) // rows whose responsibility underflowed to 0 add exactly 0
                    {
                        double weight = Math.Sqrt(r);
                        var src = x.Row(i);
                        var dst = buffer.Slice(m * d, d);
                        for (int j = 0; j < d; j++)
                        {
                            dst[j] = weight * (src[j] - mean[j]);
                        }

                        m++;
                    }
                }

                used[g] = m;
            });
            for (int g = 0; g < size; g++)
            {
                int c = start + g;
                var cov = s.Covariances[c];
                if (cov is null || cov.Rows != d)
                {
                    cov = s.Covariances[c] = new Matrix(d, d);
                }

                cov.Data.AsSpan().Clear();
                if (used[g] > 0)
                {
                    Linalg.GramAccumulate(buffers.AsSpan(g * n * d, used[g] * d), used[g], d, cov, 1.0 / counts[c]);
                }

                for (int j = 0; j < d; j++)
                {
                    cov[j, j] += regularisation;
                }
            }
        }
    }

    /// <summary>Cholesky factors of the covariances, their lower-triangular inverses and log det of the precision factors.</summary>
    private static void Factorise(State s)
    {
        int k = s.Weights.Length;
        var lowers = new Matrix[k];
        for (int c = 0; c < k; c++)
        {
            var factor = Linalg.Cholesky(s.Covariances[c]) ?? throw new GaussianMixtureException(string.Format(CultureInfo.InvariantCulture,
                "the covariance of mixture component {0} of {1} is not positive definite (a collapsed or singleton component); use fewer components or a larger covariance regularisation.",
                c + 1, k));
            lowers[c] = factor.Lower;
        }

        Parallel.For(0, k, Parallelism.Options, c =>
        {
            s.LowerInverse[c] = InvertLower(lowers[c]);
            double logDet = 0;
            var l = lowers[c];
            for (int j = 0; j < l.Rows; j++)
            {
                logDet -= Math.Log(l[j, j]);
            }

            s.LogDetPrecision[c] = logDet;
        });
    }

    /// <summary>L⁻¹ of a lower-triangular L by forward substitution, row by row: row i = (e_i − Σ_{m&lt;i} L_im·row m)/L_ii.</summary>
    internal static Matrix InvertLower(Matrix l)
    {
        int d = l.Rows;
        var inv = new Matrix(d, d);
        for (int i = 0; i < d; i++)
        {
            var row = inv.Row(i);
            var li = l.Row(i);
            for (int m = 0; m < i; m++)
            {
                double a = li[m];
                if (a != 0)
                {
                    var src = inv.Row(m)[..(m + 1)];
                    TensorPrimitives.MultiplyAdd(src, a, row[..(m + 1)], row[..(m + 1)]);
                }
            }

            double diag = 1.0 / li[i];
            for (int j = 0; j < i; j++)
            {
                row[j] *= -diag;
            }

            row[i] = diag;
        }

        return inv;
    }

    private sealed class State(int d, int k)
    {
        public double[] Weights { get; set; } = new double[k];

        public Matrix Means { get; set; } = new Matrix(k, d);

        public Matrix[] Covariances { get; } = new Matrix[k];

        public Matrix[] LowerInverse { get; } = new Matrix[k];

        public double[] LogDetPrecision { get; } = new double[k];
    }

    private sealed class Workspace(int n, int d, int k)
    {
        /// <summary>N×K log-responsibilities, then responsibilities.</summary>
        public Matrix Responsibilities { get; } = new(n, k);

        /// <summary>N×d: the projected rows of the E-step, the weighted centred rows of the M-step.</summary>
        public Matrix Projected { get; } = new(n, d);

        /// <summary>Rows with a positive responsibility for the current component.</summary>
        public int[] Rows { get; } = new int[n];
    }
}
