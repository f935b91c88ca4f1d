using System;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Tests.Support;

/// <summary>
/// Whether tests that need OpenBLAS/LAPACKE run. They run when the libraries load; when they do not, they are
/// skipped with the loader's reason, unless <c>XFER_REQUIRE_NATIVE=1</c> (set by scripts/test after a successful
/// <c>scripts/setup.sh native</c>), in which case they run and fail loudly.
/// </summary>
public static class NativeLinearAlgebraAvailability
{
    /// <summary>The variable that turns a missing native library from a skip into a failure.</summary>
    public const string RequireVariable = "XFER_REQUIRE_NATIVE";

    private static readonly Lazy<string?> s_failure = new(() =>
        NativeLinearAlgebraProvider.TryCreate(out _, out string? failure) ? null : failure);

    /// <summary>True when <c>XFER_REQUIRE_NATIVE=1</c>.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable)?.Trim() == "1";

    /// <summary>Why native tests are skipped, or null when they run.</summary>
    public static string? SkipReason => s_failure.Value is string failure && !Required
        ? "native linear algebra is not available (" + failure + "); set " + RequireVariable + "=1 to make this a failure"
        : null;
}
