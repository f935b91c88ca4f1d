using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System;
using Xfer.Core;
using Xfer.Numerics.Classification;

namespace Xfer.Evaluation.Probing;

/// <summary>
/// Ground truth from a one-hidden-layer head (<see cref="MlpHead"/>) instead of a linear layer: train on the training rows
/// (with early stopping on a stratified slice of them), report test accuracy and cross-entropy. No cross-validation: the
/// weight decay is fixed (default 0) and early stopping regularises.
/// </summary>
public static class MlpProbe
{
    /// <summary>Trains the head and evaluates it on the test rows.</summary>
    public static ProbeResult Run(Matrix trainFeatures, ClassLabels trainLabels, Matrix testFeatures, ReadOnlySpan<int> testLabels,
        MlpHeadOptions? options = null, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testFeatures);
        options ??= new MlpHeadOptions();
        options.Validate();
        ProbeInputs.Check(trainFeatures, trainLabels, testFeatures, testLabels);
        var clock = Stopwatch.StartNew();
        var y = trainLabels.ToArray();
        var head = MlpHead.Train(trainFeatures, y, trainLabels.ClassCount, options, progress, cancellationToken);
        var (trainAccuracy, _) = SoftmaxRegression.Evaluate(head.PredictProbabilities(trainFeatures), y);
        var (accuracy, crossEntropy) = SoftmaxRegression.Evaluate(head.PredictProbabilities(testFeatures), testLabels);
        var warnings = new List<string>();
        if (!head.Log.Completed)
        {
            warnings.Add($"the validation loss was still improving after {head.Log.Epochs} epochs; raise the epoch cap.");
        }

        var details = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["hiddenUnits"] = head.HiddenUnits,
            ["bestEpoch"] = head.Log.BestEpoch,
            ["fitRows"] = head.Log.FitRows,
            ["validationRows"] = head.Log.ValidationRows,
        };
        return new ProbeResult("mlp", accuracy, crossEntropy, trainAccuracy, options.WeightDecay, y.Length, testLabels.Length, trainFeatures.Columns,
            trainLabels.ClassCount, 0, [], head.Log.Epochs, head.Log.Completed, options.Seed, clock.Elapsed.TotalSeconds, options.Describe(), details, warnings);
    }
}
