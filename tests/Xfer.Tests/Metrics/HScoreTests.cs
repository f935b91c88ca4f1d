using Xfer.Core;
using Xfer.Metrics;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Metrics;

public class HScoreTests
{
    [Fact]
    public void One_dimensional_case_is_between_over_total_scatter()
    {
        // f = (0, 2 | 4, 6): class means 1 and 5, μ = 3; S_T = 9+1+1+9 = 20, S_B = 2·4 + 2·4 = 16 → H = 0.8.
        var r = HScore.Score(Matrix.FromRows([[0], [2], [4], [6]]), ClassLabels.FromIndices([0, 0, 1, 1]));
        NumericAssert.Close(0.8, r.Score, 1e-15);
        Assert.Equal(1, r.Rank);
    }

    [Fact]
    public void Two_dimensional_case_worked_by_hand()
    {
        // Class 0: (0,0), (2,0); class 1: (0,2), (2,4). μ = (1, 1.5).
        // S_T = [[4, 2], [2, 11]]; S_B = 2·(0,−1.5)(0,−1.5)ᵀ + 2·(0,1.5)(0,1.5)ᵀ = [[0,0],[0,9]].
        // tr(S_T⁻¹·S_B) = 9·(S_T⁻¹)₂₂ = 9·4/(44 − 4) = 0.9.
        var r = HScore.Score(Matrix.FromRows([[0, 0], [2, 0], [0, 2], [2, 4]]), ClassLabels.FromIndices([0, 0, 1, 1]));
        NumericAssert.Close(0.9, r.Score, 1e-14);
    }
}
