using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.Evaluation.Correlation;

namespace Xfer.Cli.Commands;

/// <summary>The agreement options shared by <c>xfer correlate</c> and <c>xfer eval</c>.</summary>
internal sealed class AgreementCliOptions
{
    public Option<int> Bootstrap { get; } = new("--bootstrap") { Description = "Bootstrap resamples for the weighted-τ interval and the paired comparisons (default 1000; 0 turns them off).", DefaultValueFactory = _ => 1000 };

    public Option<double> Confidence { get; } = new("--confidence") { Description = "Coverage of the bootstrap intervals (default 0.95).", DefaultValueFactory = _ => 0.95 };

    public Option<string> TopK { get; } = new("--k") { Description = "Comma-separated k for recall@k, rel@k and best-in-top-k (default 1,3).", DefaultValueFactory = _ => "1,3" };

    public Option[] All => [Bootstrap, Confidence, TopK];

    public RankAgreementOptions Build(ParseResult parse, int seed)
    {
        int b = parse.GetValue(Bootstrap);
        double confidence = parse.GetValue(Confidence);
        if (b < 0)
        {
            throw new XferException($"--bootstrap {b}: give a number of resamples ≥ 0 (0 turns the bootstrap off).");
        }

        if (!(confidence > 0 && confidence < 1))
        {
            throw new XferException($"--confidence {confidence.ToString(CultureInfo.InvariantCulture)}: must lie strictly between 0 and 1, e.g. 0.95.");
        }

        var ks = parse.GetValue(TopK)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) && k >= 1
                ? k
                : throw new XferException($"--k: '{s}' is not a positive integer.")).Distinct().Order().ToArray();
        if (ks.Length == 0)
        {
            throw new XferException("--k is empty; give e.g. 1,3.");
        }

        return new RankAgreementOptions(ks, b == 0 ? null : new BootstrapOptions(b, confidence, seed));
    }
}
