using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics;

/// <summary>The contract for the managed provider, plus its own promise of thread-count-independent results.</summary>
public sealed class ManagedLinearAlgebraTests : LinearAlgebraContract
{
    private readonly ManagedLinearAlgebraProvider _provider = new();

    protected override ILinearAlgebraProvider Provider => _provider;

    [Fact]
    public void Products_are_bitwise_identical_for_any_thread_count()
    {
        // Large enough for the parallel blocked path (> 2^23 multiply-adds); threads split C, never the inner sum.
        var a = TestData.Gaussian(300, 310, 1).Data;
        var b = TestData.Gaussian(310, 290, 2).Data;
        var one = new double[300 * 290];
        var four = new double[300 * 290];
        _provider.SetThreads(1);
        _provider.Gemm(false, false, 300, 290, 310, 1.0, a, 310, b, 290, 0.0, one, 290);
        var g1 = new double[290 * 290];
        _provider.Gram(290, 310, 1.0, b, 290, 0.0, g1);
        _provider.SetThreads(4);
        _provider.Gemm(false, false, 300, 290, 310, 1.0, a, 310, b, 290, 0.0, four, 290);
        var g4 = new double[290 * 290];
        _provider.Gram(290, 310, 1.0, b, 290, 0.0, g4);
        Assert.Equal(one, four);
        Assert.Equal(g1, g4);
    }
}
