using Xfer.Core;

namespace Xfer.Metrics.Shared;

/// <summary>Triangular solves with a Cholesky factor L (small matrices: NCTI's 64×64 generalised eigenproblem).</summary>
internal static class Triangular
{
    /// <summary>X = L⁻¹·B by forward substitution (L lower triangular n×n, B n×m).</summary>
    public static Matrix SolveLower(Matrix l, Matrix b)
    {
        int n = l.Rows, m = b.Columns;
        var x = b.Clone();
        for (int col = 0; col < m; col++)
        {
            for (int i = 0; i < n; i++)
            {
                double s = x[i, col];
                for (int j = 0; j < i; j++)
                {
                    s -= l[i, j] * x[j, col];
                }

                x[i, col] = s / l[i, i];
            }
        }

        return x;
    }

    /// <summary>X = L⁻ᵀ·B by back substitution (L lower triangular n×n, B n×m).</summary>
    public static Matrix SolveLowerTransposed(Matrix l, Matrix b)
    {
        int n = l.Rows, m = b.Columns;
        var x = b.Clone();
        for (int col = 0; col < m; col++)
        {
            for (int i = n - 1; i >= 0; i--)
            {
                double s = x[i, col];
                for (int j = i + 1; j < n; j++)
                {
                    s -= l[j, i] * x[j, col];
                }

                x[i, col] = s / l[i, i];
            }
        }

        return x;
    }
}
