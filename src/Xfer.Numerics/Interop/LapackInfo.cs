using System;
using System.Globalization;

namespace Xfer.Numerics.Interop;

/// <summary>Turns a LAPACKE <c>info</c> return code into the documented outcome.</summary>
/// <remarks>
/// <c>info &lt; 0</c>: argument −info was rejected. The provider validates every argument first, so this is a bug,
/// except for LAPACKE's own NaN check (enabled by default), which reports a NaN-holding matrix the same way, and
/// LAPACKE's −1010/−1011 for failed workspace allocations. <c>info &gt; 0</c> is routine-specific and handled by
/// the caller (not positive definite, singular, or no convergence).
/// </remarks>
internal static class LapackInfo
{
    /// <summary>Throws when <paramref name="info"/> is negative.</summary>
    public static void ThrowIfArgumentError(int info, string routine)
    {
        if (info == Lapacke.WorkMemoryError || info == Lapacke.TransposeMemoryError)
        {
            throw new InsufficientMemoryException(string.Format(CultureInfo.InvariantCulture,
                "{0} could not allocate its workspace (info = {1}).", routine, info));
        }

        if (info < 0)
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "{0} rejected argument {1} (info = {2}). Arguments are validated before the call, so either the matrix holds NaN "
                + "(LAPACKE's NaN check reports it this way) or this is a bug in xfer's native provider.", routine, -info, info));
        }
    }

    /// <summary>Throws <see cref="ArithmeticException"/> for a positive <paramref name="info"/> meaning the iteration did not converge.</summary>
    public static void ThrowIfNotConverged(int info, string routine, string what)
    {
        ThrowIfArgumentError(info, routine);
        if (info > 0)
        {
            throw new ArithmeticException(string.Format(CultureInfo.InvariantCulture,
                "{0}: {1} did not converge (info = {2}).", routine, what, info));
        }
    }
}
