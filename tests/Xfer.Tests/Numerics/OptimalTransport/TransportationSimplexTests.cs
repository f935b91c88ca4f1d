using System;
using Xfer.Core;
using Xfer.Numerics.OptimalTransport;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics.OptimalTransport;

public class TransportationSimplexTests
{
    [Theory]
    [InlineData("u-7x5")]
    [InlineData("w-6x9")]
    [InlineData("u-20x13")]
    [InlineData("w-25x30")]
    [InlineData("u-60x45")]
    [InlineData("u-44x44")]
    public void Matches_pot_emd_and_linprog(string name)
    {
        // Fixture: POT ot.emd (and scipy linprog/HiGHS for the small cases), make_fixtures.py; tolerance 1e-10 relative.
        var e = OtFixtures.Case("transport", name);
        int n = e.GetProperty("n").GetInt32(), m = e.GetProperty("m").GetInt32();
        var a = OtFixtures.Doubles(e, "a");
        var b = OtFixtures.Doubles(e, "b");
        var cost = OtFixtures.Doubles(e, "cost");
        var result = new TransportationSimplex().Solve(a, b, cost);
        Assert.True(result.Converged);
        NumericAssert.Close(e.GetProperty("optimum").GetDouble(), result.Cost, 1e-10);
        if (e.TryGetProperty("linprog", out var lp))
        {
            NumericAssert.Close(lp.GetDouble(), result.Cost, 1e-10);
        }

        Assert.True(result.MarginalError < 1e-11, $"marginal error {result.MarginalError}");
        Assert.True(result.Plan.EntryCount <= n + m - 1, "an exact plan is a vertex: at most n+m−1 non-zeros");
        NumericAssert.Close(result.Cost, result.Plan.Cost(cost), 1e-15);
    }

    [Fact]
    public void Uniform_marginals_are_exact_fractions()
    {
        var cost = TestData.Gaussian(13, 8, 3).Data;
        var result = new TransportationSimplex().SolveUniform(cost, 13, 8);
        var r = result.Plan.RowSums();
        var c = result.Plan.ColumnSums();
        foreach (double v in r)
        {
            NumericAssert.Close(1.0 / 13, v, 1e-15);
        }

        foreach (double v in c)
        {
            NumericAssert.Close(1.0 / 8, v, 1e-15);
        }

        foreach (double w in result.Plan.Masses)
        {
            Assert.True(w > 0);
        }
    }

    [Fact]
    public void Agrees_with_the_assignment_solver_on_square_uniform_problems()
    {
        // Two independent exact algorithms (network simplex vs Jonker–Volgenant) must reach the same optimum.
        for (int seed = 0; seed < 12; seed++)
        {
            int n = 5 + (seed * 7);
            var x = TestData.Gaussian(n, 4, seed);
            var y = TestData.Gaussian(n, 4, 1000 + seed);
            var cost = PairwiseDistance.Euclidean(x, y).Data;
            if (seed % 3 == 0)
            {
                // Integer costs: heavy degeneracy.
                for (int k = 0; k < cost.Length; k++)
                {
                    cost[k] = Math.Round(cost[k]);
                }
            }

            var simplex = new TransportationSimplex().SolveUniform(cost, n, n);
            double assignment = 0;
            var sigma = AssignmentSolver.SolveOnce(cost, n);
            for (int i = 0; i < n; i++)
            {
                assignment += cost[(i * n) + sigma[i]] / n;
            }

            NumericAssert.Close(assignment, simplex.Cost, 1e-12, 1e-14, $"n = {n}");
        }
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 2)]
    public void Matches_vertex_enumeration_on_tiny_problems(int n, int m)
    {
        // Independent check: the optimum of an LP is attained at a vertex; with uniform weights 1/n, 1/m the
        // problem is equivalent to an assignment of n·m/g copies, so enumerate assignments of the replicated
        // problem (each source copied m/g times, each target n/g times) by brute force.
        int g = Gcd(n, m);
        int size = n * m / g;
        for (int seed = 0; seed < 10; seed++)
        {
            var rng = new SeededRandom((n * 31) + (m * 7) + seed);
            var cost = new double[n * m];
            for (int k = 0; k < cost.Length; k++)
            {
                cost[k] = Math.Round(rng.NextDouble() * 5, 1);
            }

            var big = new double[size * size];
            for (int r = 0; r < size; r++)
            {
                for (int c = 0; c < size; c++)
                {
                    big[(r * size) + c] = cost[((r / (m / g)) * m) + (c / (n / g))];
                }
            }

            double expected = AssignmentSolverTests.BruteForce(big, size) / size;
            var result = new TransportationSimplex().SolveUniform(cost, n, m);
            NumericAssert.Close(expected, result.Cost, 1e-12, 1e-14);
        }
    }

    [Fact]
    public void Single_row_or_column_plans_are_forced()
    {
        double[] cost = [3, 1, 2];
        var one = new TransportationSimplex().Solve([1.0], [0.2, 0.3, 0.5], cost);
        NumericAssert.Close((0.2 * 3) + (0.3 * 1) + (0.5 * 2), one.Cost, 1e-15);
        var column = new TransportationSimplex().Solve([0.2, 0.3, 0.5], [1.0], cost);
        NumericAssert.Close((0.2 * 3) + (0.3 * 1) + (0.5 * 2), column.Cost, 1e-15);
    }

    [Fact]
    public void Zero_weights_are_allowed_and_receive_no_mass()
    {
        double[] cost = [0, 5, 5, 0, 1, 1];
        var result = new TransportationSimplex().Solve([0.5, 0.0, 0.5], [0.5, 0.5], cost);
        var rows = result.Plan.RowSums();
        Assert.Equal(0.0, rows[1]);
        NumericAssert.Close(0.5, result.Cost, 1e-15); // row 0 → col 0 (0), row 2 → col 1 (1): 0.5·0 + 0.5·1
    }

    [Fact]
    public void Rejects_negative_weights_and_non_finite_costs()
    {
        Assert.Throws<ArgumentException>(() => new TransportationSimplex().Solve([1.0, -0.5], [1.0], [0, 1]));
        Assert.Throws<ArgumentException>(() => new TransportationSimplex().SolveUniform([0, double.PositiveInfinity], 1, 2));
    }

    private static int Gcd(int x, int y)
    {
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return x;
    }
}
