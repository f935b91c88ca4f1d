using System;
using Xfer.Analysis.TaskTransfer;
using Xfer.Core;
using Xfer.Numerics.OptimalTransport;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Analysis;

/// <summary>Every analytic gradient of TTA against central finite differences (h = 1e-6).</summary>
public class GradientCheckTests
{
    private const double Step = 1e-6;

    [Theory]
    [InlineData(false, 10.0)]
    [InlineData(true, 10.0)]
    [InlineData(false, 1e6)]
    public void Transfer_objective_gradient_matches_finite_differences(bool densePlan, double labelWeight)
    {
        const int d = 3, cs = 3, ct = 2, n = 5, m = 4;
        var rng = new SeededRandom(7);
        var options = new TaskTransferOptions { LabelCostWeight = labelWeight, LambdaWasserstein = 2, LambdaPriorMatching = 1.5, LambdaInvertibility = 0.7 };
        double[] sourcePrior = [0.5, 0.3, 0.2];
        double[] targetPrior = [0.6, 0.4];
        double[] classLoss = [3.0, 1.2, 0.7];
        var theta = new TransferTransforms(d, cs, ct, sourcePrior, PriorInitialisation.LogPrior, rng);
        for (int k = 0; k < d * d; k++)
        {
            theta.A.Data[k] += 0.3 * rng.NextGaussian();
            theta.ABar.Data[k] += 0.3 * rng.NextGaussian();
        }

        for (int k = 0; k < d; k++)
        {
            theta.Shift[k] = rng.NextGaussian();
        }

        for (int k = 0; k < cs; k++)
        {
            theta.PriorLogits[k] += 0.5 * rng.NextGaussian();
        }

        var x = TestData.Gaussian(n, d, 11);
        var t = TestData.Gaussian(m, d, 12);
        int[] sc = [0, 1, 2, 0, 1];
        int[] tc = [0, 1, 1, 0];
        TransportPlan plan;
        if (densePlan)
        {
            var g = new Matrix(n, m);
            double s = 0;
            for (int k = 0; k < g.Data.Length; k++)
            {
                g.Data[k] = 0.1 + rng.NextDouble();
                s += g.Data[k];
            }

            for (int k = 0; k < g.Data.Length; k++)
            {
                g.Data[k] /= s;
            }

            plan = TransportPlan.FromDense(g);
        }
        else
        {
            plan = new TransportationSimplex().SolveUniform(PairwiseDistance.Euclidean(x, t).Data, n, m).Plan;
        }

        var objective = new TransferObjective(d, classLoss, sourcePrior, targetPrior, 40, options);
        var gradient = new TransferGradient(d, cs, ct);
        objective.TransformBatch(theta, x);
        var terms = objective.Evaluate(theta, x, sc, t, tc, plan, gradient);
        Assert.True(terms.Invertibility > 0 && terms.LabelTransport > 0 && terms.FeatureTransport > 0 && terms.PriorMatching > 0);

        double Loss()
        {
            objective.TransformBatch(theta, x);
            return objective.Evaluate(theta, x, sc, t, tc, plan, null).Total;
        }

        Check(theta.A.Data, gradient.A.Data, Loss, "A");
        Check(theta.ABar.Data, gradient.ABar.Data, Loss, "Ā");
        Check(theta.Shift, gradient.Shift, Loss, "b");
        Check(theta.LabelLogits.Data, gradient.LabelLogits.Data, Loss, "B̃");
        Check(theta.PriorLogits, gradient.PriorLogits, Loss, "d̃");
    }

    [Fact]
    public void Objective_terms_match_a_direct_evaluation()
    {
        // Hand evaluation of each term for a 2-class, 1-D case with a permutation plan.
        double[] sourcePrior = [0.5, 0.5];
        var theta = new TransferTransforms(1, 2, 2, sourcePrior, PriorInitialisation.LogPrior, new SeededRandom(1));
        theta.A[0, 0] = 2;
        theta.ABar[0, 0] = 0.4;
        theta.Shift[0] = 1;
        theta.LabelLogits[0, 0] = 2; // B column 0 = softmax(2, 0)
        theta.LabelLogits[1, 0] = 0;
        theta.LabelLogits[0, 1] = 0; // B column 1 = softmax(0, 1)
        theta.LabelLogits[1, 1] = 1;
        var x = Matrix.FromRows([[0.5], [-1.0]]);
        var t = Matrix.FromRows([[3.0], [0.0]]);
        int[] sc = [0, 1];
        int[] tc = [0, 1];
        var plan = TransportPlan.FromAssignment([0, 1]);
        var options = new TaskTransferOptions { LabelCostWeight = 10, LambdaWasserstein = 2, LambdaPriorMatching = 1, LambdaInvertibility = 1 };
        var objective = new TransferObjective(1, [4.0, 2.0], sourcePrior, [0.3, 0.7], 10, options);
        objective.TransformBatch(theta, x);
        var terms = objective.Evaluate(theta, x, sc, t, tc, plan, null);
        double b00 = Math.Exp(2) / (Math.Exp(2) + 1), b10 = 1 - b00, b01 = 1 / (1 + Math.E), b11 = 1 - b01;
        double feature = (0.5 * Math.Pow((2 * 0.5) + 1 - 3, 2)) + (0.5 * Math.Pow((2 * -1.0) + 1 - 0, 2));
        double label = (0.5 * (Math.Pow(b00 - 1, 2) + Math.Pow(b10, 2))) + (0.5 * (Math.Pow(b01, 2) + Math.Pow(b11 - 1, 2)));
        double h = -0.5 * ((b00 * Math.Log(b00)) + (b10 * Math.Log(b10)) + (b01 * Math.Log(b01)) + (b11 * Math.Log(b11)));
        double lw = (0.5 / 0.5 * 4 / 10) + (0.5 / 0.5 * 2 / 10);
        double pm = Math.Pow(0.3 - (0.5 * (b00 + b01)), 2) + Math.Pow(0.7 - (0.5 * (b10 + b11)), 2);
        double ic = 2 * Math.Pow((2 * 0.4) - 1, 2);
        NumericAssert.Close(feature, terms.FeatureTransport, 1e-14);
        NumericAssert.Close(label, terms.LabelTransport, 1e-14);
        NumericAssert.Close(h, terms.Entropy, 1e-14);
        NumericAssert.Close(lw, terms.WeightedSourceLoss, 1e-14);
        NumericAssert.Close(pm, terms.PriorMatching, 1e-13);
        NumericAssert.Close(ic, terms.Invertibility, 1e-14);
        NumericAssert.Close(h + lw + (2 * (feature + (10 * label))) + pm + ic, terms.Total, 1e-14);
    }

    [Fact]
    public void Gradient_penalty_loss_gradient_matches_finite_differences()
    {
        const int n = 6, c = 3, d = 4;
        var rng = new SeededRandom(3);
        var head = LinearHead.PyTorchDefault(c, d, rng);
        for (int k = 0; k < head.Weights.Data.Length; k++)
        {
            head.Weights.Data[k] *= 3; // input-gradient norms around 1, well above τ = 0.3 for most rows
        }

        var z = TestData.Gaussian(n, d, 5);
        int[] y = [0, 1, 2, 1, 0, 2];
        int[] yr = [2, 2, 0, 1, 1, 0];
        var loss = new GradientPenaltyLoss(n, c, d);
        var gw = new Matrix(c, d);
        var gb = new double[c];
        loss.Evaluate(head, z, y, yr, 0.3, 2.0, gw, gb);
        Assert.True(loss.PenaltyTrue > 0 && loss.PenaltyRandom > 0);
        double Loss() => loss.Evaluate(head, z, y, yr, 0.3, 2.0, null, null);
        Check(head.Weights.Data, gw.Data, Loss, "W");
        Check(head.Bias, gb, Loss, "b");
    }

    [Fact]
    public void Lipschitz_gradient_matches_finite_differences_of_the_transformed_loss()
    {
        // ∇_z −log(B softmax(Wz + b))_y: compare the norm from BoundEvaluator with a finite-difference gradient.
        const int c = 3, d = 4;
        var rng = new SeededRandom(9);
        var head = LinearHead.PyTorchDefault(c, d, rng);
        var labelMap = Matrix.FromRows([[0.7, 0.2, 0.5], [0.3, 0.8, 0.5]]);
        var z = TestData.Gaussian(1, d, 4);
        var (norm, _) = BoundEvaluator.MaxGradientNorm(head, labelMap, Matrix.Identity(d), z, [1]);
        double F(double[] point)
        {
            var logits = head.Logits(new Matrix(1, d, point));
            var p = new double[c];
            double lse = Math.Log(Math.Exp(logits[0, 0]) + Math.Exp(logits[0, 1]) + Math.Exp(logits[0, 2]));
            for (int k = 0; k < c; k++)
            {
                p[k] = Math.Exp(logits[0, k] - lse);
            }

            return -Math.Log((labelMap[1, 0] * p[0]) + (labelMap[1, 1] * p[1]) + (labelMap[1, 2] * p[2]));
        }

        double s = 0;
        for (int k = 0; k < d; k++)
        {
            var plus = (double[])z.Data.Clone();
            var minus = (double[])z.Data.Clone();
            plus[k] += Step;
            minus[k] -= Step;
            double g = (F(plus) - F(minus)) / (2 * Step);
            s += g * g;
        }

        NumericAssert.Close(Math.Sqrt(s), norm, 1e-7);
    }

    private static void Check(double[] parameters, double[] analytic, Func<double> loss, string name)
    {
        // Central differences lose about ε·|L|/h to rounding (2e-4 when L ≈ 1e6 with Λ = 1e6); allow ten times that.
        double rounding = 10 * 2.220446049250313e-16 * Math.Abs(loss()) / Step;
        double scale = 0;
        foreach (double g in analytic)
        {
            scale = Math.Max(scale, Math.Abs(g));
        }

        var copy = (double[])analytic.Clone();
        for (int k = 0; k < parameters.Length; k++)
        {
            double keep = parameters[k];
            parameters[k] = keep + Step;
            double up = loss();
            parameters[k] = keep - Step;
            double down = loss();
            parameters[k] = keep;
            double numeric = (up - down) / (2 * Step);
            NumericAssert.Close(numeric, copy[k], 1e-5, Math.Max(1e-6 * Math.Max(1, scale), rounding), $"{name}[{k}]");
        }
    }
}
