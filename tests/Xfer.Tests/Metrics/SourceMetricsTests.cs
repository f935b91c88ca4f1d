using Xfer.Core;
using Xfer.Metrics;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Metrics;

public class SourceMetricsTests
{
    [Fact]
    public void Leep_of_a_two_sample_case_worked_by_hand()
    {
        // θ₁ = (0.8, 0.2) with y₁ = 0; θ₂ = (0.4, 0.6) with y₂ = 1.
        // joint·N: z0 → (y0: 0.8, y1: 0.4), z1 → (y0: 0.2, y1: 0.6); P(y0|z0) = 2/3, P(y1|z0) = 1/3, P(y0|z1) = 1/4, P(y1|z1) = 3/4.
        // EEP₁ = 0.8·2/3 + 0.2·1/4 = 0.58333…; EEP₂ = 0.4·1/3 + 0.6·3/4 = 0.58333…
        var p = SourcePredictions.FromProbabilities(Matrix.FromRows([[0.8, 0.2], [0.4, 0.6]]));
        var y = ClassLabels.FromIndices([0, 1]);
        NumericAssert.Close(System.Math.Log(7.0 / 12.0), Leep.Score(p, y), 1e-15);
    }

    [Fact]
    public void Leep_ignores_a_source_class_that_never_gets_probability()
    {
        var p = SourcePredictions.FromProbabilities(Matrix.FromRows([[0.8, 0.2, 0], [0.4, 0.6, 0]]));
        var y = ClassLabels.FromIndices([0, 1]);
        NumericAssert.Close(System.Math.Log(7.0 / 12.0), Leep.Score(p, y), 1e-15);
    }

    [Fact]
    public void Nce_of_a_four_sample_case_worked_by_hand()
    {
        // argmax z = (0, 0, 1, 1); y = (0, 1, 1, 1). z0: y split 1/1 → H = log 2; z1: pure → H = 0. NCE = −½·log 2.
        var p = SourcePredictions.FromProbabilities(Matrix.FromRows([[0.9, 0.1], [0.6, 0.4], [0.3, 0.7], [0.2, 0.8]]));
        var y = ClassLabels.FromIndices([0, 1, 1, 1]);
        NumericAssert.Close(-0.5 * System.Math.Log(2), Nce.Score(p, y), 1e-15);
    }

    [Fact]
    public void Nce_is_zero_when_the_source_prediction_determines_the_label()
    {
        var p = SourcePredictions.FromProbabilities(Matrix.FromRows([[0.9, 0.1, 0], [0.1, 0.1, 0.8], [0.7, 0.3, 0]]));
        var y = ClassLabels.FromIndices([1, 0, 1]);
        Assert.Equal(0.0, Nce.Score(p, y));
    }

    [Fact]
    public void Logits_are_softmaxed_stably()
    {
        // A naive exp(1000) overflows; the max shift keeps it finite. Tolerance 1e-12: the logit 1000 + log 3 is itself
        // stored with an absolute error of ~1e-13 (double spacing at 1000).
        var p = SourcePredictions.FromLogits(Matrix.FromRows([[1000, 1000 + System.Math.Log(3)]]));
        NumericAssert.Close(0.25, p.Probabilities[0, 0], 1e-12);
        NumericAssert.Close(0.75, p.Probabilities[0, 1], 1e-12);
    }

    [Fact]
    public void Probabilities_that_do_not_sum_to_one_are_rejected_with_the_row()
    {
        var e = Assert.Throws<Xfer.Core.Errors.XferException>(() => SourcePredictions.FromProbabilities(Matrix.FromRows([[0.5, 0.5], [0.5, 0.7]]), "p.npy"));
        Assert.Equal("p.npy: row 1 sums to 1.2, not 1 (tolerance 0.001). Pass logits with --source-logits, or normalise the rows.", e.Message);
    }
}
