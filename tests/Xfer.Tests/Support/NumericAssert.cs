using System;
using System.Globalization;
using Xfer.Core;
using Xunit.Sdk;

namespace Xfer.Tests.Support;

/// <summary>Tolerance asserts that always throw on failure (never a comparison whose result is ignored).</summary>
public static class NumericAssert
{
    /// <summary>Passes when |actual − expected| ≤ atol + rtol·|expected|.</summary>
    public static void Close(double expected, double actual, double rtol = 1e-12, double atol = 0.0, string? because = null)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual) || Math.Abs(actual - expected) > atol + (rtol * Math.Abs(expected)))
        {
            throw new XunitException(string.Format(CultureInfo.InvariantCulture,
                "Expected {0:R} but got {1:R} (|diff| = {2:E3}, allowed {3:E3}){4}",
                expected, actual, Math.Abs(actual - expected), atol + (rtol * Math.Abs(expected)), because is null ? "." : ": " + because));
        }
    }

    /// <summary>Element-wise <see cref="Close(double,double,double,double,string)"/> on spans of equal length.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double rtol = 1e-12, double atol = 0.0, string? because = null)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"Expected {expected.Length} values but got {actual.Length}.");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], rtol, atol, (because ?? string.Empty) + $" (index {i})");
        }
    }

    /// <summary>Matrices agree in shape and element-wise within tolerance.</summary>
    public static void Close(Matrix expected, Matrix actual, double rtol = 1e-12, double atol = 0.0, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Rows != actual.Rows || expected.Columns != actual.Columns)
        {
            throw new XunitException($"Expected a {expected.Rows}×{expected.Columns} matrix but got {actual.Rows}×{actual.Columns}.");
        }

        Close(expected.Data, actual.Data, rtol, atol, because);
    }
}
