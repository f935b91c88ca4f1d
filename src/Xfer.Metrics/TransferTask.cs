using System;
using System.Collections.Concurrent;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Statistics;

namespace Xfer.Metrics;

/// <summary>
/// One candidate scored on one target task: its N×D features, the target labels, and optionally the source
/// head's probabilities. Expensive shared statistics (class moments, the Gram matrix and scatter
/// eigendecompositions, PCA projections) are computed at most once per task, whichever metric asks first.
/// </summary>
public sealed class TransferTask
{
    private readonly Lazy<ClassMoments> _moments;
    private readonly Lazy<SymmetricEigenResult> _scatterEigen;
    private readonly Lazy<SymmetricEigenResult> _gramEigen;
    private readonly ConcurrentDictionary<string, Lazy<object>> _cache = new(StringComparer.Ordinal);

    /// <summary>Validates and wraps the inputs (no copies).</summary>
    /// <param name="features">N×D features, finite.</param>
    /// <param name="labels">N target labels, at least two classes.</param>
    /// <param name="source">Optional N×Cs source-head probabilities.</param>
    /// <param name="name">Candidate name for messages and reports.</param>
    public TransferTask(Matrix features, ClassLabels labels, SourcePredictions? source = null, string name = "features")
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        Require.SameSampleCount(features.Rows, name, labels.Count, "labels");
        Require.AtLeastTwoClasses(labels, "labels");
        if (features.Columns == 0)
        {
            throw new Core.Errors.XferException(name + " has 0 feature columns.");
        }

        Require.Finite(features, name);
        if (source is not null)
        {
            Require.SameSampleCount(source.Count, "source probabilities", labels.Count, "labels");
        }

        Features = features;
        Labels = labels;
        Source = source;
        Name = name;
        _moments = new Lazy<ClassMoments>(() => ClassMoments.Compute(Features, Labels));
        _scatterEigen = new Lazy<SymmetricEigenResult>(() => Linalg.SymmetricEigen(Moments.TotalScatter));
        _gramEigen = new Lazy<SymmetricEigenResult>(() => Linalg.SymmetricEigen(Gram()));
    }

    /// <summary>N×D features.</summary>
    public Matrix Features { get; }

    /// <summary>Target labels.</summary>
    public ClassLabels Labels { get; }

    /// <summary>Source-head probabilities, when given.</summary>
    public SourcePredictions? Source { get; }

    /// <summary>Candidate name.</summary>
    public string Name { get; }

    /// <summary>N.</summary>
    public int SampleCount => Features.Rows;

    /// <summary>D.</summary>
    public int FeatureCount => Features.Columns;

    /// <summary>C.</summary>
    public int ClassCount => Labels.ClassCount;

    /// <summary>Class counts, means and scatter matrices (computed on first use).</summary>
    public ClassMoments Moments => _moments.Value;

    /// <summary>Eigendecomposition of the centred total scatter S_T (ascending), for covariance- and PCA-based metrics.</summary>
    public SymmetricEigenResult TotalScatterEigen => _scatterEigen.Value;

    /// <summary>Eigendecomposition of the uncentred Gram matrix FᵀF = S_T + N·μμᵀ (ascending), for LogME.</summary>
    public SymmetricEigenResult GramEigen => _gramEigen.Value;

    /// <summary>True when the class moments have been computed already.</summary>
    public bool HasMoments => _moments.IsValueCreated;

    /// <summary>
    /// A shared artefact computed once per task under <paramref name="key"/> (e.g. "pca:64"), for
    /// derived data several metrics use. Keys should name the computation and its parameters.
    /// </summary>
    public T Shared<T>(string key, Func<TransferTask, T> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        var lazy = _cache.GetOrAdd(key, _ => new Lazy<object>(() => compute(this)));
        return (T)lazy.Value;
    }

    /// <summary>FᵀF rebuilt from the moments: S_T + N·μμᵀ (no second pass over the data).</summary>
    private Matrix Gram()
    {
        var m = Moments;
        var g = m.TotalScatter.Clone();
        int d = m.FeatureCount;
        for (int i = 0; i < d; i++)
        {
            double ni = m.SampleCount * m.Mean[i];
            var row = g.Row(i);
            for (int j = 0; j < d; j++)
            {
                row[j] += ni * m.Mean[j];
            }
        }

        return g;
    }
}
