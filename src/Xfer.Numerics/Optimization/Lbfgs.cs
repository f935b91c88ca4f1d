using System;
using System.Threading;

namespace Xfer.Numerics.Optimization;

/// <summary>
/// A smooth objective: returns f(x) and writes ∇f(x) into <paramref name="gradient"/> (same length as x).
/// </summary>
/// <param name="x">The point; must not be modified.</param>
/// <param name="gradient">Receives the gradient.</param>
/// <returns>The value f(x); +∞ or NaN tells the line search the step went too far.</returns>
public delegate double DifferentiableFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Why <see cref="Lbfgs.Minimize"/> stopped.</summary>
public enum LbfgsStopReason
{
    /// <summary>‖∇f‖∞ ≤ <see cref="LbfgsOptions.GradientTolerance"/>: converged.</summary>
    GradientTolerance,

    /// <summary>The relative decrease of f fell below <see cref="LbfgsOptions.RelativeFunctionTolerance"/>: converged.</summary>
    FunctionTolerance,

    /// <summary><see cref="LbfgsOptions.MaxIterations"/> reached before convergence.</summary>
    MaxIterations,

    /// <summary>No step along the search direction satisfied the line search (usually round-off near the optimum).</summary>
    LineSearchFailed,
}

/// <summary>Settings of <see cref="Lbfgs.Minimize"/>; every default states its source.</summary>
/// <param name="Memory">Correction pairs m kept (10, SciPy L-BFGS-B's <c>maxcor</c> default; Nocedal &amp; Wright §7.2 suggest 3–20).</param>
/// <param name="GradientTolerance">Stop when ‖∇f‖∞ ≤ this (absolute; SciPy's <c>pgtol</c> is the same test, default 1e-5).</param>
/// <param name="RelativeFunctionTolerance">Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ this; 0 disables the test
/// (SciPy's L-BFGS-B uses factr·ε = 1e7·2.2e-16 ≈ 2.2e-9 by default).</param>
/// <param name="MaxIterations">Iteration cap (1000).</param>
/// <param name="MaxLineSearchEvaluations">Function evaluations allowed per line search (40; SciPy's L-BFGS-B allows 20).</param>
/// <param name="SufficientDecrease">Armijo constant c₁ of the strong Wolfe conditions (1e-4, Nocedal &amp; Wright §3.1).</param>
/// <param name="Curvature">Curvature constant c₂ of the strong Wolfe conditions (0.9, Nocedal &amp; Wright's choice for quasi-Newton methods).</param>
public sealed record LbfgsOptions(
    int Memory = 10,
    double GradientTolerance = 1e-6,
    double RelativeFunctionTolerance = 0.0,
    int MaxIterations = 1000,
    int MaxLineSearchEvaluations = 40,
    double SufficientDecrease = 1e-4,
    double Curvature = 0.9);

/// <summary>The outcome of <see cref="Lbfgs.Minimize"/>.</summary>
/// <param name="Minimizer">The final point (the best point found, also when not converged).</param>
/// <param name="Value">f at <see cref="Minimizer"/>.</param>
/// <param name="GradientInfinityNorm">‖∇f‖∞ at <see cref="Minimizer"/>.</param>
/// <param name="Iterations">Quasi-Newton iterations taken.</param>
/// <param name="Evaluations">Function (and gradient) evaluations.</param>
/// <param name="StopReason">Why it stopped.</param>
public sealed record LbfgsResult(double[] Minimizer, double Value, double GradientInfinityNorm, int Iterations, int Evaluations, LbfgsStopReason StopReason)
{
    /// <summary>True when a convergence test (gradient or function tolerance) stopped the iteration.</summary>
    public bool Converged => StopReason is LbfgsStopReason.GradientTolerance or LbfgsStopReason.FunctionTolerance;
}

/// <summary>
/// Limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989) for smooth unconstrained minimisation in float64: the two-loop
/// recursion over the last m correction pairs with initial scaling γ = sᵀy/yᵀy (Nocedal &amp; Wright, Algorithm 7.4 and eq. 7.20),
/// and a line search satisfying the strong Wolfe conditions (Nocedal &amp; Wright, Algorithms 3.5 and 3.6, with safeguarded cubic
/// interpolation, eq. 3.59). The first step has length min(1, 1/‖∇f‖₂) along −∇f; later steps try α = 1 first.
/// </summary>
/// <remarks>
/// Reusable by any smooth objective (the linear probe, PACTran). A pair with sᵀy ≤ 1e-10·yᵀy (no curvature information, only
/// possible when the line search stopped early) is skipped; a direction that is not a descent direction resets the memory to
/// steepest descent. Deterministic: no randomness, no threading of its own (the objective may use threads).
/// </remarks>
public static class Lbfgs
{
    /// <summary>Minimises <paramref name="f"/> from <paramref name="initial"/>.</summary>
    public static LbfgsResult Minimize(DifferentiableFunction f, ReadOnlySpan<double> initial, LbfgsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(f);
        options ??= new LbfgsOptions();
        Validate(options);
        int n = initial.Length;
        int m = options.Memory;
        var x = initial.ToArray();
        var g = new double[n];
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var s = new double[m][];
        var y = new double[m][];
        var rho = new double[m];
        var alphaBuffer = new double[m];
        for (int i = 0; i < m; i++)
        {
            s[i] = new double[n];
            y[i] = new double[n];
        }

        int stored = 0, newest = -1, evaluations = 1;
        double fx = f(x, g);
        if (!double.IsFinite(fx))
        {
            throw new ArithmeticException("The objective is not finite at the initial point.");
        }

        double gamma = 1.0;
        for (int iteration = 0; ; iteration++)
        {
            double gInf = InfinityNorm(g);
            if (gInf <= options.GradientTolerance)
            {
                return new LbfgsResult(x, fx, gInf, iteration, evaluations, LbfgsStopReason.GradientTolerance);
            }

            if (iteration >= options.MaxIterations)
            {
                return new LbfgsResult(x, fx, gInf, iteration, evaluations, LbfgsStopReason.MaxIterations);
            }

            cancellationToken.ThrowIfCancellationRequested();

            // Search direction d = −H·g by the two-loop recursion (N&W Algorithm 7.4).
            TwoLoop(g, d, s, y, rho, alphaBuffer, stored, newest, gamma);
            double slope = Dot(g, d);
            if (!(slope < 0))
            {
                // Not a descent direction (round-off in H): restart from steepest descent.
                stored = 0;
                newest = -1;
                gamma = 1.0;
                for (int i = 0; i < n; i++)
                {
                    d[i] = -g[i];
                }

                slope = -Dot(g, g);
            }

            double alpha0 = stored == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(Dot(g, g))) : 1.0;
            var search = LineSearch(f, x, fx, slope, d, alpha0, xNew, gNew, options, ref evaluations);
            if (!search.Success)
            {
                return new LbfgsResult(x, fx, gInf, iteration, evaluations, LbfgsStopReason.LineSearchFailed);
            }

            double fNew = search.Value;

            // New correction pair s = x₊ − x, y = g₊ − g, stored in a ring buffer.
            int slot = (newest + 1) % m;
            double sy = 0, yy = 0;
            var sk = s[slot];
            var yk = y[slot];
            for (int i = 0; i < n; i++)
            {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
                sy += sk[i] * yk[i];
                yy += yk[i] * yk[i];
            }

            if (sy > 1e-10 * yy && yy > 0)
            {
                rho[slot] = 1.0 / sy;
                gamma = sy / yy;
                newest = slot;
                stored = Math.Min(stored + 1, m);
            }

            double decrease = fx - fNew;
            double scale = Math.Max(Math.Max(Math.Abs(fx), Math.Abs(fNew)), 1.0);
            xNew.CopyTo(x, 0);
            gNew.CopyTo(g, 0);
            fx = fNew;
            if (options.RelativeFunctionTolerance > 0 && decrease <= options.RelativeFunctionTolerance * scale)
            {
                return new LbfgsResult(x, fx, InfinityNorm(g), iteration + 1, evaluations, LbfgsStopReason.FunctionTolerance);
            }
        }
    }

    private static void TwoLoop(double[] g, double[] d, double[][] s, double[][] y, double[] rho, double[] alpha, int stored, int newest, double gamma)
    {
        int m = s.Length;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = -g[i];
        }

        for (int k = 0; k < stored; k++)
        {
            int j = ((newest - k) % m + m) % m;
            alpha[j] = rho[j] * Dot(s[j], d);
            Axpy(-alpha[j], y[j], d);
        }

        for (int i = 0; i < d.Length; i++)
        {
            d[i] *= gamma;
        }

        for (int k = stored - 1; k >= 0; k--)
        {
            int j = ((newest - k) % m + m) % m;
            double beta = rho[j] * Dot(y[j], d);
            Axpy(alpha[j] - beta, s[j], d);
        }
    }

    private readonly record struct SearchResult(bool Success, double Value);

    /// <summary>
    /// Strong Wolfe line search (N&amp;W Algorithm 3.5): expand the step until it brackets an acceptable one, then zoom (Algorithm 3.6).
    /// On success xNew, gNew hold the accepted point and its gradient.
    /// </summary>
    private static SearchResult LineSearch(DifferentiableFunction f, double[] x, double f0, double slope0, double[] d, double alphaInit,
        double[] xNew, double[] gNew, LbfgsOptions o, ref int evaluations)
    {
        double c1 = o.SufficientDecrease, c2 = o.Curvature;
        double aPrev = 0, fPrev = f0, dPrev = slope0;
        double a = alphaInit;
        int budget = o.MaxLineSearchEvaluations;
        for (int i = 0; i < budget; i++)
        {
            double fa = Evaluate(f, x, d, a, xNew, gNew, ref evaluations, out double da);
            if (!double.IsFinite(fa))
            {
                // Overshot into a region where f is not finite: shrink towards the last good step.
                a = aPrev + ((a - aPrev) / 4);
                continue;
            }

            if (ApproximateWolfe(f0, slope0, fa, da, o))
            {
                return new SearchResult(true, fa);
            }

            if (fa > f0 + (c1 * a * slope0) || (i > 0 && fa >= fPrev))
            {
                return Zoom(f, x, f0, slope0, d, aPrev, fPrev, dPrev, a, fa, da, xNew, gNew, o, budget - i - 1, ref evaluations);
            }

            if (Math.Abs(da) <= -c2 * slope0)
            {
                return new SearchResult(true, fa);
            }

            if (da >= 0)
            {
                return Zoom(f, x, f0, slope0, d, a, fa, da, aPrev, fPrev, dPrev, xNew, gNew, o, budget - i - 1, ref evaluations);
            }

            // Still descending with a steep slope: extrapolate (at most 4× the step, N&W §3.5 recommends a growth factor).
            double next = CubicMinimizer(aPrev, fPrev, dPrev, a, fa, da);
            double lo = a + (1.1 * (a - aPrev)), hi = a + (4.0 * (a - aPrev));
            aPrev = a;
            fPrev = fa;
            dPrev = da;
            a = double.IsFinite(next) && next > lo && next < hi ? next : hi;
        }

        return new SearchResult(false, f0);
    }

    private static SearchResult Zoom(DifferentiableFunction f, double[] x, double f0, double slope0, double[] d,
        double aLo, double fLo, double dLo, double aHi, double fHi, double dHi,
        double[] xNew, double[] gNew, LbfgsOptions o, int budget, ref int evaluations)
    {
        double c1 = o.SufficientDecrease, c2 = o.Curvature;
        for (int i = 0; i < budget; i++)
        {
            // Safeguarded cubic interpolation: fall back to bisection when the cubic minimiser is not well inside the bracket.
            double width = aHi - aLo;
            double a = CubicMinimizer(aLo, fLo, dLo, aHi, fHi, dHi);
            double min = Math.Min(aLo, aHi) + (0.1 * Math.Abs(width)), max = Math.Max(aLo, aHi) - (0.1 * Math.Abs(width));
            if (!double.IsFinite(a) || a < min || a > max)
            {
                a = aLo + (width / 2);
            }

            if (Math.Abs(width) <= 1e-16 * Math.Max(1.0, Math.Abs(aLo)))
            {
                break;
            }

            double fa = Evaluate(f, x, d, a, xNew, gNew, ref evaluations, out double da);
            if (double.IsFinite(fa) && ApproximateWolfe(f0, slope0, fa, da, o))
            {
                return new SearchResult(true, fa);
            }

            if (!double.IsFinite(fa) || fa > f0 + (c1 * a * slope0) || fa >= fLo)
            {
                aHi = a;
                fHi = double.IsFinite(fa) ? fa : double.MaxValue;
                dHi = double.IsFinite(da) ? da : 0;
                continue;
            }

            if (Math.Abs(da) <= -c2 * slope0)
            {
                return new SearchResult(true, fa);
            }

            if (da * (aHi - aLo) >= 0)
            {
                aHi = aLo;
                fHi = fLo;
                dHi = dLo;
            }

            aLo = a;
            fLo = fa;
            dLo = da;
        }

        // The bracket collapsed or the budget ran out. aLo (if > 0) satisfies sufficient decrease and is the best point seen:
        // take it so the iteration makes progress, as MINPACK's dcsrch does on its "rounding errors" exit.
        if (aLo > 0 && fLo < f0)
        {
            double fa = Evaluate(f, x, d, aLo, xNew, gNew, ref evaluations, out _);
            return new SearchResult(true, fa);
        }

        return new SearchResult(false, f0);
    }

    /// <summary>
    /// Hager &amp; Zhang's (2005) approximate Wolfe conditions, for the last iterations where f changes by less than its own
    /// round-off and the Armijo test becomes noise: (2c₁ − 1)·φ′(0) ≥ φ′(α) ≥ c₂·φ′(0) (equivalent to sufficient decrease for a
    /// quadratic) and φ(α) ≤ φ(0) + 1e-10·|φ(0)|. Hager &amp; Zhang allow 1e-6·|φ(0)|; 1e-10 confines the test to the round-off regime.
    /// </summary>
    private static bool ApproximateWolfe(double f0, double slope0, double fa, double da, LbfgsOptions o)
        => fa <= f0 + (1e-10 * Math.Abs(f0)) && da <= ((2 * o.SufficientDecrease) - 1) * slope0 && da >= o.Curvature * slope0;

    private static double Evaluate(DifferentiableFunction f, double[] x, double[] d, double a, double[] xNew, double[] gNew, ref int evaluations, out double slope)
    {
        for (int i = 0; i < x.Length; i++)
        {
            xNew[i] = x[i] + (a * d[i]);
        }

        evaluations++;
        double v = f(xNew, gNew);
        slope = Dot(gNew, d);
        return v;
    }

    /// <summary>Minimiser of the cubic interpolating φ and φ′ at a and b (N&amp;W eq. 3.59); NaN when it has none.</summary>
    private static double CubicMinimizer(double a, double fa, double da, double b, double fb, double db)
    {
        if (a == b)
        {
            return double.NaN;
        }

        double d1 = da + db - (3 * (fa - fb) / (a - b));
        double disc = (d1 * d1) - (da * db);
        if (!(disc >= 0))
        {
            return double.NaN;
        }

        double d2 = Math.Sign(b - a) * Math.Sqrt(disc);
        double denominator = db - da + (2 * d2);
        return denominator == 0 ? double.NaN : b - ((b - a) * (db + d2 - d1) / denominator);
    }

    private static void Validate(LbfgsOptions o)
    {
        if (o.Memory < 1 || o.MaxIterations < 0 || o.MaxLineSearchEvaluations < 1 || !(o.GradientTolerance >= 0) || !(o.RelativeFunctionTolerance >= 0)
            || !(o.SufficientDecrease > 0 && o.SufficientDecrease < o.Curvature && o.Curvature < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(o), "L-BFGS needs memory ≥ 1, iterations ≥ 0, line-search evaluations ≥ 1, tolerances ≥ 0 and 0 < c₁ < c₂ < 1.");
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    private static double InfinityNorm(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double a in v)
        {
            m = Math.Max(m, Math.Abs(a));
        }

        return m;
    }
}
