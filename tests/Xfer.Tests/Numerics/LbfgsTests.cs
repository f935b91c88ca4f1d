using System;
using Xfer.Numerics.Optimization;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics;

public class LbfgsTests
{
    /// <summary>Rosenbrock's function f = (1−x)² + 100(y−x²)², minimum 0 at (1, 1) — a curved valley that defeats plain gradient descent.</summary>
    private static double Rosenbrock(ReadOnlySpan<double> p, Span<double> g)
    {
        double x = p[0], y = p[1];
        g[0] = (-2 * (1 - x)) - (400 * x * (y - (x * x)));
        g[1] = 200 * (y - (x * x));
        return ((1 - x) * (1 - x)) + (100 * (y - (x * x)) * (y - (x * x)));
    }

    [Fact]
    public void Finds_the_Rosenbrock_minimum_from_the_classic_start()
    {
        var r = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsOptions(GradientTolerance: 1e-10));
        Assert.True(r.Converged, r.StopReason.ToString());
        NumericAssert.Close(1.0, r.Minimizer[0], 0, 1e-8);
        NumericAssert.Close(1.0, r.Minimizer[1], 0, 1e-8);
        Assert.True(r.Value < 1e-16, $"f = {r.Value}");
        Assert.InRange(r.Iterations, 10, 100); // N&W Table: L-BFGS needs a few dozen iterations here
    }

    [Fact]
    public void Solves_an_ill_conditioned_quadratic()
    {
        // f = ½ Σ λ_i (x_i − i)² with λ_i from 1 to 1e4: minimiser x_i = i, value 0.
        const int n = 50;
        double F(ReadOnlySpan<double> x, Span<double> g)
        {
            double v = 0;
            for (int i = 0; i < n; i++)
            {
                double lambda = Math.Pow(1e4, i / (n - 1.0));
                g[i] = lambda * (x[i] - i);
                v += 0.5 * lambda * (x[i] - i) * (x[i] - i);
            }

            return v;
        }

        var r = Lbfgs.Minimize(F, new double[n], new LbfgsOptions(GradientTolerance: 1e-9, MaxIterations: 2000));
        Assert.Equal(LbfgsStopReason.GradientTolerance, r.StopReason);
        for (int i = 0; i < n; i++)
        {
            NumericAssert.Close(i, r.Minimizer[i], 0, 1e-8);
        }
    }

    [Fact]
    public void Reports_the_iteration_cap_and_function_tolerance_stops()
    {
        var capped = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsOptions(MaxIterations: 3));
        Assert.Equal(LbfgsStopReason.MaxIterations, capped.StopReason);
        Assert.False(capped.Converged);
        Assert.Equal(3, capped.Iterations);

        var loose = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsOptions(GradientTolerance: 0, RelativeFunctionTolerance: 1e-3));
        Assert.Equal(LbfgsStopReason.FunctionTolerance, loose.StopReason);
        Assert.True(loose.Converged);
    }

    [Fact]
    public void Starts_at_the_optimum_without_iterating()
    {
        var r = Lbfgs.Minimize(Rosenbrock, [1.0, 1.0]);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(1, r.Evaluations);
        Assert.Equal(0.0, r.Value);
    }

    [Fact]
    public void Survives_steps_into_a_region_where_f_is_infinite()
    {
        // f = −log(1 − x) + x²  on x < 1: the first full step overshoots past the pole.
        static double F(ReadOnlySpan<double> p, Span<double> g)
        {
            double x = p[0];
            if (x >= 1)
            {
                g[0] = double.NaN;
                return double.PositiveInfinity;
            }

            g[0] = (1 / (1 - x)) + (2 * x);
            return -Math.Log(1 - x) + (x * x);
        }

        // Stationary point: 1/(1−x) = −2x ⇒ 2x² − 2x − 1 = 0 ⇒ x = (1 − √3)/2.
        var r = Lbfgs.Minimize(F, [0.9], new LbfgsOptions(GradientTolerance: 1e-12));
        Assert.True(r.Converged, r.StopReason.ToString());
        NumericAssert.Close((1 - Math.Sqrt(3)) / 2, r.Minimizer[0], 0, 1e-10);
    }
}
