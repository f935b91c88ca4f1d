using System;
using System.Globalization;
using System.Threading;
using Xfer.Core;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>Outcome of <see cref="GradientPenaltyTrainer.Train"/>.</summary>
/// <param name="Head">The trained head.</param>
/// <param name="FinalCrossEntropy">Mean CE of the last batch.</param>
/// <param name="FinalPenalty">GP(true) + GP(random) of the last batch.</param>
/// <param name="Seconds">Training time.</param>
public sealed record HeadTrainingResult(LinearHead Head, double FinalCrossEntropy, double FinalPenalty, double Seconds);

/// <summary>
/// Trains a linear head as the official TTA scripts train h_S (on source) and the ground-truth probe (on target):
/// PyTorch-default initialisation; per iteration a batch drawn uniformly with replacement and uniform random labels;
/// SGD with momentum and weight decay on CE + λ·[GP(true) + GP(random)] (see <see cref="GradientPenaltyLoss"/>).
/// </summary>
/// <remarks>
/// SGD as <c>torch.optim.SGD</c> (dampening 0, no Nesterov): g ← ∇ + wd·θ; buf ← g on the first step, else μ·buf + g;
/// θ ← θ − lr·buf. Official sources: <c>transfer_source_to_target_pytorch_resnet18.py</c> l.132–201 (h_S) and
/// <c>finetune_source_model_on_target_task_pytorch_resnet18.py</c> l.82–158 (probe).
/// </remarks>
public static class GradientPenaltyTrainer
{
    /// <summary>Trains a head on <paramref name="features"/> (already standardised) and <paramref name="labels"/>.</summary>
    public static HeadTrainingResult Train(Matrix features, int[] labels, int classes, HeadTrainingOptions options, int seed,
        string stage, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(stage);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rng = new SeededRandom(seed);
        int d = features.Columns, nb = options.BatchSize;
        var head = LinearHead.PyTorchDefault(classes, d, rng);
        var loss = new GradientPenaltyLoss(nb, classes, d);
        var batch = new Matrix(nb, d);
        var y = new int[nb];
        var yRandom = new int[nb];
        var gradW = new Matrix(classes, d);
        var gradB = new double[classes];
        var bufW = new double[gradW.Data.Length];
        var bufB = new double[classes];
        double ce = double.NaN, gp = double.NaN;
        int every = Math.Max(1, options.Iterations / 200);
        for (int it = 0; it < options.Iterations; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int i = 0; i < nb; i++)
            {
                int k = rng.Next(features.Rows);
                features.Row(k).CopyTo(batch.Row(i));
                y[i] = labels[k];
            }

            for (int i = 0; i < nb; i++)
            {
                yRandom[i] = rng.Next(classes);
            }

            double value = loss.Evaluate(head, batch, y, yRandom, options.Tau, options.PenaltyWeight, gradW, gradB);
            if (!double.IsFinite(value))
            {
                throw new Xfer.Core.Errors.XferException(string.Format(CultureInfo.InvariantCulture,
                    "{0}: the loss became {1} at iteration {2}; SGD diverged. Lower the learning rate (now {3}) or the penalty weight (now {4}).",
                    stage, value, it + 1, options.LearningRate, options.PenaltyWeight));
            }

            ce = loss.CrossEntropy;
            gp = loss.PenaltyTrue + loss.PenaltyRandom;
            SgdStep(head.Weights.Data, gradW.Data, bufW, it == 0, options);
            SgdStep(head.Bias, gradB, bufB, it == 0, options);
            if (progress is not null && (it % every == 0 || it == options.Iterations - 1))
            {
                progress.Report(new ProgressUpdate(stage, string.Format(CultureInfo.InvariantCulture, "iteration {0}, CE {1:F4}, GP {2:G3}", it + 1, ce, gp), it + 1, options.Iterations));
            }
        }

        return new HeadTrainingResult(head, ce, gp, clock.Elapsed.TotalSeconds);
    }

    private static void SgdStep(Span<double> theta, ReadOnlySpan<double> grad, Span<double> buffer, bool first, HeadTrainingOptions o)
    {
        for (int k = 0; k < theta.Length; k++)
        {
            double g = grad[k] + (o.WeightDecay * theta[k]);
            buffer[k] = first ? g : (o.Momentum * buffer[k]) + g;
            theta[k] -= o.LearningRate * buffer[k];
        }
    }
}
