using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Metrics.Catalog;
using Xfer.Metrics.Shared;

namespace Xfer.Metrics;

/// <summary>The dissimilarity of the <c>knn</c> metric.</summary>
public enum KnnDistance
{
    /// <summary>‖a − b‖₂ (the PARC benchmark's <c>metric='l2'</c>; ranked by its square).</summary>
    Euclidean,

    /// <summary>1 − a·b/(‖a‖‖b‖), with a zero vector at similarity 0 (scikit-learn's <c>cosine_distances</c>).</summary>
    Cosine,
}

/// <summary>Options of <see cref="Knn"/>.</summary>
/// <param name="Neighbors">k (default 1, the PARC benchmark's <c>kNN(k=1)</c>).</param>
/// <param name="Distance">Euclidean (default, the benchmark's <c>'l2'</c>) or cosine.</param>
public sealed record KnnOptions(int Neighbors = 1, KnnDistance Distance = KnnDistance.Euclidean);

/// <summary>Result of <see cref="Knn"/>.</summary>
/// <param name="Score">Leave-one-out accuracy in [0, 1]; higher is better (the PARC code reports 100×).</param>
/// <param name="Neighbors">k.</param>
/// <param name="Correct">Samples whose neighbours' vote gave their own class.</param>
/// <param name="VoteTies">Samples whose vote was tied between classes (resolved by the nearest neighbour among the tied classes).</param>
public sealed record KnnResult(double Score, int Neighbors, int Correct, int VoteTies);

/// <summary>
/// Leave-one-out k-nearest-neighbour accuracy on the target features, the PARC benchmark's <c>kNN</c> baseline
/// (dbolya/parc@ddfca43a <c>methods.py</c>) that Sorkhei et al. [Sorkhei2025Knn] found to beat dedicated transferability metrics.
/// </summary>
/// <remarks>
/// <para>For each sample i, its k nearest other samples vote (one vote each) and i counts as correct when the most-voted class is
/// y_i; the score is the fraction correct. Input: features N×D, labels. Direction: higher is better. No PCA (the benchmark's
/// default <c>n_dims=None</c>).</para>
/// <para>Ties, resolved deterministically: equal distances → the lower sample index is nearer; equal votes → the tied class whose
/// member is nearest wins (invariant to renaming classes; scikit-learn and the reference's <c>scipy.stats.mode</c> take the lowest
/// class index instead). The reference drops the first column of the sorted distance matrix as "self"; a duplicate of sample i can
/// sort first and be dropped instead of i. Here i is excluded by index.</para>
/// <para>Computation (<see cref="NearestNeighbors"/>): block products through the linear-algebra provider for each pair of row blocks
/// once, a per-row sorted list of k + 8 candidates, then exact re-ranking of the candidates by directly computed distances.
/// Cost N²·D multiply-adds + O(N·(k + 8)·D); memory O(N·(k + 8)), never N×N.</para>
/// </remarks>
public static class Knn
{
    /// <summary>Computes the leave-one-out k-NN accuracy of features N×D against labels.</summary>
    public static KnnResult Score(Matrix features, ClassLabels labels, KnnOptions? options = null, CancellationToken cancellationToken = default)
        => Score(new TransferTask(features, labels), options ?? new KnnOptions(), cancellationToken);

    internal static KnnResult Score(TransferTask task, KnnOptions options, CancellationToken cancellationToken)
    {
        int n = task.SampleCount, k = options.Neighbors;
        if (k < 1)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture, "knn.k must be at least 1; got {0}.", k));
        }

        if (k > n - 1)
        {
            throw new MetricUnavailableException(string.Format(CultureInfo.InvariantCulture,
                "k-NN with k = {0} needs at least k + 1 = {1} samples; there are {2}.", k, k + 1, n));
        }

        var (indices, _) = NearestNeighbors.Find(task.Features, k, options.Distance, cancellationToken);
        var labels = task.Labels;
        var votes = new int[labels.ClassCount];
        int correct = 0, ties = 0;
        for (int i = 0; i < n; i++)
        {
            var neighbours = indices.AsSpan(i * k, k);
            int best = -1, bestVotes = 0;
            bool tied = false;
            foreach (int j in neighbours)
            {
                votes[labels[j]]++;
            }

            // Neighbours in order of distance: the first class to reach the top count is the nearest among tied classes.
            foreach (int j in neighbours)
            {
                int c = labels[j];
                if (votes[c] > bestVotes)
                {
                    bestVotes = votes[c];
                    best = c;
                    tied = false;
                }
                else if (votes[c] == bestVotes && c != best)
                {
                    tied = true;
                }
            }

            foreach (int j in neighbours)
            {
                votes[labels[j]] = 0;
            }

            correct += best == labels[i] ? 1 : 0;
            ties += tied ? 1 : 0;
        }

        return new KnnResult((double)correct / n, k, correct, ties);
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "knn", "kNN (leave-one-out)", "Sorkhei2025Knn", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "N²·D multiply-adds (blocked products, each pair once) + O(N·k·D); memory O(N·k)",
            Summary: "Leave-one-out accuracy of a k-nearest-neighbour vote on the target features (k = 1, Euclidean).");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var r = Score(task, new KnnOptions(settings.GetInt("knn.k", 1), settings.GetEnum("knn.distance", KnnDistance.Euclidean)), cancellationToken);
            return new MetricValue(r.Score, new Dictionary<string, double>
            {
                ["k"] = r.Neighbors,
                ["correct"] = r.Correct,
                ["voteTies"] = r.VoteTies,
            });
        }
    }
}
