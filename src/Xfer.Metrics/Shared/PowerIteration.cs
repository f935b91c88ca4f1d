using System;
using Xfer.Core;

namespace Xfer.Metrics.Shared;

/// <summary>The largest-eigenvalue estimate of SFDA's adaptive shrinkage (TencentARC/SFDA@eb1eee0a7e:utils.py, <c>iterative_A</c>).</summary>
internal static class PowerIteration
{
    /// <summary>
    /// x = A·1 (row sums); then <paramref name="iterations"/> times: y = A·x/‖A·x‖, x = A·y/‖A·y‖; returns xᵀ·A·y. With the
    /// reference's 3 iterations this is an estimate, not the exact λ_max, and it depends on the basis (the start vector is
    /// A·1), so metrics using it are not exactly invariant to rotations of the features.
    /// </summary>
    public static double LargestEigenvalueEstimate(Matrix a, int iterations = 3)
    {
        int n = a.Rows;
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            foreach (double v in a.Row(i))
            {
                s += v;
            }

            x[i] = s;
        }

        var y = new double[n];
        var tmp = new double[n];
        for (int it = 0; it < iterations; it++)
        {
            MultiplyNormalised(a, x, y, tmp);
            MultiplyNormalised(a, y, x, tmp);
        }

        // xᵀ·A·y
        MultiplyInto(a, y, tmp);
        double r = 0;
        for (int i = 0; i < n; i++)
        {
            r += x[i] * tmp[i];
        }

        return r;
    }

    private static void MultiplyNormalised(Matrix a, double[] source, double[] destination, double[] tmp)
    {
        MultiplyInto(a, source, tmp);
        double norm = 0;
        foreach (double v in tmp)
        {
            norm += v * v;
        }

        norm = Math.Sqrt(norm);
        for (int i = 0; i < tmp.Length; i++)
        {
            destination[i] = tmp[i] / norm;
        }
    }

    private static void MultiplyInto(Matrix a, double[] v, double[] destination)
    {
        for (int i = 0; i < a.Rows; i++)
        {
            var row = a.Row(i);
            double s = 0;
            for (int j = 0; j < v.Length; j++)
            {
                s += row[j] * v[j];
            }

            destination[i] = s;
        }
    }
}
