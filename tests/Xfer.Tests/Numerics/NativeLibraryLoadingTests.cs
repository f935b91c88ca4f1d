using System;
using Xfer.Core.Errors;
using Xfer.Numerics.Interop;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics;

/// <summary>Finding and loading OpenBLAS/LAPACKE, and choosing a provider from XFER_LINALG.</summary>
[RequiresNativeLinearAlgebra]
public sealed class NativeLibraryLoadingTests
{
    [ContractFact(OnlyWhenNativeRequired = true)]
    public void Native_linear_algebra_loads_when_the_environment_requires_it()
    {
        Assert.True(NativeLinearAlgebraProvider.TryCreate(out var provider, out string? failure), failure);
        Assert.StartsWith("native (OpenBLAS", provider.Name, StringComparison.Ordinal);
    }

    [ContractFact]
    public void The_name_reports_the_openblas_version_threading_and_lapack_version()
    {
        var provider = new NativeLinearAlgebraProvider();

        // e.g. "native (OpenBLAS 0.3.21 pthread, Zen kernels; LAPACKE, LAPACK 3.11.0)".
        Assert.Matches(@"^native \(OpenBLAS \d+\.\d+\.\d+( \w+)?(, \w+ kernels)?; LAPACKE(, LAPACK \d+\.\d+\.\d+)?\)$", provider.Name);
        Assert.Contains("libopenblas", provider.LibraryPaths, StringComparison.Ordinal);
    }

    [ContractFact]
    public void Explicit_native_choice_gives_the_native_provider()
    {
        Assert.IsType<NativeLinearAlgebraProvider>(LinearAlgebraProviders.Create("native"));
        Assert.IsType<NativeLinearAlgebraProvider>(LinearAlgebraProviders.Create(" Native "));
    }

    [ContractFact]
    public void A_missing_lapacke_is_reported_with_every_candidate_tried()
    {
        var outcome = NativeLibraryProbe.Probe(Libraries.OpenBlasCandidates, ["/nonexistent/liblapacke.so.3", "libxfer-no-such-lapacke.so.3"]);
        Assert.Null(outcome.Libraries);

        // Debian's OpenBLAS does not bundle LAPACKE, so the fallback to it is listed as well.
        Assert.StartsWith("LAPACKE: /nonexistent/liblapacke.so.3 (no such file); libxfer-no-such-lapacke.so.3 (not found by the loader); ", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("lacks LAPACKE_dsyevd", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_openblas_gives_one_line_naming_what_was_tried_and_the_fix()
    {
        var outcome = NativeLibraryProbe.Probe(["libxfer-no-such-blas.so.0", "/nonexistent/dir/libopenblas.so.0"], Libraries.LapackeCandidates);
        Assert.Null(outcome.Libraries);
        Assert.False(NativeLinearAlgebraProvider.TryCreate(outcome, out _, out string? message));
        Assert.Equal(
            "Could not load native linear algebra (OpenBLAS + LAPACKE). Tried OpenBLAS: libxfer-no-such-blas.so.0 (not found by the loader); "
            + "/nonexistent/dir/libopenblas.so.0 (no such file). Install libopenblas0-pthread and liblapacke (scripts/setup.sh native), or set XFER_LINALG=managed.",
            message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Auto_selection_falls_back_to_managed_and_remembers_why()
    {
        var failing = new NativeProbeOutcome(null, "OpenBLAS: libopenblas.so.0 (not found by the loader)");
        var provider = LinearAlgebraProviders.Create("auto", failing, out string? reason);
        Assert.IsType<ManagedLinearAlgebraProvider>(provider);
        Assert.Equal(NativeLinearAlgebraProvider.FailureMessage(failing.Failure!), reason);

        var forced = Assert.Throws<NativeDependencyException>(() => LinearAlgebraProviders.Create("native", failing, out _));
        Assert.Equal(NativeLinearAlgebraProvider.FailureMessage(failing.Failure!), forced.Message);
        Assert.EndsWith("Install libopenblas0-pthread and liblapacke (scripts/setup.sh native), or set XFER_LINALG=managed.", forced.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Managed_and_unknown_choices()
    {
        Assert.IsType<ManagedLinearAlgebraProvider>(LinearAlgebraProviders.Create("MANAGED"));
        var ex = Assert.Throws<XferException>(() => LinearAlgebraProviders.Create("openblass"));
        Assert.Equal("XFER_LINALG=openblass is not a linear-algebra provider; use native, managed or auto.", ex.Message);
    }
}
