using System;
using Xfer.Numerics.OptimalTransport;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics.OptimalTransport;

public class SinkhornLogTests
{
    [Theory]
    [InlineData("s-8x6-0.5")]
    [InlineData("s-8x6-0.05")]
    [InlineData("s-12x15-0.2")]
    public void Plan_matches_pot_sinkhorn_log(string name)
    {
        // Fixture: POT ot.sinkhorn(method='sinkhorn_log', stopThr=1e-13) (make_fixtures.py); both runs converge to
        // the same fixed point, so the plans agree to 1e-10 absolute.
        var e = OtFixtures.Case("sinkhorn", name);
        var a = OtFixtures.Doubles(e, "a");
        var b = OtFixtures.Doubles(e, "b");
        var cost = OtFixtures.Doubles(e, "cost");
        var options = new SinkhornOptions { Epsilon = e.GetProperty("epsilon").GetDouble(), MaxIterations = 200_000, Tolerance = 1e-14 };
        var result = SinkhornLog.Solve(a, b, cost, options);
        Assert.True(result.Converged, $"marginal error {result.MarginalError} after {result.Iterations}");
        NumericAssert.Close(OtFixtures.Doubles(e, "plan"), result.Plan.Dense!.Data, 0, 1e-10);
    }

    [Fact]
    public void Epsilon_scaling_reaches_the_same_plan_and_converges_when_the_cost_range_is_huge()
    {
        // Same fixed point as the POT fixture when started from a large ε and annealed.
        var e = OtFixtures.Case("sinkhorn", "s-8x6-0.05");
        var a = OtFixtures.Doubles(e, "a");
        var b = OtFixtures.Doubles(e, "b");
        var cost = OtFixtures.Doubles(e, "cost");
        var scaled = SinkhornLog.Solve(a, b, cost, new SinkhornOptions { Epsilon = 0.05, MaxIterations = 200_000, Tolerance = 1e-14, EpsilonScaling = 0.5 });
        Assert.True(scaled.Converged);
        NumericAssert.Close(OtFixtures.Doubles(e, "plan"), scaled.Plan.Dense!.Data, 0, 1e-10);

        // A TTA-like cost: features plus 1e6 between mismatched blocks. Plain Sinkhorn at ε = 0.05 stalls; with scaling its
        // marginal error is an order of magnitude lower for the same sweeps and its cost is within ε·log(nm) of exact.
        var x = TestData.Gaussian(12, 3, 1);
        var y = TestData.Gaussian(12, 3, 2);
        var c = PairwiseDistance.Euclidean(x, y).Data;
        for (int i = 0; i < 12; i++)
        {
            for (int j = 0; j < 12; j++)
            {
                c[(i * 12) + j] += (i % 3) == (j % 3) ? 0 : 1e6;
            }
        }

        var exact = new ExactTransport().SolveUniform(c, 12, 12);
        var plain = SinkhornLog.SolveUniform(c, 12, 12, new SinkhornOptions { Epsilon = 0.05, MaxIterations = 5000, Tolerance = 1e-6 });
        var annealed = SinkhornLog.SolveUniform(c, 12, 12, new SinkhornOptions { Epsilon = 0.05, MaxIterations = 5000, Tolerance = 1e-6, EpsilonScaling = 0.5 });
        // Measured: 2.4e-6 with scaling against 2.5e-5 without, after 5000 sweeps.
        Assert.True(annealed.MarginalError < 1e-5 && annealed.MarginalError < plain.MarginalError / 5,
            $"marginal error {annealed.MarginalError} with scaling, {plain.MarginalError} without");
        Assert.True(annealed.Cost - exact.Cost < 0.05 * Math.Log(144) && annealed.Cost >= exact.Cost - 1e-9);
    }

    [Fact]
    public void Approaches_the_exact_cost_as_epsilon_goes_to_zero()
    {
        var e = OtFixtures.Case("transport", "w-6x9");
        var a = OtFixtures.Doubles(e, "a");
        var b = OtFixtures.Doubles(e, "b");
        var cost = OtFixtures.Doubles(e, "cost");
        double exact = e.GetProperty("optimum").GetDouble();
        double previousGap = double.PositiveInfinity;
        foreach (double eps in new[] { 1.0, 0.5, 0.2, 0.1, 0.05 })
        {
            var r = SinkhornLog.Solve(a, b, cost, new SinkhornOptions { Epsilon = eps, MaxIterations = 200_000, Tolerance = 1e-12 });
            Assert.True(r.Converged);
            double gap = r.Cost - exact;
            Assert.True(gap >= -1e-9, $"entropic plan is feasible, so its cost cannot beat the exact optimum (gap {gap})");
            Assert.True(gap < previousGap, $"gap {gap} at ε = {eps} should shrink (previous {previousGap})");

            // Entropic bound: ⟨γ_ε, C⟩ − OT ≤ ε·(log n + log m) (Peyré & Cuturi 2019, Prop. 4.1 with H ≤ log nm).
            Assert.True(gap <= eps * Math.Log(6 * 9), $"gap {gap} exceeds ε log(nm) at ε = {eps}");
            previousGap = gap;
        }

        // POT reaches 0.0048 at ε = 0.1 on this problem; at ε = 0.05 the gap is smaller still.
        Assert.True(previousGap < 0.0048, $"gap {previousGap} at ε = 0.05");
    }

    [Fact]
    public void Tiny_epsilon_stays_finite_and_reports_non_convergence_honestly()
    {
        double[] cost = [0, 1000, 1000, 0, 500, 3];
        var r = SinkhornLog.SolveUniform(cost, 3, 2, new SinkhornOptions { Epsilon = 1e-6, MaxIterations = 3 });
        foreach (double v in r.Plan.Dense!.Data)
        {
            Assert.True(double.IsFinite(v));
        }

        Assert.True(double.IsFinite(r.Cost));
        Assert.Equal(3, r.Iterations);
        Assert.Equal(r.MarginalError <= 1e-9, r.Converged);
    }

    [Fact]
    public void Rejects_bad_settings()
    {
        Assert.Throws<ArgumentException>(() => SinkhornLog.SolveUniform([0, 1], 1, 2, new SinkhornOptions { Epsilon = 0 }));
        Assert.Throws<ArgumentException>(() => SinkhornLog.Solve([1.0, 0.0], [1.0], [0, 1]));
    }
}
