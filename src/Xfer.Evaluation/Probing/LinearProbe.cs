using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Xfer.Core;
using Xfer.Numerics.Classification;
using Xfer.Numerics.Statistics;

namespace Xfer.Evaluation.Probing;

/// <summary>
/// The ground-truth probe: the transfer the seed papers analyse (only a new last linear layer is trained on frozen features),
/// i.e. multinomial logistic regression with L2 (<see cref="SoftmaxRegression"/>), fitted by L-BFGS in float64.
/// </summary>
/// <remarks>
/// Protocol (<see cref="LinearProbeOptions"/> defaults):
/// <list type="number">
/// <item>Standardise the features with the mean and population standard deviation of the <b>training</b> rows (the test rows never
/// influence the probe). The statistics are computed once on the whole training split, before the folds; they use no labels.</item>
/// <item>Choose l2 by stratified, seeded k-fold cross-validation over the grid: for each fold, fit the grid from the largest l2 to
/// the smallest, each fit warm-started from the previous one (a regularisation path, as glmnet does), and score the held-out fold.
/// Select by mean validation accuracy (exact ties → lower mean cross-entropy → larger l2). CV fits stop at ‖∇J‖∞ ≤ 1e-4: they only
/// rank the grid points.</item>
/// <item>Refit on all training rows with the selected l2 to ‖∇J‖∞ ≤ 1e-6; report test accuracy and mean test cross-entropy (nats).</item>
/// </list>
/// Folds run in parallel when one fold's products are small (N·D·C &lt; 2·10⁷), where threading the products themselves gains
/// little; larger problems run folds one after another and let the linear-algebra provider use the threads.
/// </remarks>
public static class LinearProbe
{
    /// <summary>Below this N·D·C the folds are fitted in parallel (a product of that size takes about a millisecond).</summary>
    private const double ParallelFoldWork = 2e7;

    /// <summary>Runs the probe.</summary>
    /// <param name="trainFeatures">N×D training features.</param>
    /// <param name="trainLabels">N training labels; their classes define the model's outputs.</param>
    /// <param name="testFeatures">M×D test features.</param>
    /// <param name="testLabels">M test class indices in the training labels' index space (0..C−1).</param>
    /// <param name="options">Protocol settings.</param>
    /// <param name="progress">Receives "probe" progress: one unit per fitted (fold, l2) and one for the final fit.</param>
    /// <param name="cancellationToken">Cancels between fits and iterations.</param>
    public static ProbeResult Run(Matrix trainFeatures, ClassLabels trainLabels, Matrix testFeatures, ReadOnlySpan<int> testLabels,
        LinearProbeOptions? options = null, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testFeatures);
        options ??= new LinearProbeOptions();
        options.Validate();
        ProbeInputs.Check(trainFeatures, trainLabels, testFeatures, testLabels);
        var clock = Stopwatch.StartNew();
        int c = trainLabels.ClassCount;
        var y = trainLabels.ToArray();
        var warnings = new List<string>();

        Matrix xTrain = trainFeatures, xTest = testFeatures;
        if (options.Standardize)
        {
            var standardizer = FeatureStandardizer.Fit(trainFeatures);
            xTrain = standardizer.Transform(trainFeatures);
            xTest = standardizer.Transform(testFeatures);
        }

        var grid = options.FixedL2 is double fixedL2 ? [fixedL2] : options.L2Grid.Distinct().OrderByDescending(v => v).ToArray();
        int folds = options.FixedL2 is null ? options.Folds : 0;
        int totalFits = (folds * grid.Length) + 1;
        int done = 0;
        var cv = new List<ProbeCrossValidationPoint>();
        double selected = grid[0];
        double[]? warmStart = null;
        if (folds > 0)
        {
            int smallest = trainLabels.Counts.Min();
            if (smallest < folds)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture,
                    "class '{0}' has {1} training sample(s), fewer than the {2} folds: some validation folds do not contain it.",
                    trainLabels.ClassNames[Array.IndexOf(trainLabels.Counts, smallest)], smallest, folds));
            }

            var foldOf = StratifiedSampling.Folds(y, c, folds, options.Seed);
            var accuracy = new double[grid.Length, folds];
            var crossEntropy = new double[grid.Length, folds];
            var iterations = new int[grid.Length, folds];
            var converged = new bool[grid.Length, folds];
            var foldSolutions = new double[grid.Length][];
            void FitFold(int f)
            {
                var trainIdx = Enumerable.Range(0, y.Length).Where(i => foldOf[i] != f).ToArray();
                var validIdx = Enumerable.Range(0, y.Length).Where(i => foldOf[i] == f).ToArray();
                var xf = xTrain.SelectRows(trainIdx);
                var yf = trainIdx.Select(i => y[i]).ToArray();
                var xv = xTrain.SelectRows(validIdx);
                var yv = validIdx.Select(i => y[i]).ToArray();
                double[]? start = null;
                for (int g = 0; g < grid.Length; g++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var model = SoftmaxRegression.Fit(xf, yf, c, grid[g], options.CrossValidationOptimizer, start, cancellationToken);
                    start = model.Parameters();
                    if (f == 0)
                    {
                        foldSolutions[g] = start;
                    }

                    (accuracy[g, f], crossEntropy[g, f]) = SoftmaxRegression.Evaluate(model.PredictProbabilities(xv), yv);
                    iterations[g, f] = model.Optimisation.Iterations;
                    converged[g, f] = model.Optimisation.Converged;
                    int now = Interlocked.Increment(ref done);
                    progress?.Report(new ProgressUpdate("probe", string.Format(CultureInfo.InvariantCulture, "fold {0}/{1}, l2={2:G3}", f + 1, folds, grid[g]), now, totalFits));
                }
            }

            if ((double)trainFeatures.Rows * trainFeatures.Columns * c < ParallelFoldWork && Parallelism.Threads > 1)
            {
                Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Threads, CancellationToken = cancellationToken }, FitFold);
            }
            else
            {
                for (int f = 0; f < folds; f++)
                {
                    FitFold(f);
                }
            }

            int best = -1;
            for (int g = 0; g < grid.Length; g++)
            {
                var accs = Enumerable.Range(0, folds).Select(f => accuracy[g, f]).ToArray();
                var ces = Enumerable.Range(0, folds).Select(f => crossEntropy[g, f]).ToArray();
                var point = new ProbeCrossValidationPoint(grid[g], accs.Average(), ces.Average(), accs, ces,
                    Enumerable.Range(0, folds).Sum(f => iterations[g, f]), Enumerable.Range(0, folds).All(f => converged[g, f]));
                cv.Add(point);
                if (best < 0 || Better(point, cv[best], options.SelectBy))
                {
                    best = g;
                }
            }

            selected = grid[best];
            warmStart = foldSolutions[best];
            if (cv.Any(p => !p.AllConverged))
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture,
                    "some cross-validation fits stopped (iteration cap {0} or line-search failure) before ‖∇J‖∞ ≤ {1:G3} (see the per-l2 'converged' flags); their scores are those of the best point reached.",
                    options.CrossValidationOptimizer.MaxIterations, options.CrossValidationOptimizer.GradientTolerance));
            }

            // Report the grid in increasing l2, the way users read it.
            cv.Reverse();
        }

        cancellationToken.ThrowIfCancellationRequested();
        var final = SoftmaxRegression.Fit(xTrain, y, c, selected, options.Optimizer, warmStart, cancellationToken);
        progress?.Report(new ProgressUpdate("probe", "final fit", totalFits, totalFits));
        if (!final.Optimisation.Converged)
        {
            warnings.Add(string.Format(CultureInfo.InvariantCulture, "the final fit stopped by {0} at ‖∇J‖∞ = {1:G3} (tolerance {2:G3}).",
                final.Optimisation.StopReason, final.Optimisation.GradientInfinityNorm, options.Optimizer.GradientTolerance));
        }

        var (trainAccuracy, _) = SoftmaxRegression.Evaluate(final.PredictProbabilities(xTrain), y);
        var (testAccuracy, testCe) = SoftmaxRegression.Evaluate(final.PredictProbabilities(xTest), testLabels);
        var details = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["objective"] = final.Objective,
            ["gradientInfinityNorm"] = final.Optimisation.GradientInfinityNorm,
            ["evaluations"] = final.Optimisation.Evaluations,
        };
        if (selected > 0)
        {
            details["sklearnC"] = 1.0 / (selected * y.Length);
        }

        return new ProbeResult("linear", testAccuracy, testCe, trainAccuracy, selected, y.Length, testLabels.Length, trainFeatures.Columns, c, folds, cv,
            final.Optimisation.Iterations, final.Optimisation.Converged, options.Seed, clock.Elapsed.TotalSeconds, options.Describe(), details, warnings);
    }

    private static bool Better(ProbeCrossValidationPoint candidate, ProbeCrossValidationPoint incumbent, ProbeSelection by)
    {
        // The grid is visited from the largest l2 down, so keeping the incumbent on a full tie prefers the larger l2.
        if (by == ProbeSelection.CrossEntropy)
        {
            return candidate.MeanCrossEntropy < incumbent.MeanCrossEntropy;
        }

        if (candidate.MeanAccuracy != incumbent.MeanAccuracy)
        {
            return candidate.MeanAccuracy > incumbent.MeanAccuracy;
        }

        return candidate.MeanCrossEntropy < incumbent.MeanCrossEntropy;
    }
}
