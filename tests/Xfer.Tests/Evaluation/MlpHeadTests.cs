using System.Linq;
using Xfer.Core;
using Xfer.Evaluation.Probing;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Evaluation;

public class MlpHeadTests
{
    [Fact]
    public void Backpropagation_matches_central_finite_differences()
    {
        var rng = new SeededRandom(3);
        var p = new MlpParameters(4, 5, 3);
        p.Initialise(rng);
        var x = TestData.Gaussian(6, 4, 21);
        int[] y = [0, 2, 1, 1, 0, 2];
        const double decay = 0.05;
        var g = new MlpParameters(4, 5, 3);
        MlpHead.LossAndGradient(p, x, y, decay, g);
        var scratch = new MlpParameters(4, 5, 3);
        var groups = new (double[] Value, double[] Grad, string Name)[]
        {
            (p.W1.Data, g.W1.Data, "W1"), (p.B1, g.B1, "b1"), (p.W2.Data, g.W2.Data, "W2"), (p.B2, g.B2, "b2"),
        };
        const double h = 1e-6;
        int checkedCount = 0;
        foreach (var (value, grad, name) in groups)
        {
            for (int i = 0; i < value.Length; i++)
            {
                double saved = value[i];
                value[i] = saved + h;
                double plus = MlpHead.LossAndGradient(p, x, y, decay, scratch);
                value[i] = saved - h;
                double minus = MlpHead.LossAndGradient(p, x, y, decay, scratch);
                value[i] = saved;
                NumericAssert.Close((plus - minus) / (2 * h), grad[i], 0, 1e-7, $"{name}[{i}]");
                checkedCount++;
            }
        }

        Assert.Equal((4 * 5) + 5 + (5 * 3) + 3, checkedCount);
    }

    [Fact]
    public void Learns_a_problem_a_linear_head_cannot_and_exposes_its_hidden_layer()
    {
        // XOR-like classes: label = sign(x₀)·sign(x₁) > 0. A linear probe stays near chance; the MLP learns it.
        var x = TestData.Gaussian(600, 2, 5);
        var y = Enumerable.Range(0, 600).Select(i => x[i, 0] * x[i, 1] > 0 ? 1 : 0).ToArray();
        var xt = TestData.Gaussian(300, 2, 6);
        var yt = Enumerable.Range(0, 300).Select(i => xt[i, 0] * xt[i, 1] > 0 ? 1 : 0).ToArray();
        var options = new MlpHeadOptions { HiddenUnits = 16, LearningRate = 1e-2, BatchSize = 32, MaxEpochs = 150, Seed = 1 };
        var mlp = MlpProbe.Run(x, ClassLabels.FromIndices(y), xt, yt, options);
        var linear = LinearProbe.Run(x, ClassLabels.FromIndices(y), xt, yt, new LinearProbeOptions { Folds = 3 });
        Assert.Equal("mlp", mlp.Head);
        Assert.True(mlp.Accuracy > 0.9, $"MLP accuracy {mlp.Accuracy}");
        Assert.True(linear.Accuracy < 0.7, $"linear accuracy {linear.Accuracy}");

        var head = MlpHead.Train(x, y, 2, options);
        var hidden = head.Hidden(xt);
        Assert.Equal(300, hidden.Rows);
        Assert.Equal(16, hidden.Columns);
        Assert.All(hidden.Data, v => Assert.True(v >= 0));
        Assert.True(head.Log.BestEpoch >= 1 && head.Log.BestEpoch <= head.Log.Epochs);
        Assert.Equal(60, head.Log.ValidationRows);
    }

    [Fact]
    public void Training_is_deterministic_given_the_seed_and_fixed_epochs_run_to_the_end()
    {
        var (x, y) = TestData.Clusters(90, 3, 3, 1.5, seed: 2);
        var options = new MlpHeadOptions { HiddenUnits = 8, MaxEpochs = 7, ValidationFraction = 0, Seed = 4 };
        var a = MlpHead.Train(x, y.ToArray(), 3, options);
        var b = MlpHead.Train(x, y.ToArray(), 3, options);
        Assert.Equal(a.W1.Data, b.W1.Data);
        Assert.Equal(a.B2, b.B2);
        Assert.Equal(7, a.Log.Epochs);
        Assert.True(a.Log.Completed);
        var c = MlpHead.Train(x, y.ToArray(), 3, options with { Seed = 5 });
        Assert.NotEqual(a.W1.Data, c.W1.Data);
    }
}
