using System;
using System.Linq;
using Xfer.Analysis.Pge;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Analysis.Pge;

/// <summary>
/// PGE's gradients: explicit backpropagation against central finite differences of an independently written loss, the
/// frozen-layer accumulation against the eval helper's <c>MlpHead.LossAndGradient</c> (a different backprop), the mean of the
/// stored batch gradients against the expectation, and the singular-vector direction against LAPACK's SVD.
/// </summary>
public sealed class PgeGradientTests
{
    [Fact]
    public void Backpropagated_gradients_match_central_finite_differences()
    {
        const int n = 7, d = 4, h = 5, c = 3;
        var x = TestData.Gaussian(n, d, seed: 11);
        int[] y = [0, 2, 1, 1, 0, 2, 2];
        var probe = PgeProbeLayer.Create(d, h, seed: 3);
        var w2 = TestData.Gaussian(h, c, seed: 12);
        double[] b2 = [0.3, -0.2, 0.1];
        int[] rows = [4, 1, 6, 3, 0];
        var (pre, hidden) = probe.Forward(x);

        // Finite differences are only valid away from ReLU's kink: every pre-activation of the batch is at least 0.01 from 0.
        Assert.True(rows.SelectMany(r => Enumerable.Range(0, h).Select(j => Math.Abs(pre[r, j]))).Min() > 0.01);

        var gradW2 = new Matrix(h, c);
        var gradB2 = new double[c];
        double loss = PgeBackprop.HeadStep(pre, hidden, rows, y, w2, b2, gradW2, gradB2, out var dPre);
        var (gradW1, gradB1) = PgeBackprop.SharedGradient(x.SelectRows(rows), dPre);

        double Loss() => ReferenceLoss(x, y, rows, probe.W1, probe.B1, w2, b2);
        NumericAssert.Close(Loss(), loss, rtol: 1e-14);
        NumericAssert.Close(FiniteDifferences(probe.W1.Data, Loss), gradW1.Data, rtol: 1e-6, atol: 1e-9);
        NumericAssert.Close(FiniteDifferences(probe.B1, Loss), gradB1, rtol: 1e-6, atol: 1e-9);
        NumericAssert.Close(FiniteDifferences(w2.Data, Loss), gradW2.Data, rtol: 1e-6, atol: 1e-9);
        NumericAssert.Close(FiniteDifferences(b2, Loss), gradB2, rtol: 1e-6, atol: 1e-9);
    }

    [Fact]
    public void Frozen_layer_accumulation_equals_the_mlp_heads_backprop_when_nothing_moves()
    {
        // With a learning rate of 1e-300 Adam's steps (≈ lr in size) vanish below one ulp of every weight, so the head-only, the
        // full and the at-initialisation trajectories all take every gradient at the initial point. The full trajectory
        // backpropagates with MlpHead.LossAndGradient and sums per batch; the others use PgeBackprop and one final product.
        var (x, labels) = TestData.Clusters(53, 6, 3, separation: 1.5, seed: 5);
        var options = new PgeOptions { HiddenUnits = 5, Restarts = 3, StepsPerRestart = 4, BatchSize = 8, LearningRate = 1e-300, IncludeBiases = true };
        var init = PrincipalGradientExpectation.Compute(x, labels, options with { Trajectory = PgeTrajectory.AtInitialisation });
        var head = PrincipalGradientExpectation.Compute(x, labels, options);
        var full = PrincipalGradientExpectation.Compute(x, labels, options with { Trajectory = PgeTrajectory.Full });
        Assert.Equal(init.Vector, head.Vector); // same code path, nothing moved: bit for bit
        NumericAssert.Close(init.Vector, full.Vector, rtol: 1e-11, atol: 1e-14);
        NumericAssert.Close(init.UnitNorms, full.UnitNorms, rtol: 1e-11);
        NumericAssert.Close(init.MeanBatchLoss, full.MeanBatchLoss, rtol: 1e-13);
    }

    [Theory]
    [InlineData(PgeTrajectory.HeadOnly, PgeWeightUnit.Tensor, true)]
    [InlineData(PgeTrajectory.HeadOnly, PgeWeightUnit.Neuron, true)]
    [InlineData(PgeTrajectory.Full, PgeWeightUnit.Neuron, false)]
    [InlineData(PgeTrajectory.AtInitialisation, PgeWeightUnit.Tensor, false)]
    public void Expectation_is_the_mean_of_the_batch_gradients(PgeTrajectory trajectory, PgeWeightUnit units, bool biases)
    {
        var (x, labels) = TestData.Clusters(70, 5, 4, separation: 2, seed: 8);
        var options = new PgeOptions { HiddenUnits = 6, Restarts = 3, StepsPerRestart = 5, BatchSize = 16, Trajectory = trajectory, Units = units, IncludeBiases = biases };
        var (signature, batches) = PrincipalGradientExpectation.ComputeWithBatchGradients(x, labels, options);
        Assert.Equal(signature.UnitCount, batches.Length);
        for (int u = 0; u < batches.Length; u++)
        {
            Assert.Equal(15, batches[u].Rows);
            var mean = new double[batches[u].Columns];
            for (int t = 0; t < batches[u].Rows; t++)
            {
                var row = batches[u].Row(t);
                for (int i = 0; i < mean.Length; i++)
                {
                    mean[i] += row[i] / batches[u].Rows;
                }
            }

            var expected = signature.Unit(u).ToArray().Select(v => v * signature.UnitNorms[u]).ToArray();
            NumericAssert.Close(mean, expected, rtol: 1e-10, atol: 1e-15, because: "unit " + u);
        }
    }

    [Fact]
    public void Singular_vector_direction_is_lapacks_top_right_singular_vector_aligned_with_the_mean()
    {
        var (x, labels) = TestData.Clusters(60, 5, 3, separation: 1, seed: 9);
        var options = new PgeOptions { HiddenUnits = 4, Restarts = 4, StepsPerRestart = 6, BatchSize = 10, Units = PgeWeightUnit.Neuron, Direction = PgePrincipalDirection.TopSingularVector };
        var (signature, batches) = PrincipalGradientExpectation.ComputeWithBatchGradients(x, labels, options);
        for (int u = 0; u < batches.Length; u++)
        {
            var svd = Linalg.Svd(batches[u]);
            var v = Enumerable.Range(0, batches[u].Columns).Select(i => svd.VT![0, i]).ToArray();
            var mean = Enumerable.Range(0, v.Length).Select(i => Enumerable.Range(0, batches[u].Rows).Average(t => batches[u][t, i])).ToArray();
            if (v.Zip(mean, (a, b) => a * b).Sum() < 0)
            {
                v = v.Select(a => -a).ToArray();
            }

            NumericAssert.Close(v, signature.Unit(u).ToArray(), atol: 1e-8, because: "unit " + u);
        }

        // With a single batch gradient the top singular vector is that gradient, normalised: the two directions coincide.
        var one = options with { Restarts = 1, StepsPerRestart = 1 };
        NumericAssert.Close(PrincipalGradientExpectation.Compute(x, labels, one with { Direction = PgePrincipalDirection.Expectation }).Vector,
            PrincipalGradientExpectation.Compute(x, labels, one).Vector, atol: 1e-12);
    }

    /// <summary>Mean cross-entropy of the batch, written as plainly as possible (no shared code with PgeBackprop).</summary>
    private static double ReferenceLoss(Matrix x, int[] y, int[] rows, Matrix w1, double[] b1, Matrix w2, double[] b2)
    {
        double total = 0;
        foreach (int r in rows)
        {
            var hiddenValues = new double[w1.Columns];
            for (int j = 0; j < w1.Columns; j++)
            {
                double a = b1[j];
                for (int i = 0; i < w1.Rows; i++)
                {
                    a += x[r, i] * w1[i, j];
                }

                hiddenValues[j] = a > 0 ? a : 0;
            }

            var logits = new double[w2.Columns];
            for (int k = 0; k < logits.Length; k++)
            {
                logits[k] = b2[k];
                for (int j = 0; j < hiddenValues.Length; j++)
                {
                    logits[k] += hiddenValues[j] * w2[j, k];
                }
            }

            double logSumExp = Math.Log(logits.Sum(Math.Exp));
            total += logSumExp - logits[y[r]];
        }

        return total / rows.Length;
    }

    /// <summary>Central differences with step 1e-6 (truncation error O(h²) ≈ 1e-12, rounding ≈ 1e-16/1e-6 = 1e-10).</summary>
    private static double[] FiniteDifferences(double[] parameters, Func<double> loss)
    {
        const double step = 1e-6;
        var result = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            double saved = parameters[i];
            parameters[i] = saved + step;
            double up = loss();
            parameters[i] = saved - step;
            double down = loss();
            parameters[i] = saved;
            result[i] = (up - down) / (2 * step);
        }

        return result;
    }
}
