using Xfer.Core;
using Xfer.Numerics.Statistics;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics;

/// <summary>
/// <see cref="ClassMoments"/> against a reference written another way: scatter matrices from pairwise differences,
/// S = 1/(2n)·Σ_i Σ_j (x_i − x_j)(x_i − x_j)ᵀ, which needs no mean at all (so a large common offset cancels exactly
/// in each difference), and means from data shifted by the first sample.
/// </summary>
public sealed class ClassMomentsTests
{
    [Fact]
    public void Moments_of_clustered_data_match_the_pairwise_reference()
    {
        var (x, labels) = TestData.Clusters(240, 7, 4, separation: 3.0, seed: 5);
        var m = ClassMoments.Compute(x, labels);
        AssertMatchesReference(x, labels, m, 1e-12);
    }

    [Fact]
    public void A_large_common_offset_loses_no_digits()
    {
        // Features ≈ 10⁶ + class shift + N(0, 1): a one-pass Σx·xᵀ − n·μμᵀ would cancel ~12 of 16 digits here.
        var (x, labels) = TestData.Clusters(300, 5, 3, separation: 2.0, seed: 9);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] += 1e6;
        }

        var m = ClassMoments.Compute(x, labels);
        AssertMatchesReference(x, labels, m, 1e-8);
    }

    [Fact]
    public void Single_feature_single_sample_classes_and_uneven_classes()
    {
        // D = 1 with hand-derived values: classes {1, 3} and {10}: μ_0 = 2, μ_1 = 10, μ = 14/3.
        // S_W = (1−2)² + (3−2)² = 2; S_B = 2·(2 − 14/3)² + 1·(10 − 14/3)² = 128/9 + 256/9 = 384/9; S_T = S_W + S_B.
        var x = Matrix.FromRows([[1], [10], [3]]);
        var labels = ClassLabels.FromIndices([0, 1, 0]);
        var m = ClassMoments.Compute(x, labels);
        Assert.Equal(new[] { 2, 1 }, m.Counts);
        NumericAssert.Close(14.0 / 3, m.Mean[0], 1e-15);
        NumericAssert.Close(new[] { 2.0, 10.0 }, m.ClassMeans.Data, 1e-15);
        NumericAssert.Close(2.0, m.WithinScatter[0, 0], 1e-15);
        NumericAssert.Close(384.0 / 9, m.BetweenScatter[0, 0], 1e-14);
        NumericAssert.Close(2.0 + (384.0 / 9), m.TotalScatter[0, 0], 1e-14);

        var (u, uneven) = TestData.Clusters(50, 3, 2, 1.0, 3);
        var y = uneven.ToArray();
        for (int i = 0; i < 40; i++)
        {
            y[i] = 0;
        }

        var skewed = ClassLabels.FromIndices(y);
        AssertMatchesReference(u, skewed, ClassMoments.Compute(u, skewed), 1e-12);
    }

    [Fact]
    public void Rows_and_labels_must_describe_the_same_samples()
    {
        var ex = Assert.Throws<System.ArgumentException>(() => ClassMoments.Compute(new Matrix(3, 2), ClassLabels.FromIndices([0, 1])));
        Assert.StartsWith("features has 3 rows but labels has 2 entries; both must describe the same samples.", ex.Message, System.StringComparison.Ordinal);
    }

    private static void AssertMatchesReference(Matrix x, ClassLabels labels, ClassMoments m, double rtol)
    {
        int n = x.Rows, d = x.Columns, c = labels.ClassCount;
        Assert.Equal((n, d, c), (m.SampleCount, m.FeatureCount, m.ClassCount));

        // Means of the data shifted by sample 0 (exact differences for data within a factor 2 of each other).
        var shifted = new Matrix(n, d);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                shifted[i, j] = x[i, j] - x[0, j];
            }
        }

        var classMean = new Matrix(c, d);
        var mean = new double[d];
        var counts = new int[c];
        for (int i = 0; i < n; i++)
        {
            int k = labels[i];
            counts[k]++;
            for (int j = 0; j < d; j++)
            {
                classMean[k, j] += shifted[i, j];
                mean[j] += shifted[i, j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            for (int k = 0; k < c; k++)
            {
                classMean[k, j] /= counts[k];
            }

            mean[j] /= n;
        }

        Assert.Equal(counts, m.Counts);
        var meanExpected = new double[d];
        var classMeanExpected = new Matrix(c, d);
        for (int j = 0; j < d; j++)
        {
            meanExpected[j] = x[0, j] + mean[j];
            for (int k = 0; k < c; k++)
            {
                classMeanExpected[k, j] = x[0, j] + classMean[k, j];
            }
        }

        NumericAssert.Close(meanExpected, m.Mean, 1e-13);
        NumericAssert.Close(classMeanExpected, m.ClassMeans, 1e-13);

        // Pairwise scatter: total over all pairs, within over same-class pairs (each class divided by its own n_k).
        var total = new Matrix(d, d);
        var within = new Matrix(d, d);
        for (int i = 0; i < n; i++)
        {
            for (int l = 0; l < i; l++)
            {
                bool same = labels[i] == labels[l];
                double wTotal = 1.0 / n, wWithin = same ? 1.0 / counts[labels[i]] : 0.0;
                for (int p = 0; p < d; p++)
                {
                    double dp = x[i, p] - x[l, p];
                    for (int q = 0; q < d; q++)
                    {
                        double prod = dp * (x[i, q] - x[l, q]);
                        total[p, q] += wTotal * prod;
                        within[p, q] += wWithin * prod;
                    }
                }
            }
        }

        var between = new Matrix(d, d);
        for (int k = 0; k < c; k++)
        {
            for (int p = 0; p < d; p++)
            {
                for (int q = 0; q < d; q++)
                {
                    between[p, q] += counts[k] * (classMean[k, p] - mean[p]) * (classMean[k, q] - mean[q]);
                }
            }
        }

        AssertClose(within, m.WithinScatter, rtol, "within-class scatter");
        AssertClose(between, m.BetweenScatter, rtol, "between-class scatter");
        AssertClose(total, m.TotalScatter, rtol, "total scatter");
    }

    // Norm-wise: every entry within rtol of the largest entry (off-diagonal entries can be near zero).
    private static void AssertClose(Matrix expected, Matrix actual, double rtol, string what)
        => NumericAssert.Close(expected, actual, 0, rtol * LinearAlgebraReference.MaxAbs(expected.Data), what);
}
