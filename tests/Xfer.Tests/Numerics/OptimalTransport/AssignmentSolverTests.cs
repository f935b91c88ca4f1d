using System;
using System.Collections.Generic;
using Xfer.Core;
using Xfer.Numerics.OptimalTransport;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics.OptimalTransport;

public class AssignmentSolverTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Matches_brute_force_over_all_permutations(int n)
    {
        var solver = new AssignmentSolver();
        for (int seed = 0; seed < 40; seed++)
        {
            var rng = new SeededRandom((100 * n) + seed);
            var cost = new double[n * n];
            for (int k = 0; k < cost.Length; k++)
            {
                // Half the problems use small integers (many ties), half continuous values, some negative.
                cost[k] = seed % 2 == 0 ? rng.Next(0, 4) : (rng.NextDouble() * 10) - 3;
            }

            var sigma = new int[n];
            double total = solver.Solve(cost, n, sigma);
            AssertPermutation(sigma);
            NumericAssert.Close(Sum(cost, n, sigma), total, 1e-14, 1e-14);
            NumericAssert.Close(BruteForce(cost, n), total, 1e-12, 1e-12, $"n = {n}, seed {seed}");
        }
    }

    [Theory]
    [InlineData("uniform-40")]
    [InlineData("ties-50")]
    [InlineData("blocks-60")]
    [InlineData("euclid-80")]
    public void Matches_scipy_linear_sum_assignment(string name)
    {
        // Fixture: scipy.optimize.linear_sum_assignment optimum (make_fixtures.py); tolerance 1e-12 relative.
        var e = OtFixtures.Case("assignment", name);
        int n = e.GetProperty("n").GetInt32();
        var cost = OtFixtures.Doubles(e, "cost");
        var sigma = AssignmentSolver.SolveOnce(cost, n);
        AssertPermutation(sigma);
        NumericAssert.Close(e.GetProperty("optimum").GetDouble(), Sum(cost, n, sigma), 1e-12);
    }

    [Fact]
    public void Reuses_buffers_across_sizes_and_finds_the_identity_on_a_diagonal_problem()
    {
        var solver = new AssignmentSolver();
        foreach (int n in new[] { 5, 3, 5, 9 })
        {
            var cost = new double[n * n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    cost[(i * n) + j] = i == j ? 0 : 1 + ((i + j) % 3);
                }
            }

            var sigma = new int[n];
            Assert.Equal(0.0, solver.Solve(cost, n, sigma));
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(i, sigma[i]);
            }
        }
    }

    [Fact]
    public void Rejects_non_finite_costs()
    {
        var ex = Assert.Throws<ArgumentException>(() => AssignmentSolver.SolveOnce([0, 1, double.NaN, 2], 2));
        Assert.Contains("(1, 0)", ex.Message, StringComparison.Ordinal);
    }

    internal static double BruteForce(double[] cost, int n)
    {
        double best = double.PositiveInfinity;
        foreach (var p in Permutations(n))
        {
            best = Math.Min(best, Sum(cost, n, p));
        }

        return best;
    }

    internal static IEnumerable<int[]> Permutations(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        // Heap's algorithm.
        var c = new int[n];
        yield return (int[])p.Clone();
        int k = 0;
        while (k < n)
        {
            if (c[k] < k)
            {
                if (k % 2 == 0)
                {
                    (p[0], p[k]) = (p[k], p[0]);
                }
                else
                {
                    (p[c[k]], p[k]) = (p[k], p[c[k]]);
                }

                yield return (int[])p.Clone();
                c[k]++;
                k = 0;
            }
            else
            {
                c[k] = 0;
                k++;
            }
        }
    }

    private static double Sum(double[] cost, int n, int[] sigma)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += cost[(i * n) + sigma[i]];
        }

        return s;
    }

    private static void AssertPermutation(int[] sigma)
    {
        var seen = new bool[sigma.Length];
        foreach (int j in sigma)
        {
            Assert.InRange(j, 0, sigma.Length - 1);
            Assert.False(seen[j], "a column is assigned twice");
            seen[j] = true;
        }
    }
}
