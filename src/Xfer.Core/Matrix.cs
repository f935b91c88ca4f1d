using System;
using System.Globalization;

namespace Xfer.Core;

/// <summary>
/// A dense, row-major matrix of float64 values: the one numeric container of the toolkit.
/// Features are an N×D <see cref="Matrix"/> (N samples as rows, D features as columns).
/// </summary>
/// <remarks>
/// Row-major storage with leading dimension equal to <see cref="Columns"/>; element (i, j) is
/// <c>Data[i * Columns + j]</c>. This is the layout of C-order NumPy arrays and of CBLAS with
/// <c>CblasRowMajor</c>, so data read from <c>.npy</c> files reaches native BLAS without copies.
/// </remarks>
public sealed class Matrix
{
    /// <summary>Creates a zero-filled matrix.</summary>
    public Matrix(int rows, int columns)
    {
        CheckShape(rows, columns);
        Rows = rows;
        Columns = columns;
        Data = new double[checked(rows * columns)];
    }

    /// <summary>Wraps an existing row-major buffer (no copy).</summary>
    public Matrix(int rows, int columns, double[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckShape(rows, columns);
        if (data.Length != (long)rows * columns)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "A {0}×{1} matrix needs {2} values but the buffer holds {3}.", rows, columns, (long)rows * columns, data.Length), nameof(data));
        }

        Rows = rows;
        Columns = columns;
        Data = data;
    }

    /// <summary>Number of rows (samples, for a feature matrix).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features, for a feature matrix).</summary>
    public int Columns { get; }

    /// <summary>Row-major values; length <c>Rows * Columns</c>.</summary>
    public double[] Data { get; }

    /// <summary>Element (row, column).</summary>
    public ref double this[int row, int column] => ref Data[(row * Columns) + column];

    /// <summary>One row as a span over the underlying buffer.</summary>
    public Span<double> Row(int row) => Data.AsSpan(row * Columns, Columns);

    /// <summary>Creates the n×n identity.</summary>
    public static Matrix Identity(int n)
    {
        var m = new Matrix(n, n);
        for (int i = 0; i < n; i++)
        {
            m.Data[(i * n) + i] = 1.0;
        }

        return m;
    }

    /// <summary>Creates a matrix from a rectangular array of rows (convenient in tests and examples).</summary>
    public static Matrix FromRows(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int r = rows.Length;
        int c = r == 0 ? 0 : rows[0].Length;
        var m = new Matrix(r, c);
        for (int i = 0; i < r; i++)
        {
            if (rows[i].Length != c)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Row {0} has {1} values; row 0 has {2}. All rows must have the same length.", i, rows[i].Length, c), nameof(rows));
            }

            rows[i].CopyTo(m.Row(i));
        }

        return m;
    }

    /// <summary>A deep copy.</summary>
    public Matrix Clone() => new(Rows, Columns, (double[])Data.Clone());

    /// <summary>A new matrix holding the transpose.</summary>
    public Matrix Transpose()
    {
        var t = new Matrix(Columns, Rows);
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                t.Data[(j * Rows) + i] = Data[(i * Columns) + j];
            }
        }

        return t;
    }

    /// <summary>A new matrix holding the listed rows, in the given order.</summary>
    public Matrix SelectRows(ReadOnlySpan<int> rowIndices)
    {
        var m = new Matrix(rowIndices.Length, Columns);
        for (int i = 0; i < rowIndices.Length; i++)
        {
            Row(rowIndices[i]).CopyTo(m.Row(i));
        }

        return m;
    }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "Matrix {0}×{1}", Rows, Columns);

    private static void CheckShape(int rows, int columns)
    {
        if (rows < 0 || columns < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), string.Format(CultureInfo.InvariantCulture,
                "Matrix dimensions must be non-negative; got {0}×{1}.", rows, columns));
        }

        if ((long)rows * columns > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), string.Format(CultureInfo.InvariantCulture,
                "A {0}×{1} matrix has more than {2} elements, the largest .NET array.", rows, columns, Array.MaxLength));
        }
    }
}
