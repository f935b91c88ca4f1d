using System;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Metrics.Shared;

/// <summary>Writes sample <paramref name="row"/> of the features, transformed (centred, normalised, mixed, …), into <paramref name="destination"/> (length D).</summary>
internal delegate void RowTransform(int row, Span<double> destination);

/// <summary>
/// Products of transformed feature rows computed block by block, so a metric can work on centred, normalised or mixed
/// rows without materialising a transformed copy of the N×D data. Each block holds about 4M values (32 MB), enough
/// for BLAS efficiency (the same block size as <c>ClassMoments</c>).
/// </summary>
internal static class RowBlocks
{
    private const int TargetBlockValues = 1 << 22;

    /// <summary>Rows per block for D columns.</summary>
    public static int BlockRows(int rows, int columns) => Math.Max(1, Math.Min(Math.Max(1, rows), TargetBlockValues / Math.Max(1, columns)));

    /// <summary>gram += Σ_{i ∈ rows} z_i·z_iᵀ (D×D), with z_i the transformed row i.</summary>
    public static void AccumulateGram(ReadOnlySpan<int> rows, int columns, RowTransform transform, Matrix gram)
    {
        int block = BlockRows(rows.Length, columns);
        var buffer = new double[block * columns];
        for (int start = 0; start < rows.Length; start += block)
        {
            int r = Math.Min(block, rows.Length - start);
            for (int t = 0; t < r; t++)
            {
                transform(rows[start + t], buffer.AsSpan(t * columns, columns));
            }

            Linalg.GramAccumulate(buffer.AsSpan(0, r * columns), r, columns, gram);
        }
    }

    /// <summary>Z·B for the listed rows (m×k), with Z the transformed rows and B a D×k matrix.</summary>
    public static Matrix Multiply(ReadOnlySpan<int> rows, int columns, RowTransform transform, Matrix b)
    {
        var result = new Matrix(rows.Length, b.Columns);
        int block = BlockRows(rows.Length, columns);
        Matrix? buffer = null;
        for (int start = 0; start < rows.Length; start += block)
        {
            int r = Math.Min(block, rows.Length - start);
            if (buffer is null || buffer.Rows != r)
            {
                buffer = new Matrix(r, columns);
            }

            for (int t = 0; t < r; t++)
            {
                transform(rows[start + t], buffer.Row(t));
            }

            var part = Linalg.Multiply(buffer, b);
            part.Data.CopyTo(result.Data.AsSpan(start * b.Columns));
        }

        return result;
    }

    /// <summary>(ZᵀZ)·B = Zᵀ·(Z·B) for the listed transformed rows (D×k), without forming the D×D Gram.</summary>
    public static Matrix GramProduct(ReadOnlySpan<int> rows, int columns, RowTransform transform, Matrix b)
    {
        var result = new Matrix(columns, b.Columns);
        int block = BlockRows(rows.Length, columns);
        Matrix? buffer = null;
        for (int start = 0; start < rows.Length; start += block)
        {
            int r = Math.Min(block, rows.Length - start);
            if (buffer is null || buffer.Rows != r)
            {
                buffer = new Matrix(r, columns);
            }

            for (int t = 0; t < r; t++)
            {
                transform(rows[start + t], buffer.Row(t));
            }

            var zb = Linalg.Multiply(buffer, b);
            Linalg.MultiplyInto(buffer, zb, result, 1.0, 1.0, transposeA: true);
        }

        return result;
    }

    /// <summary>The m×m kernel Z·Zᵀ of the listed transformed rows, by pairs of row blocks (for m &lt; D, where it is the smaller Gram).</summary>
    public static Matrix Kernel(int[] rows, int columns, RowTransform transform)
    {
        int m = rows.Length;
        var kernel = new Matrix(m, m);
        int block = Math.Max(1, BlockRows(m, columns) / 2);
        for (int i0 = 0; i0 < m; i0 += block)
        {
            var a = Fill(rows, i0, Math.Min(block, m - i0), columns, transform);
            for (int j0 = 0; j0 <= i0; j0 += block)
            {
                var b = j0 == i0 ? a : Fill(rows, j0, Math.Min(block, m - j0), columns, transform);
                var part = Linalg.Multiply(a, b, transposeB: true);
                for (int i = 0; i < part.Rows; i++)
                {
                    for (int j = 0; j < part.Columns; j++)
                    {
                        kernel[i0 + i, j0 + j] = part[i, j];
                        kernel[j0 + j, i0 + i] = part[i, j];
                    }
                }
            }
        }

        return kernel;
    }

    /// <summary>The indices 0..n−1.</summary>
    public static int[] All(int n)
    {
        var all = new int[n];
        for (int i = 0; i < n; i++)
        {
            all[i] = i;
        }

        return all;
    }

    private static Matrix Fill(int[] rows, int start, int count, int columns, RowTransform transform)
    {
        var m = new Matrix(count, columns);
        for (int t = 0; t < count; t++)
        {
            transform(rows[start + t], m.Row(t));
        }

        return m;
    }
}
