using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System;
using Xfer.Core;
using Xfer.Numerics.Classification;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Optimization;
using Xfer.Numerics.Statistics;

namespace Xfer.Evaluation.Probing;

/// <summary>
/// A one-hidden-layer classification head on frozen features: p = softmax(ReLU(x̃·W₁ + b₁)·W₂ + b₂), x̃ the standardised input,
/// trained by mini-batch Adam on the mean cross-entropy (+ ½·λ·(‖W₁‖² + ‖W₂‖²)) with hand-written backpropagation.
/// </summary>
/// <remarks>
/// <para>Initialisation as PyTorch's <c>nn.Linear</c>: weights and biases uniform in ±1/√fan_in. Each epoch visits the
/// training rows in a fresh seeded order. With early stopping the parameters of the epoch with the lowest validation
/// cross-entropy are kept.</para>
/// <para>Reusable: <see cref="Hidden"/> exposes the trained hidden representation, e.g. to train the head on a source task
/// and linear-probe its hidden layer on a target task (PGE).</para>
/// </remarks>
public sealed class MlpHead
{
    private MlpHead(FeatureStandardizer? standardizer, Matrix w1, double[] b1, Matrix w2, double[] b2, MlpTrainingLog log)
    {
        Standardizer = standardizer;
        W1 = w1;
        B1 = b1;
        W2 = w2;
        B2 = b2;
        Log = log;
    }

    /// <summary>Input standardisation fitted on the training rows, or null.</summary>
    public FeatureStandardizer? Standardizer { get; }

    /// <summary>D×H input weights.</summary>
    public Matrix W1 { get; }

    /// <summary>H hidden biases.</summary>
    public double[] B1 { get; }

    /// <summary>H×C output weights.</summary>
    public Matrix W2 { get; }

    /// <summary>C output biases.</summary>
    public double[] B2 { get; }

    /// <summary>How training went.</summary>
    public MlpTrainingLog Log { get; }

    /// <summary>Hidden width H.</summary>
    public int HiddenUnits => B1.Length;

    /// <summary>Trains a head on <paramref name="x"/> (N×D) and <paramref name="labels"/> (class indices 0..C−1).</summary>
    public static MlpHead Train(Matrix x, ReadOnlySpan<int> labels, int classCount, MlpHeadOptions? options = null,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new MlpHeadOptions();
        options.Validate();
        if (labels.Length != x.Rows || classCount < 2)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "{0} rows, {1} labels, {2} classes: need equal counts and ≥ 2 classes.", x.Rows, labels.Length, classCount));
        }

        var rng = new SeededRandom(options.Seed);
        var y = labels.ToArray();
        int[] fitRows = Enumerable.Range(0, y.Length).ToArray(), validRows = [];
        if (options.ValidationFraction > 0)
        {
            (fitRows, validRows) = StratifiedSampling.Split(y, classCount, options.ValidationFraction, rng.NextSeed());
        }

        var standardizer = options.Standardize ? FeatureStandardizer.Fit(x.SelectRows(fitRows)) : null;
        var xs = standardizer?.Transform(x) ?? x;
        var xFit = xs.SelectRows(fitRows);
        var yFit = fitRows.Select(i => y[i]).ToArray();
        var xValid = xs.SelectRows(validRows);
        var yValid = validRows.Select(i => y[i]).ToArray();

        int d = x.Columns, h = options.HiddenUnits, c = classCount;
        var p = new MlpParameters(d, h, c);
        p.Initialise(rng);
        var g = new MlpParameters(d, h, c);
        var adam = new[] { p.W1.Data.Length, p.B1.Length, p.W2.Data.Length, p.B2.Length }
            .Select(count => new Adam(count, options.LearningRate)).ToArray();

        var history = new List<double>();
        double bestValid = double.PositiveInfinity;
        int bestEpoch = 0, epoch = 0;
        bool stoppedEarly = false;
        MlpParameters best = p.Clone();
        var order = Enumerable.Range(0, yFit.Length).ToArray();
        for (epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rng.Shuffle(order.AsSpan());
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
                var xb = xFit.SelectRows(batch);
                var yb = new int[batch.Length];
                for (int i = 0; i < batch.Length; i++)
                {
                    yb[i] = yFit[batch[i]];
                }

                LossAndGradient(p, xb, yb, options.WeightDecay, g);
                adam[0].Step(p.W1.Data, g.W1.Data);
                adam[1].Step(p.B1, g.B1);
                adam[2].Step(p.W2.Data, g.W2.Data);
                adam[3].Step(p.B2, g.B2);
            }

            if (validRows.Length > 0)
            {
                var (_, validCe) = SoftmaxRegression.Evaluate(Forward(p, xValid).Probabilities, yValid);
                history.Add(validCe);
                if (validCe < bestValid)
                {
                    bestValid = validCe;
                    bestEpoch = epoch;
                    best = p.Clone();
                }
                else if (epoch - bestEpoch >= options.Patience)
                {
                    stoppedEarly = true;
                    progress?.Report(new ProgressUpdate("mlp head", string.Format(CultureInfo.InvariantCulture, "epoch {0} (stopped early)", epoch), options.MaxEpochs, options.MaxEpochs));
                    break;
                }
            }
            else
            {
                best = p;
                bestEpoch = epoch;
            }

            progress?.Report(new ProgressUpdate("mlp head", string.Format(CultureInfo.InvariantCulture, "epoch {0}/{1}", epoch, options.MaxEpochs), epoch, options.MaxEpochs));
        }

        var log = new MlpTrainingLog(Math.Min(epoch, options.MaxEpochs), bestEpoch, stoppedEarly || validRows.Length == 0, history, fitRows.Length, validRows.Length);
        return new MlpHead(standardizer, best.W1, best.B1, best.W2, best.B2, log);
    }

    /// <summary>The hidden representation ReLU(x̃·W₁ + b₁) (N×H) of raw input rows (standardised as in training).</summary>
    public Matrix Hidden(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Forward(ParametersView(), Standardizer?.Transform(x) ?? x).Hidden;
    }

    /// <summary>Class probabilities (N×C) of raw input rows.</summary>
    public Matrix PredictProbabilities(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Forward(ParametersView(), Standardizer?.Transform(x) ?? x).Probabilities;
    }

    /// <summary>
    /// Mean cross-entropy of a batch plus ½·λ·(‖W₁‖² + ‖W₂‖²), with the gradient of every parameter written to
    /// <paramref name="gradient"/> by backpropagation: dZ = (P − Y)/B; ∇W₂ = Hᵀ·dZ + λW₂; ∇b₂ = 1ᵀdZ; dA = (dZ·W₂ᵀ) ∘ [A &gt; 0];
    /// ∇W₁ = Xᵀ·dA + λW₁; ∇b₁ = 1ᵀdA (A the pre-activation, H = ReLU(A); the ReLU derivative at exactly 0 is taken as 0).
    /// </summary>
    public static double LossAndGradient(MlpParameters parameters, Matrix x, ReadOnlySpan<int> labels, double weightDecay, MlpParameters gradient)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradient);
        var (pre, hidden, probs) = Forward(parameters, x);
        int b = x.Rows, c = parameters.B2.Length;
        double loss = 0;
        var dz = probs; // reused in place: P − Y, scaled by 1/B
        for (int i = 0; i < b; i++)
        {
            var row = dz.Row(i);
            loss -= Math.Log(Math.Max(row[labels[i]], 2.2250738585072014e-308));
            row[labels[i]] -= 1.0;
            for (int k = 0; k < c; k++)
            {
                row[k] /= b;
            }
        }

        Linalg.MultiplyInto(hidden, dz, gradient.W2, transposeA: true);
        ColumnSums(dz, gradient.B2);
        var dh = Linalg.Multiply(dz, parameters.W2, transposeB: true);
        for (int i = 0; i < dh.Data.Length; i++)
        {
            if (!(pre.Data[i] > 0))
            {
                dh.Data[i] = 0;
            }
        }

        Linalg.MultiplyInto(x, dh, gradient.W1, transposeA: true);
        ColumnSums(dh, gradient.B1);
        double penalty = 0;
        penalty += AddDecay(parameters.W1.Data, gradient.W1.Data, weightDecay);
        penalty += AddDecay(parameters.W2.Data, gradient.W2.Data, weightDecay);
        return (loss / b) + (0.5 * weightDecay * penalty);
    }

    private MlpParameters ParametersView() => new(W1, B1, W2, B2);

    private static (Matrix Pre, Matrix Hidden, Matrix Probabilities) Forward(MlpParameters p, Matrix x)
    {
        var pre = Linalg.Multiply(x, p.W1);
        var hidden = new Matrix(pre.Rows, pre.Columns);
        for (int i = 0; i < pre.Rows; i++)
        {
            var a = pre.Row(i);
            var hrow = hidden.Row(i);
            for (int j = 0; j < a.Length; j++)
            {
                a[j] += p.B1[j];
                hrow[j] = Math.Max(0.0, a[j]);
            }
        }

        var z = Linalg.Multiply(hidden, p.W2);
        for (int i = 0; i < z.Rows; i++)
        {
            var row = z.Row(i);
            for (int k = 0; k < row.Length; k++)
            {
                row[k] += p.B2[k];
            }

            SoftmaxRegression.SoftmaxInPlace(row);
        }

        return (pre, hidden, z);
    }

    private static void ColumnSums(Matrix m, double[] sums)
    {
        Array.Clear(sums);
        for (int i = 0; i < m.Rows; i++)
        {
            var row = m.Row(i);
            for (int k = 0; k < row.Length; k++)
            {
                sums[k] += row[k];
            }
        }
    }

    private static double AddDecay(double[] w, double[] g, double decay)
    {
        double sq = 0;
        for (int i = 0; i < w.Length; i++)
        {
            sq += w[i] * w[i];
            g[i] += decay * w[i];
        }

        return sq;
    }
}

/// <summary>How an <see cref="MlpHead"/> was trained.</summary>
/// <param name="Epochs">Epochs run.</param>
/// <param name="BestEpoch">The epoch whose parameters were kept.</param>
/// <param name="Completed">True when early stopping triggered, or the fixed schedule (no validation split) ran to its end;
/// false when the epoch cap was reached while the validation loss was still improving.</param>
/// <param name="ValidationCrossEntropy">Validation cross-entropy after each epoch (empty without a validation split).</param>
/// <param name="FitRows">Rows the weights were trained on.</param>
/// <param name="ValidationRows">Rows held out for early stopping.</param>
public sealed record MlpTrainingLog(int Epochs, int BestEpoch, bool Completed, IReadOnlyList<double> ValidationCrossEntropy, int FitRows, int ValidationRows);
