using System.IO;
using Xfer.Evaluation.Correlation;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Evaluation;

public class SelectionMeasuresTests
{
    // Candidates a..e; the metric ranks them c > a > b > e > d, the truth ranks them a > b > c > d > e.
    private static readonly double[] Scores = [0.8, 0.5, 0.9, 0.1, 0.3];
    private static readonly double[] Truth = [90, 85, 80, 70, 60];

    [Fact]
    public void Hand_computed_without_ties()
    {
        NumericAssert.Close(80.0 / 90.0, SelectionMeasures.TopOneRelativeAccuracy(Scores, Truth), 1e-15);
        NumericAssert.Close(10.0, SelectionMeasures.Regret(Scores, Truth), 1e-15);
        Assert.Equal(0.0, SelectionMeasures.RecallAtK(Scores, Truth, 1));   // c is 3rd by truth
        Assert.Equal(0.0, SelectionMeasures.RecallAtK(Scores, Truth, 2));
        Assert.Equal(1.0, SelectionMeasures.RecallAtK(Scores, Truth, 3));
        Assert.Equal(1.0, SelectionMeasures.RelativeAtK(Scores, Truth, 2)); // top-2 by score {c, a} contains a
        Assert.Equal(0.0, SelectionMeasures.BestInTopK(Scores, Truth, 1));
        Assert.Equal(1.0, SelectionMeasures.BestInTopK(Scores, Truth, 2));
        Assert.Equal(1.0, SelectionMeasures.BestInTopK(Scores, Truth, 99)); // k clamped to n
    }

    [Fact]
    public void Ties_in_the_top_score_average_over_the_tied_candidates()
    {
        // a and c tie on top: a random pick gets 90 or 80 ⇒ expected 85; regret 5; recall@1 = P(pick a) = 1/2.
        double[] scores = [0.9, 0.5, 0.9, 0.1, 0.3];
        NumericAssert.Close(85.0 / 90.0, SelectionMeasures.TopOneRelativeAccuracy(scores, Truth), 1e-15);
        NumericAssert.Close(5.0, SelectionMeasures.Regret(scores, Truth), 1e-15);
        NumericAssert.Close(0.5, SelectionMeasures.RecallAtK(scores, Truth, 1), 1e-15);
        NumericAssert.Close(0.5, SelectionMeasures.BestInTopK(scores, Truth, 1), 1e-15);
        NumericAssert.Close(1.0, SelectionMeasures.BestInTopK(scores, Truth, 2), 1e-15);

        // Three-way tie at the boundary of the top-2: c above, {a, b, d} tied; one of three drawn.
        // E[max truth] = (90 + 85 + 80)/3 (max with c's 80); P(a drawn) = 1/3.
        double[] boundary = [0.5, 0.5, 0.9, 0.5, 0.1];
        NumericAssert.Close((90.0 + 85.0 + 80.0) / 3.0 / 90.0, SelectionMeasures.RelativeAtK(boundary, Truth, 2), 1e-15);
        NumericAssert.Close(1.0 / 3.0, SelectionMeasures.BestInTopK(boundary, Truth, 2), 1e-15);
        // Top-3 draws two of the three: P(a among them) = 1 − C(2,2)/C(3,2) = 2/3; E[max] = 90·2/3 + 85·1/3.
        NumericAssert.Close(2.0 / 3.0, SelectionMeasures.BestInTopK(boundary, Truth, 3), 1e-15);
        NumericAssert.Close(((90.0 * 2.0 / 3.0) + (85.0 / 3.0)) / 90.0, SelectionMeasures.RelativeAtK(boundary, Truth, 3), 1e-15);
    }

    [Fact]
    public void Ties_in_truth_count_every_best_candidate()
    {
        double[] truth = [90, 90, 80];
        double[] scores = [0.1, 0.5, 0.9];
        Assert.Equal(0.0, SelectionMeasures.RecallAtK(scores, truth, 2)); // two candidates are strictly better than the pick
        Assert.Equal(1.0, SelectionMeasures.RecallAtK(scores, truth, 3));
        Assert.Equal(1.0, SelectionMeasures.BestInTopK(scores, truth, 2)); // candidate 1 ties for best
    }

    [Fact]
    public void Relative_measures_need_a_positive_best_truth()
    {
        Assert.True(double.IsNaN(SelectionMeasures.TopOneRelativeAccuracy([1.0, 2.0], [-1.0, -2.0])));
        NumericAssert.Close(1.0, SelectionMeasures.Regret([1.0, 2.0], [-1.0, -2.0]), 1e-15);
    }

    [Fact]
    public void Tie_expectations_match_brute_force_enumeration_of_every_tie_break()
    {
        // selection.txt: the papers' definitions averaged over every order of tied scores (make_correlation_fixtures.py --selection).
        var lines = File.ReadAllLines(CorrelationFixtureTests.FixturePath("selection.txt"));
        Assert.Equal(120, lines.Length);
        foreach (var line in lines)
        {
            var f = line.Split('|');
            var s = CorrelationFixtureTests.Vector(f[0]);
            var t = CorrelationFixtureTests.Vector(f[1]);
            int k = int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture);
            NumericAssert.Close(CorrelationFixtureTests.Value(f[3]), SelectionMeasures.TopOneRelativeAccuracy(s, t), 0, 1e-12, line);
            NumericAssert.Close(CorrelationFixtureTests.Value(f[4]), SelectionMeasures.Regret(s, t), 0, 1e-12, line);
            NumericAssert.Close(CorrelationFixtureTests.Value(f[5]), SelectionMeasures.RecallAtK(s, t, k), 0, 1e-12, line);
            NumericAssert.Close(CorrelationFixtureTests.Value(f[6]), SelectionMeasures.RelativeAtK(s, t, k), 0, 1e-12, line);
            NumericAssert.Close(CorrelationFixtureTests.Value(f[7]), SelectionMeasures.BestInTopK(s, t, k), 0, 1e-12, line);
        }
    }
}
