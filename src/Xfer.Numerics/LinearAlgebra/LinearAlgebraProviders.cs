using System;
using System.Threading;
using Xfer.Core.Errors;
using Xfer.Numerics.Interop;

namespace Xfer.Numerics.LinearAlgebra;

/// <summary>
/// Chooses the linear-algebra provider from <c>XFER_LINALG</c>: <c>native</c> (OpenBLAS + LAPACKE, or an error
/// saying how to install them), <c>managed</c>, or unset/<c>auto</c> (native when it loads, else managed, remembering why).
/// </summary>
public static class LinearAlgebraProviders
{
    /// <summary>Environment variable that forces a provider.</summary>
    public const string EnvironmentVariable = "XFER_LINALG";

    private static string? s_nativeFallbackReason;

    /// <summary>
    /// Why automatic selection fell back to the managed provider (the native loader's one-line message), or null
    /// when it did not (native loaded, or a provider was chosen explicitly).
    /// </summary>
    public static string? NativeFallbackReason => Volatile.Read(ref s_nativeFallbackReason);

    /// <summary>Creates the provider named by <c>XFER_LINALG</c>, or the best available one.</summary>
    /// <exception cref="XferException">The variable names no provider.</exception>
    /// <exception cref="NativeDependencyException"><c>XFER_LINALG=native</c> and the libraries cannot be loaded.</exception>
    public static ILinearAlgebraProvider FromEnvironment() => Create(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Creates the provider for a choice spelled as in <c>XFER_LINALG</c> (case-insensitive; null or empty means auto).</summary>
    /// <exception cref="XferException">The choice names no provider.</exception>
    /// <exception cref="NativeDependencyException">The choice is native and the libraries cannot be loaded.</exception>
    public static ILinearAlgebraProvider Create(string? choice)
    {
        var provider = Create(choice, null, out string? fallbackReason);
        Volatile.Write(ref s_nativeFallbackReason, fallbackReason);
        return provider;
    }

    /// <summary>
    /// As <see cref="Create(string?)"/> with a given probe outcome (null: probe the system), returning the reason
    /// for a fallback to managed instead of remembering it.
    /// </summary>
    internal static ILinearAlgebraProvider Create(string? choice, NativeProbeOutcome? probe, out string? fallbackReason)
    {
        fallbackReason = null;
        switch (choice?.Trim().ToUpperInvariant())
        {
            case null or "" or "AUTO":
                if (NativeLinearAlgebraProvider.TryCreate(probe ?? NativeLibraryProbe.Default, out var native, out string? failure))
                {
                    return native;
                }

                fallbackReason = failure;
                return new ManagedLinearAlgebraProvider();
            case "NATIVE":
                return NativeLinearAlgebraProvider.TryCreate(probe ?? NativeLibraryProbe.Default, out var forced, out string? why)
                    ? forced
                    : throw new NativeDependencyException(why);
            case "MANAGED":
                return new ManagedLinearAlgebraProvider();
            default:
                throw new XferException($"{EnvironmentVariable}={choice} is not a linear-algebra provider; use native, managed or auto.");
        }
    }
}
