using System.Collections.Generic;
using System.Text.Json;
using Xfer.Core;
using Xfer.Metrics;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Metrics;

/// <summary>
/// The foundation metrics against independent numpy/scipy implementations
/// (Fixtures/metrics/generate_basic_metrics.py → basic_metrics.json; see the script's docstring for how each differs).
/// </summary>
public class BasicMetricsReferenceTests
{
    public static IEnumerable<object[]> Cases()
    {
        using var doc = Fixtures.Json("metrics", "basic_metrics.json");
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            yield return [c.GetProperty("name").GetString()!];
        }
    }

    private static (Matrix F, ClassLabels Y, SourcePredictions P, JsonElement Expected) Load(string name)
    {
        var doc = Fixtures.Json("metrics", "basic_metrics.json");
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("name").GetString() == name)
            {
                return (Fixtures.ToMatrix(c.GetProperty("features")), Fixtures.ToLabels(c.GetProperty("labels")),
                    SourcePredictions.FromProbabilities(Fixtures.ToMatrix(c.GetProperty("probs"))), c.GetProperty("expected"));
            }
        }

        throw new KeyNotFoundException(name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TransRate_matches_numpy_slogdet_reference(string name)
    {
        var (f, y, _, e) = Load(name);
        // rtol 1e-9: Cholesky (or the Sylvester m×m form) vs numpy slogdet via LU on the D×D matrix.
        NumericAssert.Close(e.GetProperty("transrate_eps1e-4").GetDouble(), TransRate.Score(f, y).Score, 1e-9);
        NumericAssert.Close(e.GetProperty("transrate_eps1e-2").GetDouble(), TransRate.Score(f, y, new TransRateOptions(1e-2)).Score, 1e-9);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogMe_matches_the_dense_marginal_likelihood_maximised_by_scipy(string name)
    {
        var (f, y, _, e) = Load(name);
        var r = LogMe.Score(f, y);
        Assert.True(r.Converged);
        // rtol 1e-7 / atol 1e-9: the reference maximum is located by BFGS + Nelder–Mead on (log α, log β).
        NumericAssert.Close(e.GetProperty("logme").GetDouble(), r.Score, 1e-7, 1e-9);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Leep_and_Nce_match_the_tllib_style_reference(string name)
    {
        var (_, y, p, e) = Load(name);
        NumericAssert.Close(e.GetProperty("leep").GetDouble(), Leep.Score(p, y), 1e-12);
        NumericAssert.Close(e.GetProperty("nce").GetDouble(), Nce.Score(p, y), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HScore_matches_numpy_pinv_reference(string name)
    {
        var (f, y, _, e) = Load(name);
        var expected = e.GetProperty("hscore");
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return; // D ≥ N: the reference itself is dominated by rounding noise (pinv of a singular covariance).
        }

        NumericAssert.Close(expected.GetDouble(), HScore.Score(f, y).Score, 1e-9);
    }
}
