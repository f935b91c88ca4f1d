using System;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Optimization;

namespace Xfer.Numerics.Classification;

/// <summary>
/// Multinomial logistic regression (softmax regression) with an L2 penalty on the weights and an unpenalised intercept,
/// fitted by <see cref="Lbfgs"/> in float64. Objective, with Z = X·W + 1bᵀ (N×C), W (D×C), b (C):
/// J(W, b) = (1/N) Σ_i [logsumexp(z_i) − z_{i,y_i}] + ½·l2·‖W‖²_F.
/// </summary>
/// <remarks>
/// <para><b>Relation to scikit-learn.</b> <c>LogisticRegression(penalty='l2', C=C, multi_class='multinomial', fit_intercept=True)</c>
/// minimises N·J with <c>l2 = 1/(C·N)</c>: Σ CE + ‖W‖²/(2C). Same minimiser, same parametrisation (C columns, softmax over all
/// of them, no reference class), so the fitted probabilities agree; the intercept is only defined up to a common shift
/// (softmax is shift-invariant and it is unpenalised), which changes neither the objective nor the predictions.</para>
/// <para><b>Cost.</b> One evaluation is two products through <see cref="Linalg"/> (X·W and Xᵀ·(P − Y), each 2·N·D·C flops) plus
/// O(N·C) for the softmax, done in fixed row blocks on <see cref="Parallelism.Threads"/> threads and summed in block order, so the
/// result does not depend on the thread count.</para>
/// </remarks>
public sealed class SoftmaxRegression
{
    private SoftmaxRegression(Matrix weights, double[] intercepts, double l2, double objective, LbfgsResult optimisation)
    {
        Weights = weights;
        Intercepts = intercepts;
        L2 = l2;
        Objective = objective;
        Optimisation = optimisation;
    }

    /// <summary>D×C weights.</summary>
    public Matrix Weights { get; }

    /// <summary>C intercepts.</summary>
    public double[] Intercepts { get; }

    /// <summary>The penalty l2 it was fitted with.</summary>
    public double L2 { get; }

    /// <summary>J at the fitted parameters (mean cross-entropy in nats + ½·l2·‖W‖²).</summary>
    public double Objective { get; }

    /// <summary>Iterations, evaluations, gradient norm and stop reason of the optimiser.</summary>
    public LbfgsResult Optimisation { get; }

    /// <summary>Number of classes C.</summary>
    public int ClassCount => Intercepts.Length;

    /// <summary>Fits the model.</summary>
    /// <param name="x">N×D features (used as given: standardise beforehand if wanted).</param>
    /// <param name="labels">N class indices in 0..C−1.</param>
    /// <param name="classCount">C (classes absent from <paramref name="labels"/> are allowed: their scores are pushed down).</param>
    /// <param name="l2">Penalty l2 ≥ 0 (l2 = 0 is unregularised and may not converge on separable data).</param>
    /// <param name="options">Optimiser settings (gradient tolerance applies to ∇J, the mean-loss scale).</param>
    /// <param name="initial">Starting parameters (W row-major then b), e.g. the solution at a neighbouring l2; zeros when null.</param>
    /// <param name="cancellationToken">Cancels between iterations.</param>
    public static SoftmaxRegression Fit(Matrix x, ReadOnlySpan<int> labels, int classCount, double l2, LbfgsOptions? options = null,
        double[]? initial = null, CancellationToken cancellationToken = default)
    {
        var objective = new SoftmaxRegressionObjective(x, labels, classCount, l2);
        var start = initial ?? new double[objective.Dimension];
        if (start.Length != objective.Dimension)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "Initial parameters have {0} values; the model has {1}.", start.Length, objective.Dimension), nameof(initial));
        }

        var result = Lbfgs.Minimize(objective.Evaluate, start, options, cancellationToken);
        int d = x.Columns;
        var w = new Matrix(d, classCount, result.Minimizer.AsSpan(0, d * classCount).ToArray());
        var b = result.Minimizer.AsSpan(d * classCount, classCount).ToArray();
        return new SoftmaxRegression(w, b, l2, result.Value, result);
    }

    /// <summary>The parameters as one vector (W row-major, then b): a warm start for a neighbouring problem.</summary>
    public double[] Parameters()
    {
        var p = new double[Weights.Data.Length + Intercepts.Length];
        Weights.Data.CopyTo(p, 0);
        Intercepts.CopyTo(p, Weights.Data.Length);
        return p;
    }

    /// <summary>Class probabilities (N×C) of the rows of <paramref name="x"/>.</summary>
    public Matrix PredictProbabilities(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var z = Linalg.Multiply(x, Weights);
        for (int i = 0; i < z.Rows; i++)
        {
            var row = z.Row(i);
            for (int k = 0; k < row.Length; k++)
            {
                row[k] += Intercepts[k];
            }

            SoftmaxInPlace(row);
        }

        return z;
    }

    /// <summary>Accuracy (argmax, ties to the lowest class index as NumPy's argmax) and mean cross-entropy in nats of probabilities against labels.</summary>
    public static (double Accuracy, double CrossEntropy) Evaluate(Matrix probabilities, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        int correct = 0;
        double ce = 0;
        for (int i = 0; i < probabilities.Rows; i++)
        {
            var p = probabilities.Row(i);
            int arg = 0;
            for (int k = 1; k < p.Length; k++)
            {
                if (p[k] > p[arg])
                {
                    arg = k;
                }
            }

            correct += arg == labels[i] ? 1 : 0;

            // p ≥ the smallest normal double keeps log finite; a probability that underflowed to 0 costs 708 nats.
            ce -= Math.Log(Math.Max(p[labels[i]], 2.2250738585072014e-308));
        }

        int n = Math.Max(1, probabilities.Rows);
        return ((double)correct / n, ce / n);
    }

    /// <summary>Numerically stable softmax of one row, in place.</summary>
    public static void SoftmaxInPlace(Span<double> z)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (int k = 0; k < z.Length; k++)
        {
            z[k] = Math.Exp(z[k] - max);
            sum += z[k];
        }

        for (int k = 0; k < z.Length; k++)
        {
            z[k] /= sum;
        }
    }
}
