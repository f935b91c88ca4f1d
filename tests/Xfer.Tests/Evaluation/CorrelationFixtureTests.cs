using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Xfer.Evaluation.Correlation;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Evaluation;

/// <summary>
/// Agreement with SciPy 1.10.1 (pearsonr, spearmanr, kendalltau, weightedtau; all defaults) on 346 vector pairs, 150 of
/// them with heavy ties and 40 of length 20–120 with a large offset. Fixture and generator:
/// Fixtures/Evaluation/correlations.txt, make_correlation_fixtures.py. Tolerance 1e-12 absolute.
/// </summary>
public class CorrelationFixtureTests
{
    internal static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Evaluation", name);

    internal static double[] Vector(string field)
        => field.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    internal static double Value(string field) => field == "nan" ? double.NaN : double.Parse(field, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_measure_matches_SciPy_to_1e_12()
    {
        var lines = File.ReadAllLines(FixturePath("correlations.txt"));
        Assert.True(lines.Length > 300, "fixture should hold the generated cases");
        int nanCases = 0;
        for (int c = 0; c < lines.Length; c++)
        {
            var f = lines[c].Split('|');
            var x = Vector(f[0]);
            var y = Vector(f[1]);
            Check(Value(f[2]), PearsonCorrelation.Compute(x, y), c, "pearson");
            Check(Value(f[3]), SpearmanCorrelation.Compute(x, y), c, "spearman");
            Check(Value(f[4]), KendallTau.Compute(x, y), c, "kendall");
            Check(Value(f[5]), WeightedTau.Compute(x, y), c, "weightedtau");
            nanCases += double.IsNaN(Value(f[5])) ? 1 : 0;
        }

        Assert.True(nanCases > 5, "the fixture should exercise the undefined (all-ties) cases");
    }

    private static void Check(double expected, double actual, int line, string what)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"line {line + 1} {what}: SciPy gives NaN, we give {actual}");
            return;
        }

        NumericAssert.Close(expected, actual, 0, 1e-12, $"line {line + 1} {what}");
    }
}
