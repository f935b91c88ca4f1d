using System;
using Xfer.Numerics.Optimization;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics;

public class AdamTests
{
    [Fact]
    public void First_step_moves_each_parameter_by_the_learning_rate_against_the_gradient_sign()
    {
        // Hand derivation: after one step m̂ = g, v̂ = g², so Δθ = −lr·g/(|g| + ε) ≈ −lr·sign(g).
        var adam = new Adam(3, learningRate: 0.1, epsilon: 1e-8);
        double[] theta = [1.0, -2.0, 0.5];
        adam.Step(theta, [4.0, -0.25, 1e-3]);
        NumericAssert.Close(1.0 - (0.1 * 4.0 / (4.0 + 1e-8)), theta[0], 1e-15);
        NumericAssert.Close(-2.0 + (0.1 * 0.25 / (0.25 + 1e-8)), theta[1], 1e-15);
        NumericAssert.Close(0.5 - (0.1 * 1e-3 / (1e-3 + 1e-8)), theta[2], 1e-15);
    }

    [Fact]
    public void Second_step_matches_the_bias_corrected_moments_computed_by_hand()
    {
        var adam = new Adam(1, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8);
        double[] theta = [0.0];
        adam.Step(theta, [2.0]);
        adam.Step(theta, [-1.0]);
        // m1 = 0.2, v1 = 0.004; m2 = 0.9·0.2 − 0.1 = 0.08, v2 = 0.999·0.004 + 0.001 = 0.004996.
        double step1 = 0.01 * (0.2 / 0.1) / (Math.Sqrt(0.004 / 0.001) + 1e-8);
        double m2hat = 0.08 / (1 - (0.9 * 0.9)), v2hat = 0.004996 / (1 - (0.999 * 0.999));
        double step2 = 0.01 * m2hat / (Math.Sqrt(v2hat) + 1e-8);
        NumericAssert.Close(-step1 - step2, theta[0], 1e-12);
    }

    [Fact]
    public void Minimises_a_quadratic()
    {
        var adam = new Adam(2, learningRate: 0.05);
        double[] x = [3.0, -4.0];
        for (int t = 0; t < 3000; t++)
        {
            adam.Step(x, [2 * (x[0] - 1), 20 * (x[1] + 2)]);
        }

        NumericAssert.Close(1.0, x[0], 0, 1e-3);
        NumericAssert.Close(-2.0, x[1], 0, 1e-3);
    }

    [Fact]
    public void Keras_placement_puts_epsilon_before_the_bias_correction()
    {
        // Hand derivation (TF ApplyAdam): θ ← θ − lr·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε); after one step m = (1−β₁)g, v = (1−β₂)g².
        var adam = new Adam(1, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-3, placement: AdamEpsilonPlacement.Keras);
        double[] theta = [0.0];
        adam.Step(theta, [2e-3]);
        double expected = -0.01 * Math.Sqrt(0.001) / 0.1 * (0.1 * 2e-3) / (Math.Sqrt(0.001 * 4e-6) + 1e-3);
        NumericAssert.Close(expected, theta[0], 1e-14);

        // The PyTorch placement differs visibly when ε is comparable to √v̂.
        var torch = new Adam(1, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-3);
        double[] other = [0.0];
        torch.Step(other, [2e-3]);
        NumericAssert.Close(-0.01 * 2e-3 / (2e-3 + 1e-3), other[0], 1e-14);
    }
}
