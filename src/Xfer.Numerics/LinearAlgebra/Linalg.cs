using System;
using System.Globalization;
using System.Threading;
using Xfer.Core;

namespace Xfer.Numerics.LinearAlgebra;

/// <summary>
/// The facade every metric calls for dense linear algebra. It validates shapes once and dispatches to
/// the active <see cref="ILinearAlgebraProvider"/> (native OpenBLAS/LAPACKE or managed).
/// </summary>
public static class Linalg
{
    private static readonly object s_lock = new();
    private static ILinearAlgebraProvider? s_provider;

    /// <summary>The active provider, chosen on first use by <see cref="LinearAlgebraProviders.FromEnvironment"/>.</summary>
    /// <exception cref="Xfer.Core.Errors.NativeDependencyException"><c>XFER_LINALG=native</c> and OpenBLAS/LAPACKE cannot be loaded.</exception>
    public static ILinearAlgebraProvider Provider
    {
        get
        {
            var provider = Volatile.Read(ref s_provider);
            if (provider is null)
            {
                lock (s_lock)
                {
                    provider = s_provider ??= LinearAlgebraProviders.FromEnvironment();
                }
            }

            return provider;
        }
    }

    /// <summary>Makes <paramref name="provider"/> the active provider.</summary>
    public static void Use(ILinearAlgebraProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Volatile.Write(ref s_provider, provider);
    }

    /// <summary>Returns op(A)·op(B) as a new matrix.</summary>
    public static Matrix Multiply(Matrix a, Matrix b, bool transposeA = false, bool transposeB = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int m = transposeA ? a.Columns : a.Rows;
        int k = transposeA ? a.Rows : a.Columns;
        int kb = transposeB ? b.Columns : b.Rows;
        int n = transposeB ? b.Rows : b.Columns;
        if (k != kb)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Cannot multiply {0}{1}×{2} by {3}{4}×{5}: inner dimensions {2} and {4} differ.",
                transposeA ? "Aᵀ " : string.Empty, m, k, transposeB ? "Bᵀ " : string.Empty, kb, n));
        }

        var c = new Matrix(m, n);
        if (m == 0 || n == 0)
        {
            return c;
        }

        if (k == 0)
        {
            return c;
        }

        Provider.Gemm(transposeA, transposeB, m, n, k, 1.0, a.Data, a.Columns, b.Data, b.Columns, 0.0, c.Data, n);
        return c;
    }

    /// <summary>C ← α·op(A)·op(B) + β·C on whole matrices (shapes checked).</summary>
    public static void MultiplyInto(Matrix a, Matrix b, Matrix c, double alpha = 1.0, double beta = 0.0, bool transposeA = false, bool transposeB = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        int m = transposeA ? a.Columns : a.Rows;
        int k = transposeA ? a.Rows : a.Columns;
        int kb = transposeB ? b.Columns : b.Rows;
        int n = transposeB ? b.Rows : b.Columns;
        if (k != kb || c.Rows != m || c.Columns != n)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Shapes do not match for C ← op(A)·op(B): op(A) is {0}×{1}, op(B) is {2}×{3}, C is {4}×{5}.", m, k, kb, n, c.Rows, c.Columns));
        }

        if (ReferenceEquals(c.Data, a.Data) || ReferenceEquals(c.Data, b.Data))
        {
            throw new ArgumentException("C ← op(A)·op(B) cannot write into A or B; pass a separate output matrix.", nameof(c));
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            c.Data.AsSpan().Clear();
            return;
        }

        Provider.Gemm(transposeA, transposeB, m, n, k, alpha, a.Data, a.Columns, b.Data, b.Columns, beta, c.Data, n);
    }

    /// <summary>The Gram matrix XᵀX (D×D) of an N×D matrix.</summary>
    public static Matrix Gram(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var g = new Matrix(x.Columns, x.Columns);
        if (x.Rows > 0 && x.Columns > 0)
        {
            Provider.Gram(x.Columns, x.Rows, 1.0, x.Data, x.Columns, 0.0, g.Data);
        }

        return g;
    }

    /// <summary>
    /// Adds α·AᵀA to <paramref name="gram"/> for a block of <paramref name="rows"/> consecutive rows of a
    /// row-major buffer with <paramref name="columns"/> columns (used to accumulate Gram matrices blockwise).
    /// </summary>
    public static void GramAccumulate(ReadOnlySpan<double> rowBlock, int rows, int columns, Matrix gram, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(gram);
        if (gram.Rows != columns || gram.Columns != columns || rowBlock.Length < (long)rows * columns)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Gram accumulation needs a {0}×{0} target and {1}·{0} values; got {2}×{3} and {4}.", columns, rows, gram.Rows, gram.Columns, rowBlock.Length));
        }

        if (rows == 0 || columns == 0)
        {
            return;
        }

        Provider.Gram(columns, rows, alpha, rowBlock, columns, 1.0, gram.Data);
    }

    /// <summary>Eigendecomposition of a symmetric matrix (input untouched): ascending eigenvalues and, optionally, eigenvectors as columns.</summary>
    public static SymmetricEigenResult SymmetricEigen(Matrix symmetric, bool computeVectors = true)
    {
        ArgumentNullException.ThrowIfNull(symmetric);
        RequireSquare(symmetric, "symmetric eigendecomposition");
        RequireFinite(symmetric, "symmetric eigendecomposition");
        int n = symmetric.Rows;
        var work = symmetric.Clone();
        var w = new double[n];
        if (n > 0)
        {
            Provider.SymmetricEigen(n, work.Data, w, computeVectors);
        }

        return new SymmetricEigenResult(w, computeVectors ? work : null);
    }

    /// <summary>Thin SVD of an m×n matrix (input untouched).</summary>
    public static SvdResult Svd(Matrix a, bool computeVectors = true)
    {
        ArgumentNullException.ThrowIfNull(a);
        RequireFinite(a, "SVD");
        int m = a.Rows, n = a.Columns, r = Math.Min(m, n);
        var work = a.Clone();
        var s = new double[r];
        Matrix? u = computeVectors ? new Matrix(m, r) : null;
        Matrix? vt = computeVectors ? new Matrix(r, n) : null;
        if (r > 0)
        {
            Provider.Svd(m, n, work.Data, s, u is null ? Span<double>.Empty : u.Data, vt is null ? Span<double>.Empty : vt.Data);
        }

        return new SvdResult(s, u, vt);
    }

    /// <summary>Cholesky factor of a symmetric positive-definite matrix, or null when it is not positive definite.</summary>
    public static CholeskyFactor? Cholesky(Matrix spd)
    {
        ArgumentNullException.ThrowIfNull(spd);
        RequireSquare(spd, "Cholesky factorisation");
        RequireFinite(spd, "Cholesky factorisation");
        var l = spd.Clone();
        if (spd.Rows > 0 && !Provider.Cholesky(spd.Rows, l.Data))
        {
            return null;
        }

        return new CholeskyFactor(l);
    }

    /// <summary>log det(A) of a symmetric positive-definite matrix via Cholesky: 2·Σ log L_ii.</summary>
    /// <exception cref="ArithmeticException">A is not positive definite.</exception>
    public static double LogDeterminantSpd(Matrix spd)
    {
        var f = Cholesky(spd) ?? throw new ArithmeticException(string.Format(CultureInfo.InvariantCulture,
            "The {0}×{0} matrix is not positive definite, so its Cholesky log-determinant is undefined.", spd.Rows));
        return f.LogDeterminant;
    }

    /// <summary>Solves A·X = B (LU with partial pivoting); returns null when A is singular. Inputs untouched.</summary>
    public static Matrix? Solve(Matrix a, Matrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireSquare(a, "linear solve");
        RequireFinite(a, "linear solve");
        RequireFinite(b, "linear solve (right-hand side)");
        if (b.Rows != a.Rows)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Cannot solve a {0}×{0} system with a right-hand side of {1} rows.", a.Rows, b.Rows));
        }

        var lu = a.Clone();
        var x = b.Clone();
        if (a.Rows > 0 && b.Columns > 0 && !Provider.Solve(a.Rows, lu.Data, b.Columns, x.Data))
        {
            return null;
        }

        return x;
    }

    /// <summary>
    /// Rejects NaN and ±∞ before a decomposition: LAPACK's iterations are undefined on them (LAPACKE would report a
    /// rejected argument; MathNet may loop or return NaN). An O(n²) scan before O(n³) work.
    /// </summary>
    internal static void RequireFinite(Matrix m, string operation)
    {
        var data = m.Data.AsSpan();
        int index = 0;
        while (index < data.Length && double.IsFinite(data[index]))
        {
            index++;
        }

        if (index < data.Length)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0} needs finite values; the {1}×{2} input holds {3} at ({4}, {5}).", operation, m.Rows, m.Columns,
                data[index], index / m.Columns, index % m.Columns));
        }
    }

    internal static void RequireSquare(Matrix m, string operation)
    {
        if (m.Rows != m.Columns)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0} needs a square matrix; got {1}×{2}.", operation, m.Rows, m.Columns));
        }
    }
}

/// <summary>Eigenvalues in ascending order and, when computed, the unit eigenvectors as the columns of <see cref="Vectors"/>.</summary>
public sealed record SymmetricEigenResult(double[] Values, Matrix? Vectors);

/// <summary>Thin SVD: singular values in descending order, U (m×r) and Vᵀ (r×n) when computed.</summary>
public sealed record SvdResult(double[] Values, Matrix? U, Matrix? VT);

/// <summary>A Cholesky factor L (lower triangular, A = L·Lᵀ) with its log-determinant and solves.</summary>
public sealed class CholeskyFactor
{
    internal CholeskyFactor(Matrix lower)
    {
        Lower = lower;
        double logDet = 0;
        for (int i = 0; i < lower.Rows; i++)
        {
            logDet += Math.Log(lower[i, i]);
        }

        LogDeterminant = 2.0 * logDet;
    }

    /// <summary>L, lower triangular; the strict upper triangle is zero.</summary>
    public Matrix Lower { get; }

    /// <summary>log det(A) = 2·Σ log L_ii (exact for SPD matrices, no overflow).</summary>
    public double LogDeterminant { get; }

    /// <summary>Solves A·X = B; B is untouched.</summary>
    public Matrix Solve(Matrix b)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rows != Lower.Rows)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Right-hand side has {0} rows; the factor is {1}×{1}.", b.Rows, Lower.Rows));
        }

        Linalg.RequireFinite(b, "Cholesky solve (right-hand side)");

        var x = b.Clone();
        if (b.Rows > 0 && b.Columns > 0)
        {
            Linalg.Provider.CholeskySolve(Lower.Rows, Lower.Data, b.Columns, x.Data);
        }

        return x;
    }

    /// <summary>Solves A·x = b for one vector; b is untouched.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = b.ToArray();
        if (x.Length != Lower.Rows)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Right-hand side has {0} entries; the factor is {1}×{1}.", x.Length, Lower.Rows));
        }

        Linalg.RequireFinite(new Matrix(x.Length, 1, x), "Cholesky solve (right-hand side)");

        if (x.Length > 0)
        {
            Linalg.Provider.CholeskySolve(Lower.Rows, Lower.Data, 1, x);
        }

        return x;
    }
}
