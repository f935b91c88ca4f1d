using System;
using System.Globalization;
using System.Threading.Tasks;
using Xfer.Core;

namespace Xfer.Numerics.OptimalTransport;

/// <summary>Settings of <see cref="SinkhornLog"/>.</summary>
public sealed record SinkhornOptions
{
    /// <summary>Entropic regularisation ε (in the units of the cost). Smaller is closer to exact OT and slower.</summary>
    public double Epsilon { get; init; } = 1e-1;

    /// <summary>Iteration cap (POT's <c>numItermax</c> default is 1000).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Stop when the L1 error of the column marginal (rows are exact after each sweep) is at most this (POT's <c>stopThr</c>, default 1e-9, is the L2 norm of the same error).</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>Check the marginal error every this many sweeps (POT checks every 10).</summary>
    public int CheckEvery { get; init; } = 1;

    /// <summary>
    /// ε-scaling factor in (0, 1), or 0 for none. With scaling, ε starts at the cost range max C − min C and is
    /// multiplied by this factor after each stage until it reaches <see cref="Epsilon"/>, warm-starting the potentials;
    /// intermediate stages run until their marginal error is below 10⁻³ or 100 sweeps (Schmitzer 2019, key
    /// Schmitzer2019Stabilized). Needed when the cost range is many orders above ε (as with TTA's label cost).
    /// All sweeps count towards <see cref="MaxIterations"/>.
    /// </summary>
    public double EpsilonScaling { get; init; }
}

/// <summary>
/// Entropic optimal transport, min ⟨γ, C⟩ − ε·H(γ) over plans with marginals a, b, solved by Sinkhorn's
/// alternating projections in the log domain (stable for any ε > 0: no exp(−C/ε) kernel is formed).
/// </summary>
/// <remarks>
/// <para>Dual potentials f (rows) and g (columns); the plan is γ_ij = exp((f_i + g_j − C_ij)/ε). One sweep:
/// g_j ← ε log b_j − ε·LSE_i((f_i − C_ij)/ε), then f_i ← ε log a_i − ε·LSE_j((g_j − C_ij)/ε) (the order and
/// updates of POT's <c>sinkhorn_log</c>, which keeps u = f/ε, v = g/ε). After a sweep the row marginal is exact, and
/// the column marginal error Σ_j |Σ_i γ_ij − b_j| is the stopping criterion (Cuturi 2013, key Cuturi2013Sinkhorn;
/// log-domain stabilisation as in Peyré &amp; Cuturi 2019, §4.4, key Peyre2019COT).</para>
/// <para>Nothing fails silently: a non-finite cost or weight throws; a run that hits the iteration cap returns
/// <c>Converged = false</c> with its marginal error; the result is finite for every ε &gt; 0.</para>
/// </remarks>
public static class SinkhornLog
{
    // Below this many cost entries a sweep is cheaper than the thread hand-off.
    private const long ParallelThreshold = 1 << 16;

    /// <summary>Solves with uniform weights 1/n, 1/m.</summary>
    public static TransportResult SolveUniform(ReadOnlySpan<double> cost, int n, int m, SinkhornOptions? options = null)
    {
        var a = new double[n];
        var b = new double[m];
        Array.Fill(a, 1.0 / n);
        Array.Fill(b, 1.0 / m);
        return Solve(a, b, cost, options);
    }

    /// <summary>Solves with weights a (length n) and b (length m), each normalised to total mass 1.</summary>
    public static TransportResult Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> cost, SinkhornOptions? options = null)
    {
        options ??= new SinkhornOptions();
        int n = a.Length, m = b.Length;
        if (n == 0 || m == 0 || cost.Length != (long)n * m)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Sinkhorn needs n, m ≥ 1 and an n×m cost; got n = {0}, m = {1} and {2} costs.", n, m, cost.Length));
        }

        if (!(options.Epsilon > 0) || !double.IsFinite(options.Epsilon) || options.MaxIterations < 1 || !(options.Tolerance >= 0) || options.CheckEvery < 1
            || !(options.EpsilonScaling >= 0 && options.EpsilonScaling < 1))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Sinkhorn needs ε > 0, at least one iteration, a tolerance ≥ 0, CheckEvery ≥ 1 and ε-scaling in [0, 1); got ε = {0}, {1} iterations, tolerance {2}, CheckEvery {3}, scaling {4}.",
                options.Epsilon, options.MaxIterations, options.Tolerance, options.CheckEvery, options.EpsilonScaling));
        }

        var logA = LogWeights(a, "a");
        var logB = LogWeights(b, "b");
        var bNorm = new double[m];
        for (int j = 0; j < m; j++)
        {
            bNorm[j] = Math.Exp(logB[j]);
        }

        var c = cost.ToArray();
        foreach (double value in c)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("Sinkhorn: every cost must be finite.", nameof(cost));
            }
        }

        double eps = options.Epsilon;
        var u = new double[n]; // f/ε
        var v = new double[m]; // g/ε
        var columnSums = new double[m];
        int iterations = 0;
        double error = double.PositiveInfinity;
        bool converged = false;
        if (options.EpsilonScaling > 0)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double value in c)
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }

            double stage = Math.Max(max - min, eps);
            while (stage > eps && iterations < options.MaxIterations)
            {
                for (int k = 0; k < 100 && iterations < options.MaxIterations; k++)
                {
                    iterations++;
                    UpdateColumns(c, n, m, stage, u, v, logB);
                    UpdateRows(c, n, m, stage, u, v, logA);
                    if (k % 10 == 9)
                    {
                        ColumnSums(c, n, m, stage, u, v, columnSums);
                        double stageError = 0;
                        for (int j = 0; j < m; j++)
                        {
                            stageError += Math.Abs(columnSums[j] - bNorm[j]);
                        }

                        if (stageError < 1e-3)
                        {
                            break;
                        }
                    }
                }

                // Rescale the potentials u = f/ε, v = g/ε to the next ε (f and g carry over).
                double next = Math.Max(eps, stage * options.EpsilonScaling);
                for (int i = 0; i < n; i++)
                {
                    u[i] *= stage / next;
                }

                for (int j = 0; j < m; j++)
                {
                    v[j] *= stage / next;
                }

                stage = next;
            }
        }

        while (iterations < options.MaxIterations)
        {
            iterations++;
            UpdateColumns(c, n, m, eps, u, v, logB);
            UpdateRows(c, n, m, eps, u, v, logA);
            if (iterations % options.CheckEvery == 0 || iterations == options.MaxIterations)
            {
                ColumnSums(c, n, m, eps, u, v, columnSums);
                error = 0;
                for (int j = 0; j < m; j++)
                {
                    error += Math.Abs(columnSums[j] - bNorm[j]);
                }

                if (error <= options.Tolerance)
                {
                    converged = true;
                    break;
                }
            }
        }

        var plan = new Matrix(n, m);
        Parallel.For(0, n, Parallelism.Options, i =>
        {
            var row = plan.Row(i);
            double ui = u[i];
            for (int j = 0; j < m; j++)
            {
                row[j] = Math.Exp(ui + v[j] - (c[(i * m) + j] / eps));
            }
        });
        var result = TransportPlan.FromDense(plan);
        return new TransportResult(result, result.Cost(c), iterations, converged, error, string.Format(CultureInfo.InvariantCulture, "sinkhorn-log (ε = {0:G4})", eps));
    }

    private static double[] LogWeights(ReadOnlySpan<double> w, string name)
    {
        double total = 0;
        for (int i = 0; i < w.Length; i++)
        {
            if (!(w[i] > 0) || !double.IsFinite(w[i]))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Sinkhorn weight {0}[{1}] is {2}; weights must be finite and positive (drop zero-weight points first).", name, i, w[i]));
            }

            total += w[i];
        }

        var r = new double[w.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = Math.Log(w[i] / total);
        }

        return r;
    }

    // v_j = log b_j − LSE_i(u_i − C_ij/ε), computed column-blockwise by rows so memory access stays row-major.
    private static void UpdateColumns(double[] c, int n, int m, double eps, double[] u, double[] v, double[] logB)
    {
        int threads = (long)n * m < ParallelThreshold ? 1 : Math.Max(1, Math.Min(Parallelism.Threads, m / 64));
        int chunk = (m + threads - 1) / threads;
        Parallel.For(0, threads, Parallelism.Options, t =>
        {
            int j0 = t * chunk, j1 = Math.Min(m, j0 + chunk);
            if (j0 >= j1)
            {
                return;
            }

            int w = j1 - j0;
            var max = new double[w];
            var sum = new double[w];
            Array.Fill(max, double.NegativeInfinity);
            for (int i = 0; i < n; i++)
            {
                var row = c.AsSpan((i * m) + j0, w);
                double ui = u[i];
                for (int k = 0; k < w; k++)
                {
                    double z = ui - (row[k] / eps);
                    if (z > max[k])
                    {
                        max[k] = z;
                    }
                }
            }

            for (int i = 0; i < n; i++)
            {
                var row = c.AsSpan((i * m) + j0, w);
                double ui = u[i];
                for (int k = 0; k < w; k++)
                {
                    sum[k] += Math.Exp(ui - (row[k] / eps) - max[k]);
                }
            }

            for (int k = 0; k < w; k++)
            {
                v[j0 + k] = logB[j0 + k] - (max[k] + Math.Log(sum[k]));
            }
        });
    }

    // u_i = log a_i − LSE_j(v_j − C_ij/ε).
    private static void UpdateRows(double[] c, int n, int m, double eps, double[] u, double[] v, double[] logA)
    {
        var options = (long)n * m < ParallelThreshold ? new ParallelOptions { MaxDegreeOfParallelism = 1 } : Parallelism.Options;
        Parallel.For(0, n, options, i =>
        {
            var row = c.AsSpan(i * m, m);
            double max = double.NegativeInfinity;
            for (int j = 0; j < m; j++)
            {
                double z = v[j] - (row[j] / eps);
                if (z > max)
                {
                    max = z;
                }
            }

            double sum = 0;
            for (int j = 0; j < m; j++)
            {
                sum += Math.Exp(v[j] - (row[j] / eps) - max);
            }

            u[i] = logA[i] - (max + Math.Log(sum));
        });
    }

    private static void ColumnSums(double[] c, int n, int m, double eps, double[] u, double[] v, double[] columnSums)
    {
        Array.Clear(columnSums);
        for (int i = 0; i < n; i++)
        {
            var row = c.AsSpan(i * m, m);
            double ui = u[i];
            for (int j = 0; j < m; j++)
            {
                columnSums[j] += Math.Exp(ui + v[j] - (row[j] / eps));
            }
        }
    }
}
