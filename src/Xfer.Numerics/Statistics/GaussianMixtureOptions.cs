using System;
using System.Globalization;
using Xfer.Core;

namespace Xfer.Numerics.Statistics;

/// <summary>Starting parameters of a Gaussian mixture (instead of the k-means initialisation).</summary>
/// <param name="Weights">K mixing weights (used as given, as scikit-learn's <c>weights_init</c>).</param>
/// <param name="Means">K×d means.</param>
/// <param name="Covariances">K covariance matrices, d×d, symmetric positive definite.</param>
public sealed record GaussianMixtureParameters(double[] Weights, Matrix Means, Matrix[] Covariances);

/// <summary>Settings of <see cref="GaussianMixture.Fit"/>; every default is scikit-learn 1.2's <c>GaussianMixture</c> default.</summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>Number of components K (scikit-learn <c>n_components</c>).</summary>
    public int Components { get; init; } = 1;

    /// <summary>EM stops when the mean log-likelihood per sample changes by less than this (scikit-learn <c>tol=1e-3</c>).</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Added to the diagonal of every covariance so it stays positive definite (scikit-learn <c>reg_covar=1e-6</c>).</summary>
    public double CovarianceRegularization { get; init; } = 1e-6;

    /// <summary>EM iterations at most (scikit-learn <c>max_iter=100</c>).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Seed of the k-means++ initialisation (scikit-learn <c>init_params='kmeans'</c>).</summary>
    public int Seed { get; init; }

    /// <summary>Explicit starting parameters; when set, k-means is not run (scikit-learn's <c>weights_init</c>,
    /// <c>means_init</c>, <c>precisions_init</c>).</summary>
    public GaussianMixtureParameters? Initial { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range for <paramref name="samples"/>×<paramref name="features"/> data.</summary>
    public void Validate(int samples, int features)
    {
        if (Components < 1 || Components > samples)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "A Gaussian mixture needs 1 ≤ K ≤ N components; got K = {0} for N = {1} samples.", Components, samples));
        }

        if (!(Tolerance >= 0) || !(CovarianceRegularization >= 0) || MaxIterations < 1)
        {
            throw new ArgumentException("A Gaussian mixture needs a tolerance ≥ 0, a covariance regularisation ≥ 0 and at least one iteration.");
        }

        if (Initial is { } p && (p.Weights.Length != Components || p.Means.Rows != Components || p.Means.Columns != features
            || p.Covariances.Length != Components || Array.Exists(p.Covariances, c => c.Rows != features || c.Columns != features)))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Initial parameters must hold {0} weights, a {0}×{1} mean matrix and {0} covariances of {1}×{1}.", Components, features));
        }
    }
}
