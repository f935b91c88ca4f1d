using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Numerics.OptimalTransport;
using Xfer.Numerics.Optimization;
using Xfer.Numerics.Statistics;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>
/// Task Transfer Analysis (Mehra, Zhang, Hamm 2023; key Mehra2023TTA): an upper bound on the target cross-entropy of a
/// linear probe, Bound = L_w(D) + H(B, D) + τ̂·W₁, obtained by learning class-prior, label and affine feature transforms
/// of the source task that minimise it. Follows the official large-scale script
/// <c>large_scale/ResNet18/transfer_source_to_target_pytorch_resnet18.py</c> (hammlab/TaskTransferAnalysis, commit 74b6fe0);
/// see <see cref="TaskTransferOptions"/> for each default and its source line, and docs/tta.md for the deviations.
/// </summary>
/// <remarks>
/// Steps: (1) standardise each domain with its own train statistics (l.109–119); (2) train h_S on the source with the
/// gradient-norm penalty unless a head is given (l.126–228); (3) ℓ_c = per-class summed CE of h_S on source train and test
/// (l.312–327); (4) for each epoch draw class-stratified batches by D and π_T, transform the source batch, solve the OT plan
/// for the non-squared cost ‖Ax + b − t‖ + Λ‖By − y_T‖, and take one Adam step on the objective with squared distances
/// (l.329–366); (5) evaluate the bound on the test splits (l.384–429); (6) train the ground-truth probe on the target
/// (finetune script) and report its test CE next to the bound.
/// </remarks>
public static class TaskTransferAnalysis
{
    /// <summary>Runs the analysis.</summary>
    /// <param name="source">Source task (raw features; standardised here).</param>
    /// <param name="target">Target task (raw features; standardised here).</param>
    /// <param name="sourceHead">A head on the raw source features (C_S×D weights and C_S biases), or null to train h_S.</param>
    /// <param name="options">Settings (null for the official defaults).</param>
    /// <param name="progress">Progress sink.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static TaskTransferResult Analyze(TaskDomain source, TaskDomain target, LinearHead? sourceHead = null, TaskTransferOptions? options = null,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new TaskTransferOptions();
        options.Validate();
        if (source.Dimension != target.Dimension)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "Source features have {0} columns but target features have {1}; TTA compares features of one encoder, so both need the same dimension.",
                source.Dimension, target.Dimension));
        }

        var seeds = new SeededRandom(options.Seed);
        int headSeed = seeds.NextSeed(), probeSeed = seeds.NextSeed(), initSeed = seeds.NextSeed(), sourceBatchSeed = seeds.NextSeed(),
            targetBatchSeed = seeds.NextSeed(), evalSeed = seeds.NextSeed();
        int d = source.Dimension, cs = source.ClassCount, ct = target.ClassCount;
        var warnings = new List<string>();

        // (1) Per-domain standardisation.
        var sourceScaler = FeatureStandardizer.Fit(source.TrainFeatures);
        var targetScaler = FeatureStandardizer.Fit(target.TrainFeatures);
        var xs = sourceScaler.Transform(source.TrainFeatures);
        var xsTest = sourceScaler.Transform(source.TestFeatures);
        var xt = targetScaler.Transform(target.TrainFeatures);
        var xtTest = targetScaler.Transform(target.TestFeatures);

        // (2) Source head.
        LinearHead head;
        double headSeconds = 0;
        if (sourceHead is not null)
        {
            if (sourceHead.Classes != cs || sourceHead.Dimension != d)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "The source head is {0}×{1} but the source task has {2} classes and {3} features; it must be C_S×D.", sourceHead.Classes, sourceHead.Dimension, cs, d));
            }

            head = sourceHead.OnStandardisedFeatures(sourceScaler);
            warnings.Add("The given source head was not trained with the gradient-norm penalty, so τ̂ (and the bound) can be much larger than with the official re-trained head.");
        }
        else
        {
            var trained = GradientPenaltyTrainer.Train(xs, source.TrainLabels, cs, options.SourceHead, headSeed, "train source head", progress, cancellationToken);
            head = trained.Head;
            headSeconds = trained.Seconds;
        }

        var (headAccuracy, headLoss) = head.Evaluate(xsTest, source.TestLabels);

        // (3) Per-class summed CE of h_S on source train and test.
        var classLossTrain = ClassLosses(head, xs, source.TrainLabels, cs);
        var classLossTest = ClassLosses(head, xsTest, source.TestLabels, cs);

        // (4) Optimisation of the transforms.
        var theta = new TransferTransforms(d, cs, ct, source.Prior, options.PriorInitialisation, new SeededRandom(initSeed));
        if (options.LabelMapInitialisation == LabelMapInitialisation.SourcePredictions)
        {
            theta.StartLabelMapAt(PredictedConditional(head, xt, target.TrainLabels, ct));
        }
        var objective = new TransferObjective(d, classLossTrain, source.Prior, target.Prior, xs.Rows, options);
        var gradient = new TransferGradient(d, cs, ct);
        var adamA = NewAdam(d * d, options.TransformLearningRate, options);
        var adamABar = NewAdam(d * d, options.TransformLearningRate, options);
        var adamB = NewAdam(d, options.TransformLearningRate, options);
        var adamLabel = NewAdam(ct * cs, options.TransformLearningRate, options);
        var adamPrior = NewAdam(cs, options.PriorLearningRate, options);
        var sourceSampler = new PriorBatchSampler(source.TrainLabels, cs, new SeededRandom(sourceBatchSeed));
        var targetSampler = new PriorBatchSampler(target.TrainLabels, ct, new SeededRandom(targetBatchSeed));
        var sourceCounts = new int[cs];
        var targetCounts = new int[ct];
        var sourceIndex = new int[options.BatchSize];
        var sourceClass = Array.Empty<int>();
        var targetIndex = new int[options.BatchSize];
        var targetClass = Array.Empty<int>();
        Matrix xBatch = new(0, 0), tBatch = new(0, 0), cost = new(0, 0);
        var exact = new ExactTransport();
        var history = new List<EpochRecord>();
        var timers = new Stopwatch[6];
        for (int k = 0; k < timers.Length; k++)
        {
            timers[k] = new Stopwatch();
        }

        var total = Stopwatch.StartNew();
        int sinkhornUnconverged = 0;
        double worstMarginal = 0;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            timers[0].Start();
            var prior = theta.Prior();
            int ns = sourceSampler.Counts(prior, options.BatchSize, sourceCounts);
            int nt = targetSampler.Counts(target.Prior, options.BatchSize, targetCounts);
            if (options.BatchSizing == BatchSizing.Equal)
            {
                PriorBatchSampler.Equalise(sourceCounts, prior, targetCounts, target.Prior);
                ns = nt = Math.Min(ns, nt);
            }

            if (ns == 0 || nt == 0)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "Epoch {0}: the class-stratified batches are empty (source {1}, target {2} samples); raise --batch (now {3}) so that ⌊M·p_c⌋ ≥ 1 for some class.",
                    epoch, ns, nt, options.BatchSize));
            }

            if (sourceClass.Length != ns)
            {
                sourceClass = new int[ns];
                xBatch = new Matrix(ns, d);
            }

            if (targetClass.Length != nt)
            {
                targetClass = new int[nt];
                tBatch = new Matrix(nt, d);
            }

            if (cost.Rows != ns || cost.Columns != nt)
            {
                cost = new Matrix(ns, nt);
            }

            sourceSampler.Draw(sourceCounts, sourceIndex, sourceClass);
            targetSampler.Draw(targetCounts, targetIndex, targetClass);
            Gather(xs, sourceIndex, xBatch);
            Gather(xt, targetIndex, tBatch);
            timers[0].Stop();

            timers[1].Start();
            objective.TransformBatch(theta, xBatch);
            timers[1].Stop();

            timers[2].Start();
            double featureScale = BuildCost(objective.Transformed, tBatch, sourceClass, targetClass, theta, options.LabelCostWeight, cost);
            timers[2].Stop();

            timers[3].Start();
            TransportResult plan;
            if (options.Transport == BatchTransportSolver.Exact)
            {
                plan = exact.SolveUniform(cost.Data, ns, nt);
            }
            else
            {
                plan = SinkhornLog.SolveUniform(cost.Data, ns, nt, new SinkhornOptions
                {
                    Epsilon = options.SinkhornEpsilon * Math.Max(featureScale, 1e-12),
                    MaxIterations = options.SinkhornMaxIterations,
                    Tolerance = options.SinkhornTolerance,
                    EpsilonScaling = 0.5,
                });
                if (!plan.Converged)
                {
                    sinkhornUnconverged++;
                    worstMarginal = Math.Max(worstMarginal, plan.MarginalError);
                }
            }

            timers[3].Stop();

            timers[4].Start();
            var terms = objective.Evaluate(theta, xBatch, sourceClass, tBatch, targetClass, plan.Plan, gradient);
            timers[4].Stop();
            if (!double.IsFinite(terms.Total))
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "Epoch {0}: the TTA objective became {1}; lower the learning rates (now {2} and {3}).", epoch, terms.Total, options.TransformLearningRate, options.PriorLearningRate));
            }

            timers[5].Start();
            adamA.Step(theta.A.Data, gradient.A.Data);
            adamABar.Step(theta.ABar.Data, gradient.ABar.Data);
            adamB.Step(theta.Shift, gradient.Shift);
            adamLabel.Step(theta.LabelLogits.Data, gradient.LabelLogits.Data);
            adamPrior.Step(theta.PriorLogits, gradient.PriorLogits);
            timers[5].Stop();

            if (epoch % options.HistoryEvery == 0 || epoch == options.Epochs - 1)
            {
                var (accuracy, _) = BoundEvaluator.TargetAccuracy(head, theta, xtTest, target.TestLabels);
                history.Add(new EpochRecord(epoch, terms, accuracy, ns, nt));
            }

            progress?.Report(new ProgressUpdate("optimise transforms",
                string.Format(CultureInfo.InvariantCulture, "epoch {0}, loss {1:G5}", epoch + 1, terms.Total), epoch + 1, options.Epochs));
        }

        total.Stop();
        if (sinkhornUnconverged > 0)
        {
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "Sinkhorn did not reach tolerance {0:G3} in {1} of {2} epochs (worst marginal error {3:G3}); raise the Sinkhorn ε or iterations, or use --ot exact.",
                options.SinkhornTolerance, sinkhornUnconverged, options.Epochs, worstMarginal));
        }

        int epochs = Math.Max(1, options.Epochs);
        var timings = new EpochTimings(
            timers[0].Elapsed.TotalSeconds / epochs, timers[1].Elapsed.TotalSeconds / epochs, timers[2].Elapsed.TotalSeconds / epochs,
            timers[3].Elapsed.TotalSeconds / epochs, timers[4].Elapsed.TotalSeconds / epochs, timers[5].Elapsed.TotalSeconds / epochs,
            options.Epochs, total.Elapsed.TotalSeconds);

        // (5) The bound on the test splits.
        progress?.Report(new ProgressUpdate("evaluate bound", "class-wise exact W₁ and τ̂", 0, 1));
        var evalClock = Stopwatch.StartNew();
        var evaluation = BoundEvaluator.Evaluate(head, theta, xsTest, source.TestLabels, xtTest, target.TestLabels, source.Prior, classLossTest, options, new SeededRandom(evalSeed));
        evalClock.Stop();
        warnings.AddRange(evaluation.Warnings);
        progress?.Report(new ProgressUpdate("evaluate bound", "done", 1, 1));

        // (6) The ground-truth probe, trained like h_S on the standardised target train split.
        double? probeLoss = null, probeAccuracy = null;
        double probeSeconds = 0;
        if (options.Probe is not null)
        {
            var probe = GradientPenaltyTrainer.Train(xt, target.TrainLabels, ct, options.Probe, probeSeed, "train probe", progress, cancellationToken);
            var (accuracy, loss) = probe.Head.Evaluate(xtTest, target.TestLabels);
            probeLoss = loss;
            probeAccuracy = accuracy;
            probeSeconds = probe.Seconds;
        }

        return new TaskTransferResult
        {
            Terms = evaluation.Terms,
            ProbeLoss = probeLoss,
            ProbeAccuracy = probeAccuracy,
            TransformedTargetAccuracy = evaluation.TargetAccuracy,
            TransformedTargetLoss = evaluation.TargetLoss,
            TransformedSourceLoss = evaluation.TransformedSourceLoss,
            SourceHeadAccuracy = headAccuracy,
            SourceHeadLoss = headLoss,
            SourceHeadTrained = sourceHead is null,
            LabelMap = theta.LabelMap(),
            Prior = theta.Prior(),
            A = theta.A,
            ABar = theta.ABar,
            Shift = theta.Shift,
            SourcePrior = source.Prior,
            TargetPrior = target.Prior,
            SourceClassNames = source.ClassNames,
            TargetClassNames = target.ClassNames,
            ClassDistances = evaluation.Classes,
            History = history,
            Timings = timings,
            SourceHeadSeconds = headSeconds,
            ProbeSeconds = probeSeconds,
            EvaluationSeconds = evalClock.Elapsed.TotalSeconds,
            Warnings = warnings,
            Options = options,
        };
    }

    /// <summary>P̂(k | c) = Σ_{i: y_i = k} p_S(c | z_i) / Σ_i p_S(c | z_i) over the target train split (C_T×C_S).</summary>
    internal static Matrix PredictedConditional(LinearHead head, Matrix targetFeatures, int[] targetLabels, int targetClasses)
    {
        var logits = head.Logits(targetFeatures);
        int cs = head.Classes;
        var joint = new Matrix(targetClasses, cs);
        var p = new double[cs];
        for (int i = 0; i < logits.Rows; i++)
        {
            Softmax.Into(logits.Row(i), p);
            var row = joint.Row(targetLabels[i]);
            for (int c = 0; c < cs; c++)
            {
                row[c] += p[c];
            }
        }

        for (int c = 0; c < cs; c++)
        {
            double s = 0;
            for (int k = 0; k < targetClasses; k++)
            {
                s += joint[k, c];
            }

            for (int k = 0; k < targetClasses; k++)
            {
                joint[k, c] = s > 0 ? joint[k, c] / s : 1.0 / targetClasses;
            }
        }

        return joint;
    }

    private static Adam NewAdam(int count, double learningRate, TaskTransferOptions o)
        => new(count, learningRate, o.AdamBeta1, o.AdamBeta2, o.AdamEpsilon, o.AdamEpsilonPlacement);

    /// <summary>ℓ_c = Σ over samples of class c of CE(h_S(z), c) (official <c>cw_source_*_rep_loss</c>).</summary>
    internal static double[] ClassLosses(LinearHead head, Matrix z, int[] labels, int classes)
    {
        var logits = head.Logits(z);
        var loss = new double[classes];
        for (int i = 0; i < z.Rows; i++)
        {
            var row = logits.Row(i);
            loss[labels[i]] += Softmax.LogSumExp(row) - row[labels[i]];
        }

        return loss;
    }

    private static void Gather(Matrix from, int[] rows, Matrix into)
    {
        for (int i = 0; i < into.Rows; i++)
        {
            from.Row(rows[i]).CopyTo(into.Row(i));
        }
    }

    /// <summary>
    /// C_ij = ‖x'_i − t_j‖ + Λ‖B_{:,c_i} − e_{k_j}‖ (official l.348–354: <c>torch.cdist</c>, non-squared, for both parts).
    /// Returns the mean feature distance (the scale for a relative Sinkhorn ε).
    /// </summary>
    private static double BuildCost(Matrix transformed, Matrix t, int[] sourceClass, int[] targetClass, TransferTransforms theta, double labelWeight, Matrix cost)
    {
        PairwiseDistance.Euclidean(transformed, t, cost, squared: false);
        var b = theta.LabelMap();
        int cs = theta.SourceClasses, ct = theta.TargetClasses;
        var labelCost = new double[cs * ct];
        for (int c = 0; c < cs; c++)
        {
            double norm2 = 0;
            for (int k = 0; k < ct; k++)
            {
                norm2 += b[k, c] * b[k, c];
            }

            for (int k = 0; k < ct; k++)
            {
                // ‖B_c − e_k‖² = ‖B_c‖² − 2B_kc + 1.
                labelCost[(c * ct) + k] = labelWeight * Math.Sqrt(Math.Max(0, norm2 - (2 * b[k, c]) + 1));
            }
        }

        int m = t.Rows;
        double sum = 0;
        for (int i = 0; i < transformed.Rows; i++)
        {
            var row = cost.Row(i);
            int offset = sourceClass[i] * ct;
            for (int j = 0; j < m; j++)
            {
                sum += row[j];
                row[j] += labelCost[offset + targetClass[j]];
            }
        }

        return sum / ((double)transformed.Rows * m);
    }
}
