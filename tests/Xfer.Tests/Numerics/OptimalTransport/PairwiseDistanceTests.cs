using System;
using Xfer.Numerics.OptimalTransport;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics.OptimalTransport;

public class PairwiseDistanceTests
{
    [Fact]
    public void Gemm_expansion_matches_direct_differences()
    {
        var x = TestData.Gaussian(7, 5, 1);
        var y = TestData.Gaussian(4, 5, 2);
        var d = PairwiseDistance.Euclidean(x, y);
        var d2 = PairwiseDistance.Euclidean(x, y, squared: true);
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double s = 0;
                for (int k = 0; k < 5; k++)
                {
                    double diff = x[i, k] - y[j, k];
                    s += diff * diff;
                }

                NumericAssert.Close(s, d2[i, j], 1e-12, 1e-12);
                NumericAssert.Close(Math.Sqrt(s), d[i, j], 1e-12, 1e-12);
            }
        }
    }

    [Fact]
    public void Identical_rows_give_zero_not_a_negative_rounding_artefact()
    {
        var x = TestData.Gaussian(3, 50, 9);
        var d = PairwiseDistance.Euclidean(x, x);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(d[i, i] >= 0 && d[i, i] < 1e-6);
        }
    }
}
