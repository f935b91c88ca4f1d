using System;
using Xfer.Core;
using Xfer.Metrics;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Metrics;

public class TransRateTests
{
    // seeds-methods.md §1.9: 12 samples, d = 3, 3 balanced classes, values checked there by two log-det methods.
    private static readonly double[][] ToyRows =
    [
        [1.0, 0.2, -0.5], [1.2, 0.1, -0.4], [0.9, 0.3, -0.6], [1.1, 0.0, -0.5],
        [-0.8, 1.0, 0.3], [-1.0, 1.1, 0.2], [-0.9, 0.8, 0.4], [-0.7, 1.2, 0.1],
        [0.1, -1.0, 1.0], [0.0, -0.9, 1.2], [0.2, -1.1, 0.9], [-0.1, -1.2, 1.1],
    ];

    private static readonly int[] ToyLabels = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];

    [Theory]
    [InlineData(1e-4, 1.6515157966)]
    [InlineData(1e-2, 1.3241929222)]
    [InlineData(1.0, 0.1151064871)]
    public void Toy_case_matches_the_research_note(double eps, double expected)
    {
        var r = TransRate.Score(Matrix.FromRows(ToyRows), ClassLabels.FromIndices(ToyLabels), new TransRateOptions(eps));
        NumericAssert.Close(expected, r.Score, 0, 5e-11); // the note prints 10 decimals
    }

    [Fact]
    public void Toy_case_with_unbalanced_classes_matches_the_research_note()
    {
        var r = TransRate.Score(Matrix.FromRows(ToyRows[..10]), ClassLabels.FromIndices(ToyLabels[..10]));
        NumericAssert.Close(2.1909175755, r.Score, 0, 5e-11);
    }

    [Fact]
    public void Cholesky_value_equals_an_eigenvalue_recomputation()
    {
        // Independent route: ½Σ log(1 + λ_i/(mε)) over the eigenvalues of the D×D Gram of the centred rows.
        var (x, y) = TestData.Clusters(300, 20, 4, 1.0, seed: 7);
        const double eps = 1e-3;
        var mean = new double[x.Columns];
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Columns; j++)
            {
                mean[j] += x[i, j] / x.Rows;
            }
        }

        double Rate(int[] rows)
        {
            var z = new Matrix(rows.Length, x.Columns);
            for (int t = 0; t < rows.Length; t++)
            {
                for (int j = 0; j < x.Columns; j++)
                {
                    z[t, j] = x[rows[t], j] - mean[j];
                }
            }

            double s = 0;
            foreach (double l in Linalg.SymmetricEigen(Linalg.Gram(z), computeVectors: false).Values)
            {
                s += Math.Log(1 + (Math.Max(l, 0) / (rows.Length * eps)));
            }

            return 0.5 * s;
        }

        var all = new int[x.Rows];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        double cond = 0;
        foreach (var rows in y.SamplesByClass())
        {
            cond += Rate(rows);
        }

        double expected = Rate(all) - (cond / y.ClassCount);
        NumericAssert.Close(expected, TransRate.Score(x, y, new TransRateOptions(eps)).Score, 1e-11);
    }

    [Fact]
    public void Sylvester_path_for_small_classes_equals_the_full_gram_path()
    {
        // 30 samples in 3 classes (n_k = 10) with D = 40: every class term, and the global one, use the m×m form.
        var (x, y) = TestData.Clusters(30, 40, 3, 1.0, seed: 3);
        // Same data padded to D=40 but with 400 samples per class uses the D×D path; compare class terms directly instead:
        var rows = y.SamplesByClass()[0];
        var mean = new double[40];
        double viaSmall = TransRate.CodingRate(x, rows, mean, 1e-4);
        var z = x.SelectRows(rows);
        var g = Linalg.Gram(z);
        for (int i = 0; i < g.Data.Length; i++)
        {
            g.Data[i] /= rows.Length * 1e-4;
        }

        for (int i = 0; i < 40; i++)
        {
            g[i, i] += 1;
        }

        NumericAssert.Close(0.5 * Linalg.LogDeterminantSpd(g), viaSmall, 1e-12);
    }

    [Fact]
    public void Scaling_features_equals_dividing_epsilon_by_the_square()
    {
        var (x, y) = TestData.Clusters(200, 6, 3, 1.0, seed: 11);
        var scaled = x.Clone();
        for (int i = 0; i < scaled.Data.Length; i++)
        {
            scaled.Data[i] *= 10;
        }

        NumericAssert.Close(TransRate.Score(x, y, new TransRateOptions(1e-4)).Score, TransRate.Score(scaled, y, new TransRateOptions(1e-2)).Score, 1e-12);
    }
}
