using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.OptimalTransport;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>
/// Evaluates the bound and the transformed classifier on the test splits, as the official script's final block
/// (l.384–429) with the helpers <c>compute_WD_same_label_sets</c>, <c>get_grad_norm_pytorch</c> and
/// <c>eval_accuracy_and_loss_cls_with_B_pytorch</c> (large_scale/ResNet18/utils.py).
/// </summary>
public static class BoundEvaluator
{
    /// <summary>The transformed classifier h‴ = B·softmax(h_S(·)) on inputs already mapped back by Ā(· − b).</summary>
    /// <returns>Per row: q (C_T probabilities) in <paramref name="q"/> and p (C_S source probabilities) in <paramref name="p"/>.</returns>
    internal static void TransformedProbabilities(LinearHead head, Matrix labelMap, Matrix inputs, Matrix p, Matrix q)
    {
        head.Logits(inputs, p);
        for (int i = 0; i < p.Rows; i++)
        {
            var row = p.Row(i);
            Softmax.Into(row, row);
        }

        Linalg.MultiplyInto(p, labelMap, q, transposeB: true);
    }

    /// <summary>Ā(Z − 1bᵀ)ᵀ as rows: (Z − 1bᵀ)·Āᵀ.</summary>
    internal static Matrix MapBack(TransferTransforms theta, Matrix z)
    {
        var centred = z.Clone();
        for (int i = 0; i < z.Rows; i++)
        {
            var row = centred.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] -= theta.Shift[j];
            }
        }

        var r = new Matrix(z.Rows, z.Columns);
        Linalg.MultiplyInto(centred, theta.ABar, r, transposeB: true);
        return r;
    }

    /// <summary>A·x + b for each row.</summary>
    internal static Matrix Forward(TransferTransforms theta, Matrix x)
    {
        var r = new Matrix(x.Rows, x.Columns);
        Linalg.MultiplyInto(x, theta.A, r, transposeB: true);
        for (int i = 0; i < r.Rows; i++)
        {
            var row = r.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] += theta.Shift[j];
            }
        }

        return r;
    }

    /// <summary>Accuracy and mean CE of h‴ on target features (standardised) with hard labels.</summary>
    public static (double Accuracy, double Loss) TargetAccuracy(LinearHead head, TransferTransforms theta, Matrix targetFeatures, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(targetFeatures);
        ArgumentNullException.ThrowIfNull(labels);
        var inputs = MapBack(theta, targetFeatures);
        var p = new Matrix(inputs.Rows, head.Classes);
        var q = new Matrix(inputs.Rows, theta.TargetClasses);
        TransformedProbabilities(head, theta.LabelMap(), inputs, p, q);
        int correct = 0;
        double loss = 0;
        for (int i = 0; i < q.Rows; i++)
        {
            var row = q.Row(i);
            correct += Softmax.ArgMax(row) == labels[i] ? 1 : 0;
            loss -= Math.Log(row[labels[i]]);
        }

        return ((double)correct / q.Rows, loss / q.Rows);
    }

    /// <summary>Result of <see cref="Evaluate"/>.</summary>
    internal sealed record Evaluation(BoundTerms Terms, IReadOnlyList<ClassWasserstein> Classes, double TargetAccuracy, double TargetLoss, double TransformedSourceLoss, List<string> Warnings);

    /// <summary>The bound terms, per-class W₁ and the transformed classifier's scores on the test splits.</summary>
    internal static Evaluation Evaluate(LinearHead head, TransferTransforms theta, Matrix sourceTest, int[] sourceTestLabels,
        Matrix targetTest, int[] targetTestLabels, double[] sourcePrior, double[] sourceClassLossTest, TaskTransferOptions options, SeededRandom rng)
    {
        var warnings = new List<string>();
        var bMap = theta.LabelMap();
        var prior = theta.Prior();
        int cs = theta.SourceClasses, ct = theta.TargetClasses;

        // L_w on the source test split (official l.402): (1/N_test) Σ_c (D_c/π_c) ℓ_c^test, with π from the train split.
        double weighted = 0;
        for (int c = 0; c < cs; c++)
        {
            weighted += prior[c] / sourcePrior[c] * sourceClassLossTest[c];
        }

        weighted /= sourceTest.Rows;

        // H(B, D) (official l.391).
        var logB = theta.LogLabelMap();
        double entropy = 0;
        for (int c = 0; c < cs; c++)
        {
            double h = 0;
            for (int k = 0; k < ct; k++)
            {
                h -= bMap[k, c] * logB[k, c];
            }

            entropy += prior[c] * h;
        }

        // Class-conditional W₁ (compute_WD_same_label_sets): transformed source test sample i gets label argmax_k B_{k,c_i}.
        var transformedSource = Forward(theta, sourceTest);
        var mappedClass = new int[cs];
        for (int c = 0; c < cs; c++)
        {
            int best = 0;
            for (int k = 1; k < ct; k++)
            {
                if (bMap[k, c] > bMap[best, c])
                {
                    best = k;
                }
            }

            mappedClass[c] = best;
        }

        var classes = new List<ClassWasserstein>();
        var exact = new ExactTransport();
        double sum = 0;
        int used = 0;
        var unmatchedTarget = new List<int>();
        var unmatchedSource = new List<int>();
        for (int k = 0; k < ct; k++)
        {
            var s = Enumerable.Range(0, sourceTest.Rows).Where(i => mappedClass[sourceTestLabels[i]] == k).ToArray();
            var t = Enumerable.Range(0, targetTest.Rows).Where(j => targetTestLabels[j] == k).ToArray();
            if (s.Length == 0 || t.Length == 0)
            {
                if (s.Length == 0 && t.Length > 0)
                {
                    unmatchedTarget.Add(k);
                }
                else if (s.Length > 0)
                {
                    unmatchedSource.Add(k);
                }

                classes.Add(new ClassWasserstein(k, s.Length, t.Length, double.NaN));
                continue;
            }

            s = Subsample(s, options.WassersteinMaxPerClass, rng);
            t = Subsample(t, options.WassersteinMaxPerClass, rng);
            var cost = PairwiseDistance.Euclidean(transformedSource.SelectRows(s), targetTest.SelectRows(t));
            var result = exact.SolveUniform(cost.Data, s.Length, t.Length);
            if (!result.Converged)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture, "The exact W₁ of target class {0} hit the pivot cap; its value is an upper estimate.", k));
            }

            classes.Add(new ClassWasserstein(k, s.Length, t.Length, result.Cost));
            sum += result.Cost;
            used++;
        }

        if (unmatchedTarget.Count > 0)
        {
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "{0} target class(es) receive no source class under the learned label map ({1}); they are left out of W₁, so the bound does not cover them (the official code returns W₁ = 1e10 or skips them).",
                unmatchedTarget.Count, string.Join(", ", unmatchedTarget)));
        }

        if (unmatchedSource.Count > 0)
        {
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "{0} mapped class(es) have no target test samples ({1}); they are left out of W₁.", unmatchedSource.Count, string.Join(", ", unmatchedSource)));
        }

        double wasserstein = used > 0 ? sum / used : double.NaN;
        if (used == 0)
        {
            warnings.Add("No class has both transformed source and target test samples, so W₁ and the bound are undefined.");
        }

        // τ̂ (get_grad_norm_pytorch): points Ā(x' − b) of the transformed source test set with random target labels,
        // and Ā(t − b) of the target test set with random and with true labels; max ‖∇_z −log(B softmax(h_S(z)))_y‖.
        var sourceInputs = MapBack(theta, transformedSource);
        var targetInputs = MapBack(theta, targetTest);
        var randomSource = new int[sourceInputs.Rows];
        var randomTarget = new int[targetInputs.Rows];
        for (int i = 0; i < randomSource.Length; i++)
        {
            randomSource[i] = rng.Next(ct);
        }

        for (int j = 0; j < randomTarget.Length; j++)
        {
            randomTarget[j] = rng.Next(ct);
        }

        var (tauSource, tauSourceT) = MaxGradientNorm(head, bMap, theta.ABar, sourceInputs, randomSource);
        var (tauRandom, tauRandomT) = MaxGradientNorm(head, bMap, theta.ABar, targetInputs, randomTarget);
        var (tauTrue, tauTrueT) = MaxGradientNorm(head, bMap, theta.ABar, targetInputs, targetTestLabels);
        double tau = Math.Max(tauSource, Math.Max(tauRandom, tauTrue));
        double tauTarget = Math.Max(tauSourceT, Math.Max(tauRandomT, tauTrueT));

        // h‴ on the target test split (hard labels) and on the transformed source test split (soft labels B·y).
        var pT = new Matrix(targetInputs.Rows, cs);
        var qT = new Matrix(targetInputs.Rows, ct);
        TransformedProbabilities(head, bMap, targetInputs, pT, qT);
        int correct = 0;
        double targetLoss = 0;
        for (int j = 0; j < qT.Rows; j++)
        {
            var row = qT.Row(j);
            correct += Softmax.ArgMax(row) == targetTestLabels[j] ? 1 : 0;
            targetLoss -= Math.Log(row[targetTestLabels[j]]);
        }

        var pS = new Matrix(sourceInputs.Rows, cs);
        var qS = new Matrix(sourceInputs.Rows, ct);
        TransformedProbabilities(head, bMap, sourceInputs, pS, qS);
        double sourceLoss = 0;
        for (int i = 0; i < qS.Rows; i++)
        {
            var row = qS.Row(i);
            int c = sourceTestLabels[i];
            for (int k = 0; k < ct; k++)
            {
                sourceLoss -= bMap[k, c] * Math.Log(row[k]);
            }
        }

        double bound = weighted + entropy + (tau * wasserstein);
        var terms = new BoundTerms(bound, weighted, entropy, wasserstein, tau, tauTarget);
        return new Evaluation(terms, classes, (double)correct / qT.Rows, targetLoss / qT.Rows, sourceLoss / qS.Rows, warnings);
    }

    /// <summary>
    /// max_i ‖∇_z −log q_y(z)‖ at the given inputs, where q = B·softmax(Wz + b); the gradient is Wᵀ(p − r) with
    /// r = p ∘ B_{y,:}/q_y. Also returns the same maximum for gradients mapped to the target space (·Ā).
    /// </summary>
    /// <param name="head">h_S (C_S×D).</param>
    /// <param name="labelMap">B (C_T×C_S).</param>
    /// <param name="aBar">Ā (D×D), for the target-space norm.</param>
    /// <param name="inputs">Points z (rows) in h_S's input space.</param>
    /// <param name="labels">Target class of each point.</param>
    public static (double InputSpace, double TargetSpace) MaxGradientNorm(LinearHead head, Matrix labelMap, Matrix aBar, Matrix inputs, int[] labels)
    {
        int n = inputs.Rows, cs = head.Classes, ct = labelMap.Rows;
        var p = new Matrix(n, cs);
        var q = new Matrix(n, ct);
        TransformedProbabilities(head, labelMap, inputs, p, q);
        var delta = new Matrix(n, cs);
        for (int i = 0; i < n; i++)
        {
            var pi = p.Row(i);
            var di = delta.Row(i);
            int y = labels[i];
            double qy = q[i, y];
            for (int c = 0; c < cs; c++)
            {
                di[c] = pi[c] - (pi[c] * labelMap[y, c] / qy);
            }
        }

        var g = new Matrix(n, head.Dimension);
        Linalg.MultiplyInto(delta, head.Weights, g);
        var gt = new Matrix(n, head.Dimension);
        Linalg.MultiplyInto(g, aBar, gt);
        double max = 0, maxT = 0;
        for (int i = 0; i < n; i++)
        {
            max = Math.Max(max, Norm(g.Row(i)));
            maxT = Math.Max(maxT, Norm(gt.Row(i)));
        }

        return (max, maxT);
    }

    private static double Norm(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (double v in x)
        {
            s += v * v;
        }

        return Math.Sqrt(s);
    }

    private static int[] Subsample(int[] indices, int max, SeededRandom rng)
    {
        if (max <= 0 || indices.Length <= max)
        {
            return indices;
        }

        var copy = (int[])indices.Clone();
        rng.Shuffle(copy.AsSpan());
        var r = copy.Take(max).ToArray();
        Array.Sort(r);
        return r;
    }
}
