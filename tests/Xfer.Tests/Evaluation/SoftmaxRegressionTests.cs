using System;
using Xfer.Core;
using Xfer.Numerics.Classification;
using Xfer.Numerics.Optimization;
using Xfer.Numerics.Statistics;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Evaluation;

public class SoftmaxRegressionTests
{
    private static readonly LbfgsOptions Tight = new(GradientTolerance: 1e-10, MaxIterations: 20000);

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in LogisticFixture.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Matches_scikit_learn_LogisticRegression_multinomial_lbfgs(string name)
    {
        // Reference: scikit-learn 1.2.1 LogisticRegression(penalty='l2', C=1/(l2·N), multi_class='multinomial', solver='lbfgs'),
        // after StandardScaler when the fixture says so (make_logistic_fixtures.py).
        var f = LogisticFixture.Load(name);
        Matrix x = f.TrainX, xt = f.TestX;
        if (f.Standardize)
        {
            var s = FeatureStandardizer.Fit(x);
            x = s.Transform(x);
            xt = s.Transform(xt);
        }

        var model = SoftmaxRegression.Fit(x, f.TrainY, f.Classes, f.L2, Tight);
        Assert.True(model.Optimisation.Converged, $"{name}: {model.Optimisation.StopReason} at ‖∇J‖∞ = {model.Optimisation.GradientInfinityNorm}");
        NumericAssert.Close(f.Objective, model.Objective, 1e-9, 0, name + " objective (measured ≤ 2e-12)");
        Assert.True(model.Objective <= f.Objective * (1 + 1e-12), $"{name}: our optimum {model.Objective:R} should not be above sklearn's {f.Objective:R}");
        var (trainAcc, _) = SoftmaxRegression.Evaluate(model.PredictProbabilities(x), f.TrainY);
        var probs = model.PredictProbabilities(xt);
        var (testAcc, testCe) = SoftmaxRegression.Evaluate(probs, f.TestY);
        Assert.Equal(f.TrainAccuracy, trainAcc);
        Assert.Equal(f.TestAccuracy, testAcc);
        NumericAssert.Close(f.TestCrossEntropy, testCe, 1e-5, 0, name + " test cross-entropy");
        NumericAssert.Close(f.TestProbabilities, probs, 0, 1e-5, name + " test probabilities (measured ≤ 2.3e-6)");
    }

    [Fact]
    public void Reaches_the_optimum_found_by_an_independent_Newton_method()
    {
        // A tiny problem solved by damped Newton with the explicit Hessian (written out below, no shared code).
        var (x, y) = TestData.Clusters(30, 2, 3, 1.0, seed: 4);
        const double l2 = 0.05;
        var newton = NewtonSoftmax(x, y.ToArray(), 3, l2);
        var model = SoftmaxRegression.Fit(x, y.ToArray(), 3, l2, Tight);
        NumericAssert.Close(newton, model.Objective, 1e-9, 0, "objective at the optimum");
    }

    [Fact]
    public void Gradient_matches_central_finite_differences()
    {
        var (x, y) = TestData.Clusters(25, 4, 3, 1.0, seed: 8);
        var objective = new SoftmaxRegressionObjective(x, y.ToArray(), 3, 0.1);
        var rng = new SeededRandom(2);
        var theta = new double[objective.Dimension];
        for (int i = 0; i < theta.Length; i++)
        {
            theta[i] = rng.NextGaussian();
        }

        var g = new double[theta.Length];
        var scratch = new double[theta.Length];
        objective.Evaluate(theta, g);
        const double h = 1e-6;
        for (int i = 0; i < theta.Length; i++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (objective.Evaluate(plus, scratch) - objective.Evaluate(minus, scratch)) / (2 * h);
            NumericAssert.Close(fd, g[i], 0, 1e-8, $"∂J/∂θ[{i}]");
        }
    }

    [Fact]
    public void Unregularised_intercept_only_model_predicts_the_class_frequencies()
    {
        // With constant zero features only the intercept can fit: softmax(b) = class frequencies (hand-derived optimum),
        // J = entropy of the frequencies.
        var x = new Matrix(10, 1);
        int[] y = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2];
        var model = SoftmaxRegression.Fit(x, y, 3, 1.0, Tight);
        var p = model.PredictProbabilities(x);
        NumericAssert.Close(0.5, p[0, 0], 0, 1e-9);
        NumericAssert.Close(0.3, p[0, 1], 0, 1e-9);
        NumericAssert.Close(0.2, p[0, 2], 0, 1e-9);
        double entropy = -((0.5 * Math.Log(0.5)) + (0.3 * Math.Log(0.3)) + (0.2 * Math.Log(0.2)));
        NumericAssert.Close(entropy, model.Objective, 1e-12);
    }

    [Fact]
    public void Standardizer_matches_population_statistics_and_leaves_constant_columns_centred()
    {
        var x = Matrix.FromRows([[1.0, 5.0], [3.0, 5.0], [5.0, 5.0]]);
        var s = FeatureStandardizer.Fit(x);
        Assert.Equal([3.0, 5.0], s.Mean);
        NumericAssert.Close(Math.Sqrt(8.0 / 3.0), s.Scale[0], 1e-15);
        Assert.Equal(1.0, s.Scale[1]);
        var t = s.Transform(x);
        NumericAssert.Close(-Math.Sqrt(1.5), t[0, 0], 1e-15);
        Assert.Equal(0.0, t[2, 1]);
    }

    /// <summary>Damped Newton on J(W, b) with the full Hessian of the softmax cross-entropy, solved by Gaussian elimination.</summary>
    private static double NewtonSoftmax(Matrix x, int[] y, int c, double l2)
    {
        int n = x.Rows, d = x.Columns, pd = d + 1, p = pd * c; // per class: d weights then the intercept
        var theta = new double[p];
        double Value(double[] t)
        {
            double loss = 0, pen = 0;
            for (int i = 0; i < n; i++)
            {
                var z = Logits(t, i);
                double max = Math.Max(z[0], Math.Max(z[1], z[2]));
                double lse = max + Math.Log(Math.Exp(z[0] - max) + Math.Exp(z[1] - max) + Math.Exp(z[2] - max));
                loss += lse - z[y[i]];
            }

            for (int k = 0; k < c; k++)
            {
                for (int j = 0; j < d; j++)
                {
                    pen += t[(k * pd) + j] * t[(k * pd) + j];
                }
            }

            return (loss / n) + (0.5 * l2 * pen);
        }

        double[] Logits(double[] t, int i)
        {
            var z = new double[c];
            for (int k = 0; k < c; k++)
            {
                z[k] = t[(k * pd) + d];
                for (int j = 0; j < d; j++)
                {
                    z[k] += t[(k * pd) + j] * x[i, j];
                }
            }

            return z;
        }

        for (int iter = 0; iter < 100; iter++)
        {
            var grad = new double[p];
            var hess = new double[p, p];
            for (int i = 0; i < n; i++)
            {
                var z = Logits(theta, i);
                double max = Math.Max(z[0], Math.Max(z[1], z[2]));
                var prob = new double[c];
                double sum = 0;
                for (int k = 0; k < c; k++)
                {
                    prob[k] = Math.Exp(z[k] - max);
                    sum += prob[k];
                }

                var feat = new double[pd];
                for (int j = 0; j < d; j++)
                {
                    feat[j] = x[i, j];
                }

                feat[d] = 1;
                for (int k = 0; k < c; k++)
                {
                    prob[k] /= sum;
                }

                for (int k = 0; k < c; k++)
                {
                    double r = prob[k] - (y[i] == k ? 1 : 0);
                    for (int a = 0; a < pd; a++)
                    {
                        grad[(k * pd) + a] += r * feat[a] / n;
                    }

                    for (int l = 0; l < c; l++)
                    {
                        double h = prob[k] * ((k == l ? 1 : 0) - prob[l]) / n;
                        for (int a = 0; a < pd; a++)
                        {
                            for (int b = 0; b < pd; b++)
                            {
                                hess[(k * pd) + a, (l * pd) + b] += h * feat[a] * feat[b];
                            }
                        }
                    }
                }
            }

            for (int k = 0; k < c; k++)
            {
                for (int j = 0; j < d; j++)
                {
                    grad[(k * pd) + j] += l2 * theta[(k * pd) + j];
                    hess[(k * pd) + j, (k * pd) + j] += l2;
                }

                // The intercepts are only defined up to a common shift: a tiny ridge makes the Hessian invertible without moving J.
                hess[(k * pd) + d, (k * pd) + d] += 1e-12;
            }

            var step = Solve(hess, grad);
            double f0 = Value(theta), t = 1;
            double[] next;
            do
            {
                next = new double[p];
                for (int q = 0; q < p; q++)
                {
                    next[q] = theta[q] - (t * step[q]);
                }

                t /= 2;
            }
            while (Value(next) > f0 && t > 1e-10);
            theta = next;
        }

        return Value(theta);
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (int col = 0; col < n; col++)
        {
            int piv = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[piv, col]))
                {
                    piv = r;
                }
            }

            for (int k = 0; k < n; k++)
            {
                (m[col, k], m[piv, k]) = (m[piv, k], m[col, k]);
            }

            (v[col], v[piv]) = (v[piv], v[col]);
            for (int r = col + 1; r < n; r++)
            {
                double f = m[r, col] / m[col, col];
                for (int k = col; k < n; k++)
                {
                    m[r, k] -= f * m[col, k];
                }

                v[r] -= f * v[col];
            }
        }

        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = v[r];
            for (int k = r + 1; k < n; k++)
            {
                s -= m[r, k] * x[k];
            }

            x[r] = s / m[r, r];
        }

        return x;
    }
}
