using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Metrics.Catalog;
using Xfer.Numerics.Classification;
using Xfer.Numerics.Optimization;
using Xfer.Numerics.Statistics;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="LinearProbeProxy"/>; the defaults are scikit-learn 1.2's <c>LogisticRegression()</c> and <c>cross_val_score</c> defaults.</summary>
/// <param name="Folds">Stratified cross-validation folds k (scikit-learn's default <c>cv=5</c>).</param>
/// <param name="InverseRegularization">C of <c>LogisticRegression(C=1.0)</c>: the penalty is l2 = 1/(C·n_train) on the mean loss.</param>
/// <param name="MaxIterations">L-BFGS iterations per fit (scikit-learn <c>max_iter=100</c>).</param>
/// <param name="GradientTolerance">Stop when ‖∇J‖∞ ≤ this (scikit-learn <c>tol=1e-4</c>, passed to L-BFGS-B as <c>gtol</c>).</param>
/// <param name="Seed">Seed of the fold assignment.</param>
public sealed record LinearProbeProxyOptions(
    int Folds = 5,
    double InverseRegularization = 1.0,
    int MaxIterations = 100,
    double GradientTolerance = 1e-4,
    int Seed = 0);

/// <summary>Result of <see cref="LinearProbeProxy"/>.</summary>
/// <param name="Score">Cross-validated accuracy: the fraction of samples classified correctly by the fold model that did not see them.</param>
/// <param name="CrossEntropy">Mean held-out cross-entropy (nats).</param>
/// <param name="Folds">k.</param>
/// <param name="CappedFits">Folds whose fit stopped at the iteration cap.</param>
public sealed record LinearProbeProxyResult(double Score, double CrossEntropy, int Folds, int CappedFits);

/// <summary>
/// A cross-validated linear probe used as a transferability proxy, in the spirit of the PARC benchmark's <c>SplitLogistic</c>
/// [Bolya2021PARC] and PACTran's <c>linear_valerr</c> [Ding2022PACTran]: the held-out accuracy of a quickly fitted multinomial
/// logistic regression on the target features.
/// </summary>
/// <remarks>
/// <para>Protocol: samples are dealt into k = 5 stratified folds (seeded, <see cref="StratifiedSampling.Folds"/>). For each fold, the
/// other folds are standardised with their own column means and population standard deviations (scikit-learn's
/// <c>StandardScaler</c>; the held-out fold uses the same statistics), a multinomial logistic regression with an unpenalised intercept
/// and l2 = 1/(C·n_train), C = 1, is fitted from zero by L-BFGS (memory 10; stop at ‖∇J‖∞ ≤ 1e-4, relative decrease ≤ 2.2e-9 =
/// SciPy's default <c>factr·ε</c>, or 100 iterations — <c>make_pipeline(StandardScaler(), LogisticRegression())</c> with
/// scikit-learn 1.2's defaults), and the held-out fold is classified (argmax, ties to the lower class index). Score = correct / N.
/// Input: features N×D, labels. Direction: higher is better. Stochastic through the folds (seed).</para>
/// <para>Not the evaluation harness's ground-truth probe (which cross-validates the penalty over a grid and fits to convergence):
/// this is a fixed, cheap proxy whose fits may stop at the 100-iteration cap, so its value depends on the optimiser path there.
/// The PARC code uses one 50/50 split with <c>max_iter=20, tol=0.1</c>; PACTran one half split (N/2 train) at its own regularisation.</para>
/// <para>Cost: k fits × ≤ 100 iterations × two ((k−1)/k·N)×D×C products, plus one standardised copy of the training rows per fold.</para>
/// </remarks>
public static class LinearProbeProxy
{
    /// <summary>SciPy L-BFGS-B's default relative-decrease tolerance, factr·ε = 1e7·2.22e-16.</summary>
    private const double ScipyFunctionTolerance = 1e7 * 2.220446049250313e-16;

    /// <summary>Computes the cross-validated probe accuracy of features N×D against labels.</summary>
    public static LinearProbeProxyResult Score(Matrix features, ClassLabels labels, LinearProbeProxyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var task = new TransferTask(features, labels);
        options ??= new LinearProbeProxyOptions();
        Validate(task, options);
        return Score(task, options, StratifiedSampling.Folds(task.Labels.Indices, task.ClassCount, options.Folds, options.Seed), cancellationToken);
    }

    /// <summary>The protocol for a given fold assignment (tests pass scikit-learn's folds).</summary>
    internal static LinearProbeProxyResult Score(TransferTask task, LinearProbeProxyOptions options, int[] foldOf, CancellationToken cancellationToken)
    {
        int n = task.SampleCount, c = task.ClassCount, folds = options.Folds;
        var y = task.Labels.ToArray();
        var optimizer = new LbfgsOptions(Memory: 10, GradientTolerance: options.GradientTolerance, RelativeFunctionTolerance: ScipyFunctionTolerance,
            MaxIterations: options.MaxIterations);
        int correct = 0, capped = 0;
        double crossEntropy = 0;
        for (int f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var train = new List<int>(n);
            var test = new List<int>(n / folds + 1);
            for (int i = 0; i < n; i++)
            {
                (foldOf[i] == f ? test : train).Add(i);
            }

            if (test.Count == 0 || train.Count == 0)
            {
                continue;
            }

            var trainRows = train.ToArray();
            var testRows = test.ToArray();
            var scaler = FeatureStandardizer.Fit(task.Features, trainRows);
            var xTrain = scaler.Transform(task.Features, trainRows);
            var yTrain = Array.ConvertAll(trainRows, i => y[i]);
            var model = SoftmaxRegression.Fit(xTrain, yTrain, c, 1.0 / (options.InverseRegularization * trainRows.Length), optimizer, null, cancellationToken);
            capped += model.Optimisation.StopReason == LbfgsStopReason.MaxIterations ? 1 : 0;
            var yTest = Array.ConvertAll(testRows, i => y[i]);
            var (accuracy, ce) = SoftmaxRegression.Evaluate(model.PredictProbabilities(scaler.Transform(task.Features, testRows)), yTest);
            correct += (int)Math.Round(accuracy * testRows.Length);
            crossEntropy += ce * testRows.Length;
        }

        return new LinearProbeProxyResult((double)correct / n, crossEntropy / n, folds, capped);
    }

    private static void Validate(TransferTask task, LinearProbeProxyOptions o)
    {
        if (o.Folds < 2 || !(o.InverseRegularization > 0) || !double.IsFinite(o.InverseRegularization) || o.MaxIterations < 1 || !(o.GradientTolerance >= 0))
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "linear-probe needs folds ≥ 2, c > 0, max-iterations ≥ 1 and tol ≥ 0; got {0}, {1}, {2}, {3}.",
                o.Folds, o.InverseRegularization, o.MaxIterations, o.GradientTolerance));
        }

        if (task.SampleCount < o.Folds)
        {
            throw new MetricUnavailableException(string.Format(CultureInfo.InvariantCulture,
                "the linear probe's {0}-fold cross-validation needs at least {0} samples; there are {1}.", o.Folds, task.SampleCount));
        }
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "linear-probe", "Linear probe (5-fold CV)", "Bolya2021PARC", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: true,
            Cost: "5 fits × ≤ 100 L-BFGS iterations × O(N·D·C)",
            Summary: "5-fold cross-validated accuracy of an L2 multinomial logistic regression (C = 1, standardised features, ≤ 100 L-BFGS iterations).");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var options = new LinearProbeProxyOptions(
                Folds: settings.GetInt("linear-probe.folds", 5),
                InverseRegularization: settings.GetDouble("linear-probe.c", 1.0),
                MaxIterations: settings.GetInt("linear-probe.max-iterations", 100),
                GradientTolerance: settings.GetDouble("linear-probe.tol", 1e-4),
                Seed: settings.Seed);
            Validate(task, options);
            var r = Score(task, options, StratifiedSampling.Folds(task.Labels.Indices, task.ClassCount, options.Folds, options.Seed), cancellationToken);
            var warnings = new List<string>();
            if (r.CappedFits > 0)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture,
                    "{0} of {1} fold fits stopped at the {2}-iteration cap (as scikit-learn's max_iter=100 would); the proxy uses them as they are.",
                    r.CappedFits, r.Folds, options.MaxIterations));
            }

            return new MetricValue(r.Score, new Dictionary<string, double>
            {
                ["folds"] = r.Folds,
                ["crossEntropy"] = r.CrossEntropy,
                ["cappedFits"] = r.CappedFits,
            }, warnings);
        }
    }
}
