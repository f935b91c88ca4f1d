using System;
using System.Threading;
using System.Threading.Tasks;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Metrics.Shared;

/// <summary>Memory and blocking of <see cref="SameClassSpearman"/>.</summary>
/// <param name="BudgetValues">Pair values held at once (2²⁴ ≈ 16.8M values, 128 MB); more pairs take more passes.</param>
/// <param name="Buckets">Value buckets per histogram level (2¹⁶).</param>
/// <param name="BlockRows">Rows per block of pair products (a block × N tile of similarities).</param>
internal sealed record PairPassOptions(int BudgetValues = 1 << 24, int Buckets = 1 << 16, int BlockRows = 256);

/// <summary>Result of <see cref="SameClassSpearman.Compute"/>.</summary>
/// <param name="Rho">Spearman correlation (average ranks for ties) between the pair similarities and the same-class indicator.</param>
/// <param name="Pairs">M = N(N−1)/2.</param>
/// <param name="SameClassPairs">Pairs whose two samples share a class.</param>
/// <param name="TiedValues">Pair values that share their value with at least one other pair.</param>
/// <param name="Passes">Passes over all pairs (one histogram pass, one per batch of buckets, one per refined bucket).</param>
internal sealed record SameClassSpearmanResult(double Rho, long Pairs, long SameClassPairs, long TiedValues, int Passes);

/// <summary>
/// The exact Spearman correlation between the similarities s_ij = u_i·u_j of all pairs i &lt; j and the binary indicator
/// b_ij = [y_i = y_j], without storing the N(N−1)/2 pairs.
/// </summary>
/// <remarks>
/// <para><b>Reduction.</b> The ranks of a binary variable are an increasing affine function of it, so Spearman(s, b) = Pearson(rank(s), b)
/// = (R₁ − m₁(M+1)/2) / √(S_rr · m₁m₀/M), where R₁ is the sum of the average ranks of the m₁ same-class values among all M values,
/// m₀ = M − m₁, and S_rr = (M³ − M − Σ_g (t_g³ − t_g))/12 is the sum of squared rank deviations with the tie correction over groups
/// g of t_g equal values. Only R₁ and the tie groups are needed, and both follow from the values in increasing order.</para>
/// <para><b>Passes.</b> A first pass counts the pairs of each class kind in 2¹⁶ value buckets (an arithmetic, monotone map, so
/// equal values share a bucket and bucket order is value order). Consecutive buckets are then batched up to the value budget; one
/// pass per batch collects that batch's values, sorts them per bucket, and walks them in order, forming the tie groups exactly (a
/// group's average rank is its offset among all values plus (t + 1)/2). A bucket larger than the budget is refined by a further
/// histogram over its own value range (and is one tie group if all its values are equal). Rank sums and tie sums are kept in
/// 128-bit integers (twice the average ranks are integers), so the result is exact up to the final division.</para>
/// <para><b>Cost.</b> Each pass recomputes the similarities blockwise with one product per block of rows through <see cref="Linalg"/>:
/// O(N²·q) per pass for q-dimensional rows, 1 + ⌈M/budget⌉ passes (plus refinements for heavy ties), and O(M log(M/buckets)) sorting.
/// Memory O(budget + block·N + N·q). Passes must see bit-identical similarities (the same products in the same blocks); a mismatch
/// is detected and reported.</para>
/// </remarks>
internal static class SameClassSpearman
{
    /// <summary>Computes the correlation for the unit rows <paramref name="u"/> (N×q) and their labels.</summary>
    public static SameClassSpearmanResult Compute(Matrix u, ReadOnlySpan<int> labels, PairPassOptions options, CancellationToken cancellationToken)
    {
        var run = new Run(u, labels.ToArray(), options, cancellationToken);
        run.Process([], -1.0, options.Buckets / 2.0);
        return run.Finish();
    }

    private readonly record struct Level(double Low, double Scale, int Target);

    private sealed class Run(Matrix u, int[] labels, PairPassOptions options, CancellationToken cancellationToken)
    {
        private readonly int _n = u.Rows;
        private readonly int _h = options.Buckets;
        private readonly long _pairs = (long)u.Rows * (u.Rows - 1) / 2;
        private double[]? _values;
        private long _offset;
        private long _sameSeen;
        private Int128 _twiceRankSumSame;
        private Int128 _tieSum;
        private long _tied;
        private int _passes;

        public void Process(Level[] chain, double low, double scale)
        {
            var hist = CountBuckets(chain, low, scale);
            int batchStart = -1;
            long batchCount = 0;
            for (int b = 0; b < _h; b++)
            {
                long count = hist.Same[b] + hist.Different[b];
                if (count == 0)
                {
                    continue;
                }

                if (count > options.BudgetValues)
                {
                    Flush(chain, low, scale, batchStart, b - 1, hist, ref batchCount);
                    batchStart = -1;
                    if (hist.Min[b] == hist.Max[b])
                    {
                        Group(hist.Same[b], hist.Different[b]);
                    }
                    else
                    {
                        double width = hist.Max[b] - hist.Min[b];
                        var child = new Level[chain.Length + 1];
                        chain.CopyTo(child, 0);
                        child[^1] = new Level(low, scale, b);
                        Process(child, hist.Min[b], Math.Min(_h / width, double.MaxValue));
                    }

                    continue;
                }

                if (batchCount + count > options.BudgetValues)
                {
                    Flush(chain, low, scale, batchStart, b - 1, hist, ref batchCount);
                    batchStart = -1;
                }

                if (batchStart < 0)
                {
                    batchStart = b;
                }

                batchCount += count;
            }

            Flush(chain, low, scale, batchStart, _h - 1, hist, ref batchCount);
        }

        public SameClassSpearmanResult Finish()
        {
            if (_offset != _pairs)
            {
                throw new InvalidOperationException($"PARC visited {_offset} pair values of {_pairs}; the pair products were not reproducible between passes.");
            }

            long m1 = _sameSeen, m0 = _pairs - m1;
            double rho = double.NaN;
            Int128 m = _pairs;
            Int128 srr12 = (m * m * m) - m - _tieSum; // 12·S_rr
            if (m1 > 0 && m0 > 0 && srr12 > 0)
            {
                // Spearman = (R₁ − m₁(M+1)/2)/√(S_rr·m₁m₀/M) = (2R₁ − m₁(M+1)) / (2·√(S_rr·m₁m₀/M)).
                Int128 numerator = _twiceRankSumSame - ((Int128)m1 * (m + 1));
                double srr = (double)srr12 / 12.0;
                rho = (double)numerator / (2.0 * Math.Sqrt(srr * ((double)m1 * m0 / _pairs)));
            }

            return new SameClassSpearmanResult(rho, _pairs, m1, _tied, _passes);
        }

        /// <summary>One tie group of a same-class and b different-class pairs at the current offset.</summary>
        private void Group(long a, long b)
        {
            long t = a + b;
            _twiceRankSumSame += (Int128)a * ((2 * (Int128)_offset) + t + 1);
            _tieSum += ((Int128)t * t * t) - t;
            _tied += t > 1 ? t : 0;
            _sameSeen += a;
            _offset += t;
        }

        private sealed class BucketCounts(int buckets)
        {
            public long[] Same { get; } = new long[buckets];

            public long[] Different { get; } = new long[buckets];

            public double[] Min { get; } = Filled(buckets, double.PositiveInfinity);

            public double[] Max { get; } = Filled(buckets, double.NegativeInfinity);

            private static double[] Filled(int n, double v)
            {
                var a = new double[n];
                Array.Fill(a, v);
                return a;
            }
        }

        private static int Bucket(double v, double low, double scale, int buckets)
        {
            double t = (v - low) * scale;
            return t < 0 ? 0 : t >= buckets ? buckets - 1 : (int)t;
        }

        private bool InChain(Level[] chain, double v)
        {
            foreach (var level in chain)
            {
                if (Bucket(v, level.Low, level.Scale, _h) != level.Target)
                {
                    return false;
                }
            }

            return true;
        }

        private BucketCounts CountBuckets(Level[] chain, double low, double scale)
        {
            _passes++;
            int parts = Math.Max(1, Parallelism.Threads);
            var locals = new BucketCounts[parts];
            for (int p = 0; p < parts; p++)
            {
                locals[p] = new BucketCounts(_h);
            }

            ForEachBlock((start, rows, cols, tile) => Parallel.For(0, parts, Parallelism.Options, p =>
            {
                var local = locals[p];
                for (int r = p; r < rows; r += parts)
                {
                    int i = start + r, yi = labels[i];
                    var row = tile.AsSpan((r * cols) + (i + 1 - start), _n - i - 1);
                    for (int t = 0; t < row.Length; t++)
                    {
                        double v = row[t];
                        if (chain.Length > 0 && !InChain(chain, v))
                        {
                            continue;
                        }

                        int b = Bucket(v, low, scale, _h);
                        if (labels[i + 1 + t] == yi)
                        {
                            local.Same[b]++;
                        }
                        else
                        {
                            local.Different[b]++;
                        }

                        if (v < local.Min[b])
                        {
                            local.Min[b] = v;
                        }

                        if (v > local.Max[b])
                        {
                            local.Max[b] = v;
                        }
                    }
                }
            }));

            var total = locals[0];
            for (int p = 1; p < parts; p++)
            {
                var local = locals[p];
                for (int b = 0; b < _h; b++)
                {
                    total.Same[b] += local.Same[b];
                    total.Different[b] += local.Different[b];
                    total.Min[b] = Math.Min(total.Min[b], local.Min[b]);
                    total.Max[b] = Math.Max(total.Max[b], local.Max[b]);
                }
            }

            return total;
        }

        /// <summary>Collects, sorts and walks the values of buckets first..last (inclusive) of the current level.</summary>
        private void Flush(Level[] chain, double low, double scale, int first, int last, BucketCounts hist, ref long batchCount)
        {
            if (first < 0 || batchCount == 0)
            {
                batchCount = 0;
                return;
            }

            batchCount = 0;
            int span = last - first + 1;
            var sameStart = new long[span + 1];
            var diffStart = new long[span + 1];
            long sameTotal = 0, diffTotal = 0;
            for (int t = 0; t < span; t++)
            {
                sameStart[t] = sameTotal;
                sameTotal += hist.Same[first + t];
            }

            sameStart[span] = sameTotal;
            for (int t = 0; t < span; t++)
            {
                diffStart[t] = sameTotal + diffTotal;
                diffTotal += hist.Different[first + t];
            }

            diffStart[span] = sameTotal + diffTotal;
            long needed = sameTotal + diffTotal;
            if (_values is null || _values.Length < needed)
            {
                _values = new double[Math.Max(needed, Math.Min(options.BudgetValues, 1L << 20))];
            }

            var values = _values;
            var sameCursor = (long[])sameStart.Clone();
            var diffCursor = (long[])diffStart.Clone();
            _passes++;
            bool mismatch = false;
            int parts = Math.Max(1, Parallelism.Threads);
            ForEachBlock((start, rows, cols, tile) => Parallel.For(0, parts, Parallelism.Options, p =>
            {
                for (int r = p; r < rows; r += parts)
                {
                    int i = start + r, yi = labels[i];
                    var row = tile.AsSpan((r * cols) + (i + 1 - start), _n - i - 1);
                    for (int t = 0; t < row.Length; t++)
                    {
                        double v = row[t];
                        if (chain.Length > 0 && !InChain(chain, v))
                        {
                            continue;
                        }

                        int b = Bucket(v, low, scale, _h) - first;
                        if ((uint)b >= (uint)span)
                        {
                            continue;
                        }

                        bool same = labels[i + 1 + t] == yi;
                        long at = same ? Interlocked.Increment(ref sameCursor[b]) - 1 : Interlocked.Increment(ref diffCursor[b]) - 1;
                        if (at >= (same ? sameStart[b + 1] : diffStart[b + 1]))
                        {
                            mismatch = true;
                            continue;
                        }

                        values[at] = v;
                    }
                }
            }));

            if (mismatch)
            {
                throw new InvalidOperationException("PARC's pair similarities differed between passes (non-reproducible products); counts no longer match.");
            }

            for (int t = 0; t < span; t++)
            {
                if (sameCursor[t] != sameStart[t + 1] || diffCursor[t] != diffStart[t + 1])
                {
                    throw new InvalidOperationException("PARC's pair similarities differed between passes (non-reproducible products); counts no longer match.");
                }
            }

            Parallel.For(0, span, Parallelism.Options, t =>
            {
                Array.Sort(values, (int)sameStart[t], (int)(sameStart[t + 1] - sameStart[t]));
                Array.Sort(values, (int)diffStart[t], (int)(diffStart[t + 1] - diffStart[t]));
            });

            // Walk the buckets in order, merging the sorted same-class and different-class values into tie groups.
            for (int t = 0; t < span; t++)
            {
                long i = sameStart[t], iEnd = sameStart[t + 1], j = diffStart[t], jEnd = diffStart[t + 1];
                while (i < iEnd || j < jEnd)
                {
                    double v = i < iEnd && (j >= jEnd || values[i] <= values[j]) ? values[i] : values[j];
                    long a = 0, b = 0;
                    while (i < iEnd && values[i] == v)
                    {
                        a++;
                        i++;
                    }

                    while (j < jEnd && values[j] == v)
                    {
                        b++;
                        j++;
                    }

                    Group(a, b);
                }
            }
        }

        /// <summary>Calls <paramref name="action"/>(start, rows, cols, tile) for each block of rows, tile = U[start:start+rows]·U[start:N]ᵀ
        /// (row r holds the similarities of sample start + r with samples start..N−1).</summary>
        private void ForEachBlock(Action<int, int, int, double[]> action)
        {
            int q = u.Columns, block = Math.Max(1, Math.Min(options.BlockRows, Math.Max(1, int.MaxValue / Math.Max(1, _n))));
            var tile = new double[block * _n];
            for (int i0 = 0; i0 < _n - 1; i0 += block)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rows = Math.Min(block, _n - 1 - i0), cols = _n - i0;
                Linalg.Provider.Gemm(false, true, rows, cols, q, 1.0, u.Data.AsSpan(i0 * q, rows * q), q, u.Data.AsSpan(i0 * q), q, 0.0, tile, cols);
                action(i0, rows, cols, tile);
            }
        }
    }
}
