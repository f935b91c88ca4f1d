using System;
using Xfer.Core;

namespace Xfer.Tests.Numerics;

/// <summary>
/// Independent, deliberately simple references for the contract tests: element-by-element products with
/// compensated (error-free FMA + Neumaier) summation, so they are accurate to about one rounding regardless of the
/// inner dimension, plus the matching error bounds.
/// </summary>
internal static class LinearAlgebraReference
{
    /// <summary>α·op(A)·op(B) + β·C element (i, j) and its error scale |α|·Σ|op(A)_ip·op(B)_pj| + |β·C_ij|.</summary>
    public static (double Value, double Scale) GemmElement(bool ta, bool tb, int i, int j, int k, double alpha,
        double[] a, int lda, double[] b, int ldb, double beta, double cij)
    {
        double sum = 0, comp = 0, abs = 0;
        for (int p = 0; p < k; p++)
        {
            double x = ta ? a[(p * lda) + i] : a[(i * lda) + p];
            double y = tb ? b[(j * ldb) + p] : b[(p * ldb) + j];
            double prod = x * y;
            double prodErr = Math.FusedMultiplyAdd(x, y, -prod); // exact: x·y = prod + prodErr
            double t = sum + prod;
            comp += Math.Abs(sum) >= Math.Abs(prod) ? (sum - t) + prod : (prod - t) + sum;
            comp += prodErr;
            sum = t;
            abs += Math.Abs(prod);
        }

        double ab = sum + comp;
        double bc = beta == 0.0 ? 0.0 : beta * cij;
        return ((alpha * ab) + bc, (Math.Abs(alpha) * abs) + Math.Abs(bc));
    }

    /// <summary>A symmetric matrix with eigenvalues <paramref name="eigenvalues"/> and a random orthogonal eigenbasis (Q·diag·Qᵀ).</summary>
    public static Matrix SymmetricWithSpectrum(double[] eigenvalues, int seed)
    {
        int n = eigenvalues.Length;
        var q = RandomOrthogonal(n, seed);
        var a = new Matrix(n, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < n; p++)
                {
                    s += q[i, p] * eigenvalues[p] * q[j, p];
                }

                a[i, j] = s;
            }
        }

        // Exactly symmetric, as the decompositions assume.
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                a[i, j] = a[j, i];
            }
        }

        return a;
    }

    /// <summary>A random n×n orthogonal matrix: modified Gram–Schmidt on Gaussian columns (done twice for orthogonality to rounding).</summary>
    public static Matrix RandomOrthogonal(int n, int seed)
    {
        var q = Support.TestData.Gaussian(n, n, seed);
        for (int pass = 0; pass < 2; pass++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int p = 0; p < j; p++)
                {
                    double d = 0;
                    for (int i = 0; i < n; i++)
                    {
                        d += q[i, p] * q[i, j];
                    }

                    for (int i = 0; i < n; i++)
                    {
                        q[i, j] -= d * q[i, p];
                    }
                }

                double norm = 0;
                for (int i = 0; i < n; i++)
                {
                    norm += q[i, j] * q[i, j];
                }

                norm = Math.Sqrt(norm);
                for (int i = 0; i < n; i++)
                {
                    q[i, j] /= norm;
                }
            }
        }

        return q;
    }

    /// <summary>An SPD matrix XᵀX + n·I from Gaussian X (condition number modest).</summary>
    public static Matrix SymmetricPositiveDefinite(int n, int seed)
    {
        var x = Support.TestData.Gaussian(n + 3, n, seed);
        var a = new Matrix(n, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int p = 0; p < x.Rows; p++)
                {
                    s += x[p, i] * x[p, j];
                }

                a[i, j] = s + (i == j ? n : 0.0);
                a[j, i] = a[i, j];
            }
        }

        return a;
    }

    /// <summary>Largest |value| of a span (the scale for norm-wise relative comparisons).</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (double v in x)
        {
            m = Math.Max(m, Math.Abs(v));
        }

        return m;
    }
}
