using System;
using System.Globalization;
using Xfer.Analysis.TaskTransfer;
using Xfer.Core;

namespace Xfer.Tests.Analysis;

/// <summary>
/// Constructed source/target pairs whose TTA terms have a known expected behaviour. Features are Gaussian class clusters
/// (D = 8, 4 classes, 120 train and 60 test samples per class); targets are built from fresh samples of the source
/// distribution by relabelling or by transforming the features.
/// </summary>
internal static class TaskTransferScenarios
{
    public const int Dimension = 8;
    public const int Classes = 4;

    /// <summary>
    /// Reduced settings for the unit tests (documented in docs/tta.md): 300 epochs instead of 2001, batches of 160
    /// instead of 1000 with equal sizes on both sides (assignment solver; one test runs the official sizing), learning rates 3× the official ones so B and D move far enough in fewer epochs, and heads trained
    /// for 800 SGD iterations of 100 samples with τ = 0.5 (instead of 10 001 × 1000 with τ = 0.02; lr and λ official, since SGD on
    /// the λ = 10⁴ penalty is unstable above lr ≈ 2e-4) so that the small
    /// 8-dimensional heads learn something in a fraction of a second. The label map starts from the source head's
    /// predictions (<see cref="LabelMapInitialisation.SourcePredictions"/>), the start under which label permutations
    /// and merges are recoverable; one test runs the official random start.
    /// </summary>
    public static TaskTransferOptions FastOptions(int seed = 1) => new()
    {
        Epochs = 300,
        BatchSize = 160,
        BatchSizing = BatchSizing.Equal,
        TransformLearningRate = 0.03,
        PriorLearningRate = 0.003,
        SourceHead = new HeadTrainingOptions { Iterations = 800, BatchSize = 100, LearningRate = 1e-4, Tau = 0.5 },
        Probe = new HeadTrainingOptions { Iterations = 800, BatchSize = 100, LearningRate = 1e-4, Tau = 0.5 },
        HistoryEvery = 100,
        LabelMapInitialisation = LabelMapInitialisation.SourcePredictions,
        Seed = seed,
    };

    /// <summary>Class means shared by source and target draws.</summary>
    public static double[,] Means(int seed, double separation = 2.5)
    {
        var rng = new SeededRandom(seed);
        var means = new double[Classes, Dimension];
        for (int k = 0; k < Classes; k++)
        {
            for (int j = 0; j < Dimension; j++)
            {
                means[k, j] = separation * rng.NextGaussian();
            }
        }

        return means;
    }

    /// <summary>Draws <paramref name="perClass"/> samples of each class (unit-variance noise around the means).</summary>
    public static (Matrix X, int[] Y) Draw(double[,] means, int perClass, int seed)
    {
        var rng = new SeededRandom(seed);
        int c = means.GetLength(0), d = means.GetLength(1);
        var x = new Matrix(c * perClass, d);
        var y = new int[c * perClass];
        for (int i = 0; i < y.Length; i++)
        {
            int k = i % c;
            y[i] = k;
            for (int j = 0; j < d; j++)
            {
                x[i, j] = means[k, j] + rng.NextGaussian();
            }
        }

        return (x, y);
    }

    public static TaskDomain Domain(string name, double[,] means, int seed, Func<int, int>? relabel = null, Func<Matrix, Matrix>? map = null, int classes = Classes)
    {
        var (xTrain, yTrain) = Draw(means, 120, seed);
        var (xTest, yTest) = Draw(means, 60, seed + 1);
        if (relabel is not null)
        {
            yTrain = Array.ConvertAll(yTrain, k => relabel(k));
            yTest = Array.ConvertAll(yTest, k => relabel(k));
        }

        if (map is not null)
        {
            xTrain = map(xTrain);
            xTest = map(xTest);
        }

        var names = new string[classes];
        for (int k = 0; k < classes; k++)
        {
            names[k] = name + k.ToString(CultureInfo.InvariantCulture);
        }

        return new TaskDomain(name, xTrain, yTrain, xTest, yTest, names);
    }

    /// <summary>A random rotation (orthogonal matrix from Gram–Schmidt on Gaussian columns).</summary>
    public static Matrix Rotation(int d, int seed)
    {
        var rng = new SeededRandom(seed);
        var q = new Matrix(d, d);
        for (int j = 0; j < d; j++)
        {
            var v = new double[d];
            for (int i = 0; i < d; i++)
            {
                v[i] = rng.NextGaussian();
            }

            for (int p = 0; p < j; p++)
            {
                double dot = 0;
                for (int i = 0; i < d; i++)
                {
                    dot += v[i] * q[i, p];
                }

                for (int i = 0; i < d; i++)
                {
                    v[i] -= dot * q[i, p];
                }
            }

            double norm = 0;
            foreach (double a in v)
            {
                norm += a * a;
            }

            norm = Math.Sqrt(norm);
            for (int i = 0; i < d; i++)
            {
                q[i, j] = v[i] / norm;
            }
        }

        return q;
    }

    /// <summary>x ↦ R·x + s for each row.</summary>
    public static Func<Matrix, Matrix> RotateAndShift(Matrix r, double shift) => x =>
    {
        var y = new Matrix(x.Rows, x.Columns);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int a = 0; a < x.Columns; a++)
            {
                double s = shift * (a + 1);
                for (int b = 0; b < x.Columns; b++)
                {
                    s += r[a, b] * x[i, b];
                }

                y[i, a] = s;
            }
        }

        return y;
    };

    public static string Describe(TaskTransferResult r)
    {
        var t = r.Terms;
        var b = r.LabelMap;
        var rows = new System.Text.StringBuilder();
        for (int k = 0; k < b.Rows; k++)
        {
            for (int c = 0; c < b.Columns; c++)
            {
                rows.Append(b[k, c].ToString("F3", CultureInfo.InvariantCulture)).Append(' ');
            }

            rows.Append("| ");
        }

        return string.Format(CultureInfo.InvariantCulture,
            "bound {0:F4} = Lw {1:F4} + H {2:F4} + τ̂ {3:F4} × W1 {4:F4}; probe loss {5:F4} acc {6:F3}; h''' acc {7:F3} loss {8:F4}; head acc {9:F3}; B: {10}; time {11:F2}s/{12:F4}s per epoch",
            t.Bound, t.WeightedSourceLoss, t.LabelEntropy, t.Lipschitz, t.Wasserstein, r.ProbeLoss, r.ProbeAccuracy, r.TransformedTargetAccuracy, r.TransformedTargetLoss,
            r.SourceHeadAccuracy, rows, r.Timings.TotalSeconds, r.Timings.PerEpoch)
            + string.Format(CultureInfo.InvariantCulture, " [sample {0:F5} transform {1:F5} cost {2:F5} ot {3:F5} grad {4:F5} step {5:F5}; head {6:F2}s probe {7:F2}s eval {8:F2}s]",
                r.Timings.Sampling, r.Timings.Transform, r.Timings.CostMatrix, r.Timings.Transport, r.Timings.Gradient, r.Timings.Step, r.SourceHeadSeconds, r.ProbeSeconds, r.EvaluationSeconds);
    }
}
