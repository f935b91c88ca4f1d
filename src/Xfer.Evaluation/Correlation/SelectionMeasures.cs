using System;
using System.Linq;

namespace Xfer.Evaluation.Correlation;

/// <summary>
/// How good the candidates a metric puts on top are, in ground-truth units. Scores must already be oriented so
/// that higher predicts better transfer (flip lower-is-better metrics first); truth is higher-is-better (accuracy).
/// </summary>
/// <remarks>
/// <para><b>Ties in scores.</b> The papers take <c>argmax</c>/<c>argsort</c>, which breaks ties by input order, so the
/// result would depend on the order of the rows. Here every measure is the <b>expected value under a uniformly
/// random tie-break</b> among candidates with equal scores: deterministic, order-independent, and equal to the
/// papers' definition whenever the scores that matter are distinct. With k past the end, k is clamped to n.</para>
/// <para><b>Ties in truth.</b> A candidate counts as "the best" when its truth equals the maximum, and as "in the
/// top-k by truth" when fewer than k candidates have a strictly higher truth (competition ranking).</para>
/// <para>Relative measures divide by the best truth and are NaN when it is ≤ 0 (they assume a positive quantity
/// such as accuracy).</para>
/// </remarks>
public static class SelectionMeasures
{
    /// <summary>
    /// Relative top-1 accuracy (Google <c>relative_top_accuracy</c>, Agostinelli et al. 2022): the truth of the top-scored
    /// candidate divided by the best truth; 1 means the metric picked a best candidate. Equals <see cref="RelativeAtK"/> with k = 1.
    /// </summary>
    public static double TopOneRelativeAccuracy(ReadOnlySpan<double> scores, ReadOnlySpan<double> truth) => RelativeAtK(scores, truth, 1);

    /// <summary>Regret: best truth − truth of the top-scored candidate (0 when a best candidate is picked), in truth units.</summary>
    public static double Regret(ReadOnlySpan<double> scores, ReadOnlySpan<double> truth)
    {
        PairedInput.Check(scores, truth);
        if (scores.Length == 0)
        {
            return double.NaN;
        }

        return Max(truth) - ExpectedBestTruthInTopK(scores, truth, 1);
    }

    /// <summary>
    /// rel@k (SFDA <c>rel_k</c>, Shao et al. 2022): the best truth among the k top-scored candidates divided by the best
    /// truth overall. NaN when the best truth is ≤ 0 or there are no candidates.
    /// </summary>
    public static double RelativeAtK(ReadOnlySpan<double> scores, ReadOnlySpan<double> truth, int k)
    {
        PairedInput.Check(scores, truth);
        CheckK(k);
        if (scores.Length == 0)
        {
            return double.NaN;
        }

        double best = Max(truth);
        return best > 0 ? ExpectedBestTruthInTopK(scores, truth, k) / best : double.NaN;
    }

    /// <summary>
    /// recall@k as SFDA's <c>recall_k</c> defines it (Shao et al. 2022): 1 when the top-scored candidate is among the k
    /// best candidates by truth, else 0 (the expected value when several candidates share the top score).
    /// Note the direction: the metric's single pick is looked up in the truth's top-k. For the reverse (is the true best in
    /// the metric's top-k?) see <see cref="BestInTopK"/>.
    /// </summary>
    public static double RecallAtK(ReadOnlySpan<double> scores, ReadOnlySpan<double> truth, int k)
    {
        PairedInput.Check(scores, truth);
        CheckK(k);
        int n = scores.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        double top = Max(scores);
        int group = 0, hits = 0;
        for (int i = 0; i < n; i++)
        {
            if (scores[i] != top)
            {
                continue;
            }

            group++;
            int strictlyBetter = 0;
            for (int j = 0; j < n; j++)
            {
                if (truth[j] > truth[i])
                {
                    strictlyBetter++;
                }
            }

            if (strictlyBetter < k)
            {
                hits++;
            }
        }

        return (double)hits / group;
    }

    /// <summary>
    /// Best-in-top-k (Google <c>best_in_top_n</c>, Agostinelli et al. 2022): 1 when a candidate with the best truth is
    /// among the k top-scored candidates, else 0 (a probability when a score tie straddles position k).
    /// </summary>
    public static double BestInTopK(ReadOnlySpan<double> scores, ReadOnlySpan<double> truth, int k)
    {
        PairedInput.Check(scores, truth);
        CheckK(k);
        int n = scores.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        double best = Max(truth);
        var (boundary, _, groupSize, picks) = TopKBoundary(scores, k);
        int bestAbove = 0, bestInGroup = 0;
        for (int i = 0; i < n; i++)
        {
            if (truth[i] != best)
            {
                continue;
            }

            if (scores[i] > boundary)
            {
                bestAbove++;
            }
            else if (scores[i] == boundary)
            {
                bestInGroup++;
            }
        }

        if (bestAbove > 0)
        {
            return 1.0;
        }

        // P(no best among `picks` drawn without replacement from the boundary group) = Π (g−b−i)/(g−i).
        double none = 1.0;
        for (int i = 0; i < picks; i++)
        {
            none *= Math.Max(0, groupSize - bestInGroup - i) / (double)(groupSize - i);
        }

        return 1.0 - none;
    }

    /// <summary>
    /// E[max truth among the k top-scored candidates] under a uniformly random tie-break: the candidates scored above the
    /// k-th score are always taken; the rest are drawn without replacement from the group tied at the k-th score.
    /// </summary>
    internal static double ExpectedBestTruthInTopK(ReadOnlySpan<double> scores, ReadOnlySpan<double> truth, int k)
    {
        int n = scores.Length;
        var (boundary, _, groupSize, picks) = TopKBoundary(scores, k);
        double bestAbove = double.NegativeInfinity;
        var group = new double[groupSize];
        int g = 0;
        for (int i = 0; i < n; i++)
        {
            if (scores[i] > boundary)
            {
                bestAbove = Math.Max(bestAbove, truth[i]);
            }
            else if (scores[i] == boundary)
            {
                group[g++] = truth[i];
            }
        }

        // Truths of the boundary group in decreasing order t_1 ≥ … ≥ t_g. The best drawn one is t_j when j is the smallest
        // index drawn: P_j = C(g−j, m−1)/C(g, m), with P_1 = m/g and P_{j+1} = P_j·(g−j−m+1)/(g−j).
        Array.Sort(group);
        Array.Reverse(group);
        double expected = 0, p = picks / (double)groupSize;
        for (int j = 1; j <= groupSize && p > 0; j++)
        {
            expected += p * Math.Max(bestAbove, group[j - 1]);
            if (j < groupSize)
            {
                p *= (groupSize - j - picks + 1) / (double)(groupSize - j);
            }
        }

        return expected;
    }

    /// <summary>The score at position k (1-based, k clamped to n) in decreasing order, how many candidates score above it,
    /// how many share it, and how many of those the top-k takes.</summary>
    private static (double Boundary, int Above, int GroupSize, int Picks) TopKBoundary(ReadOnlySpan<double> scores, int k)
    {
        int n = scores.Length;
        k = Math.Min(k, n);
        var sorted = scores.ToArray();
        Array.Sort(sorted);
        double boundary = sorted[n - k];
        int above = sorted.Count(s => s > boundary);
        int group = sorted.Count(s => s == boundary);
        return (boundary, above, group, k - above);
    }

    private static double Max(ReadOnlySpan<double> v)
    {
        double m = double.NegativeInfinity;
        foreach (double a in v)
        {
            m = Math.Max(m, a);
        }

        return m;
    }

    private static void CheckK(int k)
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        }
    }
}
