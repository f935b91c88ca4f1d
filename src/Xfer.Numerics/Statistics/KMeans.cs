using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Numerics.Statistics;

/// <summary>Settings of <see cref="KMeans.Fit"/>; the defaults are scikit-learn 1.2's <c>KMeans</c> defaults.</summary>
/// <param name="MaxIterations">Lloyd iterations at most (scikit-learn <c>max_iter=300</c>).</param>
/// <param name="RelativeTolerance">Stop when Σ‖c_new − c_old‖² ≤ this × the mean per-feature variance of the data
/// (scikit-learn <c>tol=1e-4</c>, scaled the same way by <c>_tolerance</c>).</param>
/// <param name="Seed">Seed of the k-means++ seeding.</param>
public sealed record KMeansOptions(int MaxIterations = 300, double RelativeTolerance = 1e-4, int Seed = 0);

/// <summary>The outcome of <see cref="KMeans.Fit"/>.</summary>
/// <param name="Centers">K×d cluster centres.</param>
/// <param name="Labels">The nearest centre of each sample (consistent with <paramref name="Centers"/>).</param>
/// <param name="Inertia">Σ_i ‖x_i − c_{label_i}‖².</param>
/// <param name="Iterations">Lloyd iterations run.</param>
/// <param name="Converged">True when the assignments stopped changing or the centre shift fell below the tolerance.</param>
public sealed record KMeansResult(Matrix Centers, int[] Labels, double Inertia, int Iterations, bool Converged);

/// <summary>
/// k-means: greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007, with 2 + ⌊ln K⌋ candidates per centre as scikit-learn's
/// <c>_kmeans_plusplus</c>) followed by Lloyd iterations, with scikit-learn 1.2's rules for convergence (labels unchanged, or
/// centre shift ≤ tolerance), empty clusters (re-seeded at the points farthest from their centres) and the final re-assignment.
/// </summary>
/// <remarks>
/// The random draws come from <see cref="SeededRandom"/>, not NumPy's generator, so for the same seed the centres differ from
/// scikit-learn's; the algorithm and its stopping rules are the same. Ties in distance go to the lower centre index. The data are
/// centred by their mean first (as scikit-learn does, for precision of the ‖x‖² + ‖c‖² − 2x·c form); distances of a block of
/// rows to all centres come from one product through <see cref="Linalg"/>. Cost O(I·N·K·d) for I Lloyd iterations plus the
/// seeding's O(N·K·d·log K).
/// </remarks>
public static class KMeans
{
    /// <summary>Distances held at once: blocks of rows × K of about 4M values (32 MB).</summary>
    private const int BlockValues = 1 << 22;

    /// <summary>Clusters the rows of <paramref name="x"/> into <paramref name="clusters"/> groups.</summary>
    public static KMeansResult Fit(Matrix x, int clusters, KMeansOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new KMeansOptions();
        int n = x.Rows, d = x.Columns;
        if (clusters < 1 || clusters > n)
        {
            throw new ArgumentOutOfRangeException(nameof(clusters), clusters, string.Format(CultureInfo.InvariantCulture,
                "k-means needs 1 ≤ K ≤ N; got K = {0} for N = {1}.", clusters, n));
        }

        if (options.MaxIterations < 1 || !(options.RelativeTolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "k-means needs at least one iteration and a tolerance ≥ 0.");
        }

        var mean = new double[d];
        var centred = x.Clone();
        for (int i = 0; i < n; i++)
        {
            var row = centred.Row(i);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= n;
        }

        double varianceSum = 0;
        for (int i = 0; i < n; i++)
        {
            var row = centred.Row(i);
            for (int j = 0; j < d; j++)
            {
                row[j] -= mean[j];
                varianceSum += row[j] * row[j];
            }
        }

        double tolerance = options.RelativeTolerance * varianceSum / n / d;
        var norms = RowSquaredNorms(centred);
        var centers = PlusPlus(centred, norms, clusters, new SeededRandom(options.Seed), cancellationToken);

        var labels = new int[n];
        var previous = new int[n];
        Array.Fill(previous, -1);
        var distances = new double[n];
        bool strict = false, converged = false;
        int iteration = 0;
        while (iteration < options.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iteration++;
            Assign(centred, norms, centers, labels, distances);
            var updated = Update(centred, labels, distances, clusters);
            double shift = 0;
            for (int t = 0; t < centers.Data.Length; t++)
            {
                double delta = updated.Data[t] - centers.Data[t];
                shift += delta * delta;
            }

            centers = updated;
            if (labels.AsSpan().SequenceEqual(previous))
            {
                strict = true;
                converged = true;
                break;
            }

            if (shift <= tolerance)
            {
                converged = true;
                break;
            }

            labels.CopyTo(previous, 0);
        }

        // The labels of the last iteration belong to the previous centres unless nothing moved: re-assign (scikit-learn does the same).
        if (!strict)
        {
            Assign(centred, norms, centers, labels, distances);
        }

        double inertia = 0;
        foreach (double v in distances)
        {
            inertia += v;
        }

        for (int k = 0; k < clusters; k++)
        {
            var row = centers.Row(k);
            for (int j = 0; j < d; j++)
            {
                row[j] += mean[j];
            }
        }

        return new KMeansResult(centers, labels, inertia, iteration, converged);
    }

    /// <summary>Greedy k-means++: each new centre is the best (lowest potential) of 2 + ⌊ln K⌋ candidates drawn ∝ D².</summary>
    private static Matrix PlusPlus(Matrix x, double[] norms, int clusters, SeededRandom rng, CancellationToken cancellationToken)
    {
        int n = x.Rows, d = x.Columns;
        int trials = 2 + (int)Math.Log(clusters);
        var centers = new Matrix(clusters, d);
        int first = rng.Next(n);
        x.Row(first).CopyTo(centers.Row(0));
        var closest = DistancesTo(x, norms, [first]).Row(0).ToArray();
        double potential = Sum(closest);
        var cumulative = new double[n];
        var candidates = new int[trials];
        for (int c = 1; c < clusters; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double running = 0;
            for (int i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }

            for (int t = 0; t < trials; t++)
            {
                double target = rng.NextDouble() * potential;
                int at = Array.BinarySearch(cumulative, target);
                at = at >= 0 ? FirstEqual(cumulative, at) : ~at;
                candidates[t] = Math.Min(at, n - 1);
            }

            var toCandidates = DistancesTo(x, norms, candidates);
            int best = -1;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                var row = toCandidates.Row(t);
                double p = 0;
                for (int i = 0; i < n; i++)
                {
                    row[i] = Math.Min(row[i], closest[i]);
                    p += row[i];
                }

                if (p < bestPotential)
                {
                    bestPotential = p;
                    best = t;
                }
            }

            potential = bestPotential;
            toCandidates.Row(best).CopyTo(closest);
            x.Row(candidates[best]).CopyTo(centers.Row(c));
        }

        return centers;
    }

    private static int FirstEqual(double[] sorted, int at)
    {
        while (at > 0 && sorted[at - 1] == sorted[at])
        {
            at--;
        }

        return at;
    }

    /// <summary>Squared distances (clipped at 0) from the listed rows to every row: m×N.</summary>
    private static Matrix DistancesTo(Matrix x, double[] norms, int[] rows)
    {
        var selected = x.SelectRows(rows);
        var dots = Linalg.Multiply(selected, x, transposeB: true);
        for (int t = 0; t < rows.Length; t++)
        {
            var row = dots.Row(t);
            double a = norms[rows[t]];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = Math.Max(0, a + norms[i] - (2 * row[i]));
            }
        }

        return dots;
    }

    /// <summary>Nearest centre of every row (ties to the lower index) and its squared distance.</summary>
    private static void Assign(Matrix x, double[] norms, Matrix centers, int[] labels, double[] distances)
    {
        int n = x.Rows, d = x.Columns, k = centers.Rows;
        var centerNorms = RowSquaredNorms(centers);
        int block = Math.Max(1, Math.Min(n, BlockValues / k));
        var dots = new double[block * k];
        for (int start = 0; start < n; start += block)
        {
            // One product per block of rows (threaded by the provider), then the arg-min in parallel over rows.
            int rows = Math.Min(block, n - start);
            Linalg.Provider.Gemm(false, true, rows, k, d, 1.0, x.Data.AsSpan(start * d, rows * d), d, centers.Data, d, 0.0, dots, k);
            int offset = start;
            Parallel.For(0, rows, Parallelism.Options, r =>
            {
                var row = dots.AsSpan(r * k, k);
                int arg = 0;
                double best = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double v = centerNorms[c] - (2 * row[c]);
                    if (v < best)
                    {
                        best = v;
                        arg = c;
                    }
                }

                labels[offset + r] = arg;
                distances[offset + r] = Math.Max(0, best + norms[offset + r]);
            });
        }
    }

    /// <summary>New centres as cluster means; an empty cluster takes the point farthest from its centre (scikit-learn's relocation).</summary>
    private static Matrix Update(Matrix x, int[] labels, double[] distances, int clusters)
    {
        int n = x.Rows, d = x.Columns;
        var sums = new Matrix(clusters, d);
        var counts = new int[clusters];
        for (int i = 0; i < n; i++)
        {
            int k = labels[i];
            counts[k]++;
            var src = x.Row(i);
            var dst = sums.Row(k);
            for (int j = 0; j < d; j++)
            {
                dst[j] += src[j];
            }
        }

        int empty = 0;
        foreach (int c in counts)
        {
            empty += c == 0 ? 1 : 0;
        }

        if (empty > 0)
        {
            // Farthest points first (ties to the lower index); each moves from its cluster to one empty cluster, in order.
            var order = new int[n];
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => distances[a] != distances[b] ? distances[b].CompareTo(distances[a]) : a.CompareTo(b));
            int next = 0;
            for (int k = 0; k < clusters; k++)
            {
                if (counts[k] != 0)
                {
                    continue;
                }

                int far = order[next++];
                int from = labels[far];
                var src = x.Row(far);
                var old = sums.Row(from);
                var dst = sums.Row(k);
                for (int j = 0; j < d; j++)
                {
                    old[j] -= src[j];
                    dst[j] = src[j];
                }

                counts[k] = 1;
                counts[from]--;
            }
        }

        for (int k = 0; k < clusters; k++)
        {
            if (counts[k] == 0)
            {
                continue; // emptied by a relocation: scikit-learn divides by max(count, 1), leaving the zero sum
            }

            var row = sums.Row(k);
            double inv = 1.0 / counts[k];
            for (int j = 0; j < d; j++)
            {
                row[j] *= inv;
            }
        }

        return sums;
    }

    private static double[] RowSquaredNorms(Matrix m)
    {
        var norms = new double[m.Rows];
        for (int i = 0; i < m.Rows; i++)
        {
            double s = 0;
            foreach (double v in m.Row(i))
            {
                s += v * v;
            }

            norms[i] = s;
        }

        return norms;
    }

    private static double Sum(double[] values)
    {
        double s = 0;
        foreach (double v in values)
        {
            s += v;
        }

        return s;
    }
}
