using System;
using System.Globalization;

namespace Xfer.Numerics.LinearAlgebra;

/// <summary>
/// O(1) checks of dimensions, leading dimensions and buffer lengths at the provider boundary. The facade already
/// guarantees them for whole matrices; these guard direct provider calls, because a short buffer handed to native
/// code would be written past its end rather than raise an exception.
/// </summary>
internal static class ProviderArguments
{
    /// <summary>Checks a dgemm call: op(A) m×k, op(B) k×n, C m×n, all row-major.</summary>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        NonNegative(m, n, k);
        Stored("A", transposeA ? k : m, transposeA ? m : k, aLength, lda);
        Stored("B", transposeB ? n : k, transposeB ? k : n, bLength, ldb);
        Stored("C", m, n, cLength, ldc);
    }

    /// <summary>Checks a dsyrk call: A k×n with leading dimension lda, C n×n with leading dimension n.</summary>
    public static void Gram(int n, int k, int aLength, int lda, int cLength)
    {
        NonNegative(n, k, 0);
        Stored("A", k, n, aLength, lda);
        Stored("C", n, n, cLength, Math.Max(1, n));
    }

    /// <summary>Checks a square n×n buffer (leading dimension n).</summary>
    public static void Square(string name, int n, int length)
    {
        NonNegative(n, 0, 0);
        Stored(name, n, n, length, Math.Max(1, n));
    }

    /// <summary>Checks a dense rows×cols buffer (leading dimension cols).</summary>
    public static void Dense(string name, int rows, int cols, int length)
    {
        NonNegative(rows, cols, 0);
        Stored(name, rows, cols, length, Math.Max(1, cols));
    }

    /// <summary>Checks an n×nrhs right-hand side (leading dimension nrhs).</summary>
    public static void RightHandSide(int n, int nrhs, int length)
    {
        NonNegative(n, nrhs, 0);
        Stored("B", n, nrhs, length, Math.Max(1, nrhs));
    }

    /// <summary>Checks a buffer of at least <paramref name="count"/> values.</summary>
    public static void Vector(string name, long count, int length)
    {
        if (length < count)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0} needs {1} values but its buffer holds {2}.", name, count, length));
        }
    }

    private static void NonNegative(int a, int b, int c)
    {
        if (a < 0 || b < 0 || c < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), string.Format(CultureInfo.InvariantCulture,
                "Matrix dimensions must be non-negative; got {0}, {1}, {2}.", a, b, c));
        }
    }

    // A rows×cols row-major matrix with leading dimension ld needs ld ≥ max(1, cols) (as BLAS requires) and
    // (rows − 1)·ld + cols values.
    private static void Stored(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "The leading dimension of {0} is {1}; a row-major {2}×{3} matrix needs at least {4}.", name, ld, rows, cols, Math.Max(1, cols)));
        }

        long needed = rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * ld) + cols;
        if (length < needed)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0} is {1}×{2} with leading dimension {3}, which needs {4} values, but its buffer holds {5}.", name, rows, cols, ld, needed, length));
        }
    }
}
