using System;

namespace Xfer.Numerics.LinearAlgebra.Kernels;

/// <summary>Copies between the triangles of a square row-major matrix.</summary>
internal static class Triangle
{
    // 32×32 tiles (8 KiB each) keep both the rows read and the columns written in L1.
    private const int Tile = 32;

    /// <summary>Sets c[j, i] = c[i, j] for every j &gt; i, so the upper triangle defines the whole matrix.</summary>
    public static void MirrorUpperToLower(Span<double> c, int n)
    {
        for (int i0 = 0; i0 < n; i0 += Tile)
        {
            int i1 = Math.Min(n, i0 + Tile);
            for (int j0 = i0; j0 < n; j0 += Tile)
            {
                int j1 = Math.Min(n, j0 + Tile);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = Math.Max(j0, i + 1); j < j1; j++)
                    {
                        c[(j * n) + i] = c[(i * n) + j];
                    }
                }
            }
        }
    }

    /// <summary>Sets c[i, j] = c[j, i] for every j &gt; i, so the lower triangle defines the whole matrix.</summary>
    public static void MirrorLowerToUpper(Span<double> c, int n)
    {
        for (int i0 = 0; i0 < n; i0 += Tile)
        {
            int i1 = Math.Min(n, i0 + Tile);
            for (int j0 = i0; j0 < n; j0 += Tile)
            {
                int j1 = Math.Min(n, j0 + Tile);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = Math.Max(j0, i + 1); j < j1; j++)
                    {
                        c[(i * n) + j] = c[(j * n) + i];
                    }
                }
            }
        }
    }

    /// <summary>Zeroes the strict upper triangle (entries with j &gt; i).</summary>
    public static void ClearStrictUpper(Span<double> c, int n)
    {
        for (int i = 0; i + 1 < n; i++)
        {
            c.Slice((i * n) + i + 1, n - i - 1).Clear();
        }
    }
}
