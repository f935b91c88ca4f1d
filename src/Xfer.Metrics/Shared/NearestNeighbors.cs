using System;
using System.Numerics.Tensors;
using System.Threading;
using System.Threading.Tasks;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Metrics.Shared;

/// <summary>
/// The k nearest other samples of every sample (leave-one-out neighbours), without the N×N distance matrix.
/// </summary>
/// <remarks>
/// <para>Pass 1 (candidates): the rows are split into blocks of B; for each pair of blocks I ≤ J one product X_I·X_Jᵀ through
/// <see cref="Linalg"/> gives their inner products, from which ‖a‖² + ‖b‖² − 2a·b (or the cosine form) is formed, and every row of
/// I and of J keeps its k + m best candidates in a sorted list — each pair is computed once (half the products of a full
/// distance matrix); rows are updated in parallel, and each list is owned by one thread at a time. Pass 2 (exact order): the
/// candidates' distances are recomputed directly as Σ(a_j − b_j)² (or 1 − a·b/(‖a‖‖b‖) with a direct dot product), and the k best by
/// (distance, index) are kept. The expanded form's rounding (relative to ‖a‖² + ‖b‖²) can reorder near-ties, and the margin m of extra
/// candidates absorbs that, so the result is the exact k-NN by direct distances with ties broken by the lower sample index,
/// independent of the BLAS in use — unless more than m candidates tie at the k-th distance.</para>
/// <para>Cost N²·D multiply-adds (one triangle of block products) + O(N·(k + m)·D); memory O(N·(k + m) + B²), B = 1024.</para>
/// </remarks>
internal static class NearestNeighbors
{
    /// <summary>Extra candidates kept per row for the exact re-ranking.</summary>
    public const int Margin = 8;

    private const int BlockRows = 1024;

    /// <summary>The indices (N×k, row i sorted by distance then index) and distances of each sample's k nearest other samples.</summary>
    public static (int[] Indices, double[] Distances) Find(Matrix x, int k, KnnDistance distance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Rows, d = x.Columns;
        if (k < 1 || k > n - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must lie in 1..N−1.");
        }

        int kk = Math.Min(n - 1, k + Margin);
        if ((long)n * kk > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "N·(k + 8) must stay below 2³¹ candidate slots.");
        }

        var norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = TensorPrimitives.Dot(x.Row(i), x.Row(i));
            norms[i] = distance == KnnDistance.Euclidean ? s : Math.Sqrt(s);
        }

        var candDist = new double[(long)n * kk];
        var candIdx = new int[(long)n * kk];
        Array.Fill(candDist, double.PositiveInfinity);
        Array.Fill(candIdx, int.MaxValue);
        int block = Math.Min(BlockRows, n);
        var tile = new double[block * block];
        var transposed = new double[block * block];
        for (int i0 = 0; i0 < n; i0 += block)
        {
            int ri = Math.Min(block, n - i0);
            for (int j0 = i0; j0 < n; j0 += block)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rj = Math.Min(block, n - j0);
                Linalg.Provider.Gemm(false, true, ri, rj, d, 1.0, x.Data.AsSpan(i0 * d, ri * d), d, x.Data.AsSpan(j0 * d, rj * d), d, 0.0, tile, rj);
                int a0 = i0, b0 = j0;
                Parallel.For(0, ri, Parallelism.Options, r =>
                {
                    int i = a0 + r;
                    var row = tile.AsSpan(r * rj, rj);
                    for (int c = 0; c < rj; c++)
                    {
                        int j = b0 + c;
                        if (j != i)
                        {
                            Insert(candDist.AsSpan(i * kk, kk), candIdx.AsSpan(i * kk, kk), Approximate(row[c], norms[i], norms[j], distance), j);
                        }
                    }
                });
                if (j0 == i0)
                {
                    continue;
                }

                for (int r = 0; r < ri; r++)
                {
                    for (int c = 0; c < rj; c++)
                    {
                        transposed[(c * ri) + r] = tile[(r * rj) + c];
                    }
                }

                Parallel.For(0, rj, Parallelism.Options, c =>
                {
                    int j = b0 + c;
                    var col = transposed.AsSpan(c * ri, ri);
                    for (int r = 0; r < ri; r++)
                    {
                        int i = a0 + r;
                        Insert(candDist.AsSpan(j * kk, kk), candIdx.AsSpan(j * kk, kk), Approximate(col[r], norms[i], norms[j], distance), i);
                    }
                });
            }
        }

        // Exact re-ranking of the candidates by direct distances.
        var indices = new int[(long)n * k];
        var distances = new double[(long)n * k];
        Parallel.For(0, n, Parallelism.Options, () => new double[d], (i, _, diff) =>
        {
            var ids = candIdx.AsSpan(i * kk, kk);
            Span<double> exact = kk <= 1024 ? stackalloc double[kk] : new double[kk];
            var a = x.Row(i);
            for (int t = 0; t < kk; t++)
            {
                var b = x.Row(ids[t]);
                if (distance == KnnDistance.Euclidean)
                {
                    TensorPrimitives.Subtract(a, b, diff);
                    exact[t] = TensorPrimitives.Dot(diff, diff);
                }
                else
                {
                    double denominator = norms[i] * norms[ids[t]];
                    exact[t] = denominator > 0 ? 1.0 - (TensorPrimitives.Dot(a, b) / denominator) : 1.0;
                }
            }

            var bestD = distances.AsSpan(i * k, k);
            var bestI = indices.AsSpan(i * k, k);
            bestD.Fill(double.PositiveInfinity);
            bestI.Fill(int.MaxValue);
            for (int t = 0; t < kk; t++)
            {
                Insert(bestD, bestI, exact[t], ids[t]);
            }

            if (distance == KnnDistance.Euclidean)
            {
                for (int t = 0; t < k; t++)
                {
                    bestD[t] = Math.Sqrt(bestD[t]);
                }
            }

            return diff;
        }, _ => { });
        return (indices, distances);
    }

    private static double Approximate(double dot, double normA, double normB, KnnDistance distance)
    {
        if (distance == KnnDistance.Euclidean)
        {
            return normA + normB - (2 * dot);
        }

        double denominator = normA * normB;
        return denominator > 0 ? 1.0 - (dot / denominator) : 1.0;
    }

    /// <summary>Inserts (value, index) into a list sorted by (value, index) if it beats the last entry.</summary>
    private static void Insert(Span<double> values, Span<int> ids, double value, int index)
    {
        int last = values.Length - 1;
        if (value > values[last] || (value == values[last] && index >= ids[last]))
        {
            return;
        }

        int at = last;
        while (at > 0 && (values[at - 1] > value || (values[at - 1] == value && ids[at - 1] > index)))
        {
            values[at] = values[at - 1];
            ids[at] = ids[at - 1];
            at--;
        }

        values[at] = value;
        ids[at] = index;
    }
}
