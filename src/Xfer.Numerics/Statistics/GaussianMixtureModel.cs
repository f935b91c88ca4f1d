using Xfer.Core;

namespace Xfer.Numerics.Statistics;

/// <summary>A Gaussian mixture fitted by <see cref="GaussianMixture.Fit"/>, with the posteriors of the data it was fitted to.</summary>
/// <param name="Weights">K mixing weights.</param>
/// <param name="Means">K×d means.</param>
/// <param name="Covariances">K covariances d×d (regularisation included).</param>
/// <param name="LowerBound">Mean log-likelihood per sample of the last E-step of the loop (scikit-learn's <c>lower_bound_</c>,
/// which belongs to the parameters before the last M-step).</param>
/// <param name="FinalLogLikelihood">Mean log-likelihood per sample under the final parameters (scikit-learn's <c>score(X)</c>).</param>
/// <param name="Iterations">EM iterations (scikit-learn's <c>n_iter_</c>).</param>
/// <param name="Converged">True when the change of the lower bound fell below the tolerance before the iteration cap.</param>
/// <param name="KMeansIterations">Lloyd iterations of the k-means initialisation (0 with explicit starting parameters).</param>
/// <param name="Posteriors">N×K responsibilities of the training rows under the final parameters (scikit-learn's <c>predict_proba(X)</c>).</param>
public sealed record GaussianMixtureModel(
    double[] Weights,
    Matrix Means,
    Matrix[] Covariances,
    double LowerBound,
    double FinalLogLikelihood,
    int Iterations,
    bool Converged,
    int KMeansIterations,
    Matrix Posteriors);
