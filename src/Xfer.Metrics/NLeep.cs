using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Metrics.Catalog;
using Xfer.Metrics.Shared;
using Xfer.Numerics.Statistics;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="NLeep"/>; the defaults are those of Google's <c>nleep.py</c> and the N-LEEP paper.</summary>
/// <param name="VarianceFraction">PCA keeps the fewest components explaining more than this fraction of the variance
/// (Google <c>nleep.pca_reduction = 0.8</c>; <c>PCA(n_components=0.8)</c>).</param>
/// <param name="ComponentsPerClass">Gaussian components per target class (the paper's 5·C; SFDA uses 1 for Food and Pets).</param>
/// <param name="Seed">Seed of the k-means++ initialisation of the mixture.</param>
/// <param name="Tolerance">EM stops when the mean log-likelihood per sample changes by less than this (scikit-learn <c>tol=1e-3</c>).</param>
/// <param name="CovarianceRegularization">Added to each covariance diagonal (scikit-learn <c>reg_covar=1e-6</c>).</param>
/// <param name="MaxIterations">EM iterations at most (scikit-learn <c>max_iter=100</c>).</param>
public sealed record NLeepOptions(
    double VarianceFraction = 0.8,
    int ComponentsPerClass = 5,
    int Seed = 0,
    double Tolerance = 1e-3,
    double CovarianceRegularization = 1e-6,
    int MaxIterations = 100);

/// <summary>Result of <see cref="NLeep"/>.</summary>
/// <param name="Score">LEEP of the labels under the mixture posteriors (≤ 0); higher is better.</param>
/// <param name="Dimensions">PCA dimensions kept.</param>
/// <param name="Components">Gaussian components K = ComponentsPerClass·C.</param>
/// <param name="Iterations">EM iterations.</param>
/// <param name="Converged">Whether EM met its tolerance before the iteration cap.</param>
/// <param name="LogLikelihood">Mean log-likelihood per sample of the fitted mixture (in the PCA space).</param>
public sealed record NLeepResult(double Score, int Dimensions, int Components, int Iterations, bool Converged, double LogLikelihood);

/// <summary>
/// N-LEEP [Li2021NLeep], LEEP with a Gaussian mixture fitted to the target features in place of the source head, as Google's
/// <c>stable_transfer/transferability/nleep.py</c> (google-research@4963f325) and the SFDA code compute it.
/// </summary>
/// <remarks>
/// <para>Steps: (1) PCA of the features keeping the fewest components whose explained-variance ratio exceeds 80 % (exact, as
/// scikit-learn's full solver, which <c>PCA(n_components=0.8)</c> uses); (2) a Gaussian mixture with K = 5·C full-covariance
/// components fitted by EM (<see cref="GaussianMixture"/>: scikit-learn 1.2 defaults tol 1e-3, reg_covar 1e-6, max_iter 100,
/// k-means++ initialisation); (3) LEEP (<see cref="Leep"/>) with the N×K posteriors as the "source probabilities": the mixture
/// components play the role of source classes. Input: features N×D, labels. Direction: higher is better (≤ 0).</para>
/// <para>Stochastic: the k-means++ initialisation draws from <see cref="MetricSettings.Seed"/> (Google fixes
/// <c>random_state=123</c> of NumPy's generator; the draws here are not NumPy's, so the local optimum differs from scikit-learn's
/// for the same data — see docs/metrics/nleep.md for how far). The PCA column signs do not matter (EM is invariant to the
/// reflection). The log is kept, as in the paper and Google's code; the SFDA/ETran lineage returns the mean EEP without the log.</para>
/// <para>Cost: the shared PCA O(N·D² + D³), k-means O(I_km·N·K·d), EM O(I·K·(N·d² + d³)) for d PCA dimensions and I ≤ 100 iterations,
/// memory O(N·(d + K)). With real features d is often in the hundreds, making N-LEEP the slowest classic metric.</para>
/// </remarks>
public static class NLeep
{
    /// <summary>Computes N-LEEP of features N×D against labels.</summary>
    public static NLeepResult Score(Matrix features, ClassLabels labels, NLeepOptions? options = null, CancellationToken cancellationToken = default)
        => Score(new TransferTask(features, labels), options ?? new NLeepOptions(), cancellationToken);

    internal static NLeepResult Score(TransferTask task, NLeepOptions options, CancellationToken cancellationToken)
    {
        if (options.ComponentsPerClass < 1)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture, "nleep.components-per-class must be at least 1; got {0}.", options.ComponentsPerClass));
        }

        if (!(options.Tolerance >= 0) || !(options.CovarianceRegularization >= 0) || options.MaxIterations < 1)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "nleep.tol and nleep.reg-covar must be ≥ 0 and nleep.max-iterations ≥ 1; got {0}, {1}, {2}.",
                options.Tolerance, options.CovarianceRegularization, options.MaxIterations));
        }

        int k = options.ComponentsPerClass * task.ClassCount;
        if (k > task.SampleCount)
        {
            throw new MetricUnavailableException(string.Format(CultureInfo.InvariantCulture,
                "N-LEEP fits {0}·C = {1} Gaussian components but there are only N = {2} samples; it needs N ≥ {1} (or a smaller nleep.components-per-class).",
                options.ComponentsPerClass, k, task.SampleCount));
        }

        var z = VarianceFractionPca.Scores(task, options.VarianceFraction);
        GaussianMixtureModel gmm;
        try
        {
            gmm = GaussianMixture.Fit(z, new GaussianMixtureOptions
            {
                Components = k,
                Seed = options.Seed,
                Tolerance = options.Tolerance,
                CovarianceRegularization = options.CovarianceRegularization,
                MaxIterations = options.MaxIterations,
            }, cancellationToken);
        }
        catch (GaussianMixtureException e)
        {
            throw new MetricUnavailableException("N-LEEP's Gaussian mixture failed: " + e.Message);
        }

        return FromMixture(gmm, task.Labels, z.Columns, k);
    }

    /// <summary>LEEP of the labels under a fitted mixture's posteriors.</summary>
    internal static NLeepResult FromMixture(GaussianMixtureModel gmm, ClassLabels labels, int dimensions, int components)
    {
        var posteriors = SourcePredictions.FromProbabilities(gmm.Posteriors, "N-LEEP mixture posteriors");
        double leep = Leep.Score(posteriors, labels);
        return new NLeepResult(leep, dimensions, components, gmm.Iterations, gmm.Converged, gmm.FinalLogLikelihood);
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "nleep", "N-LEEP", "Li2021NLeep", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: true,
            Cost: "PCA O(N·D² + D³) + EM O(I·K·(N·d² + d³)), K = 5·C, d = PCA dims for 80 % variance, I ≤ 100",
            Summary: "LEEP with the posteriors of a 5·C-component Gaussian mixture (fitted by EM on PCA-80 % features) as the source head.");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var options = new NLeepOptions(
                VarianceFraction: settings.GetDouble("nleep.variance", 0.8),
                ComponentsPerClass: settings.GetInt("nleep.components-per-class", 5),
                Seed: settings.Seed,
                Tolerance: settings.GetDouble("nleep.tol", 1e-3),
                CovarianceRegularization: settings.GetDouble("nleep.reg-covar", 1e-6),
                MaxIterations: settings.GetInt("nleep.max-iterations", 100));
            var r = Score(task, options, cancellationToken);
            var warnings = new List<string>();
            if (!r.Converged)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture,
                    "EM stopped at the {0}-iteration cap before the log-likelihood settled (tolerance {1}); raise nleep.max-iterations to let it converge.",
                    r.Iterations, options.Tolerance));
            }

            return new MetricValue(r.Score, new Dictionary<string, double>
            {
                ["dimensions"] = r.Dimensions,
                ["components"] = r.Components,
                ["iterations"] = r.Iterations,
                ["logLikelihood"] = r.LogLikelihood,
            }, warnings);
        }
    }
}
