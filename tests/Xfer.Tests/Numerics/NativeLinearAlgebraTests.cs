using System;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;

namespace Xfer.Tests.Numerics;

/// <summary>The contract for OpenBLAS + LAPACKE (skipped when they cannot be loaded, unless XFER_REQUIRE_NATIVE=1).</summary>
[RequiresNativeLinearAlgebra]
public sealed class NativeLinearAlgebraTests : LinearAlgebraContract
{
    private readonly Lazy<NativeLinearAlgebraProvider> _provider = new(() => new NativeLinearAlgebraProvider());

    protected override ILinearAlgebraProvider Provider => _provider.Value;
}
