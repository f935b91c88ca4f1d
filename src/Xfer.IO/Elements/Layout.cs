using System;

namespace Xfer.IO.Elements;

/// <summary>Memory-order conversions.</summary>
public static class Layout
{
    /// <summary>Tile edge for the blocked 2-D transpose (32×32 doubles = 8 KiB per tile, two tiles fit in L1).</summary>
    private const int Tile = 32;

    /// <summary>
    /// Copies an array stored in Fortran (column-major) order into C (row-major) order.
    /// </summary>
    /// <param name="columnMajor">Source values; element (i0, i1, …) at i0 + d0·(i1 + d1·(i2 + …)).</param>
    /// <param name="shape">Dimensions d0, d1, ….</param>
    /// <param name="rowMajor">Destination; element (i0, i1, …) at ((i0·d1 + i1)·d2 + i2)….</param>
    public static void FortranToC(ReadOnlySpan<double> columnMajor, int[] shape, Span<double> rowMajor)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (columnMajor.Length != rowMajor.Length)
        {
            throw new ArgumentException("Source and destination lengths differ.", nameof(rowMajor));
        }

        if (columnMajor.Length == 0)
        {
            return;
        }

        if (shape.Length == 2)
        {
            // A Fortran-order R×C array is the C-order C×R array of its transpose.
            int rows = shape[0], cols = shape[1];
            for (int i0 = 0; i0 < rows; i0 += Tile)
            {
                for (int j0 = 0; j0 < cols; j0 += Tile)
                {
                    int iEnd = Math.Min(i0 + Tile, rows), jEnd = Math.Min(j0 + Tile, cols);
                    for (int i = i0; i < iEnd; i++)
                    {
                        for (int j = j0; j < jEnd; j++)
                        {
                            rowMajor[(i * cols) + j] = columnMajor[(j * rows) + i];
                        }
                    }
                }
            }

            return;
        }

        // General rank: walk the destination in C order with an odometer over the index, tracking the source offset.
        int rank = shape.Length;
        var fortranStride = new long[rank];
        long stride = 1;
        for (int a = 0; a < rank; a++)
        {
            fortranStride[a] = stride;
            stride *= shape[a];
        }

        var index = new int[rank];
        long src = 0;
        for (int k = 0; k < rowMajor.Length; k++)
        {
            rowMajor[k] = columnMajor[(int)src];
            for (int a = rank - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a])
                {
                    src += fortranStride[a];
                    break;
                }

                src -= fortranStride[a] * (shape[a] - 1);
                index[a] = 0;
            }
        }
    }
}
