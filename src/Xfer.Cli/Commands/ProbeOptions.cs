using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.Evaluation.Probing;

namespace Xfer.Cli.Commands;

/// <summary>The ground-truth options shared by <c>xfer probe</c> and <c>xfer eval</c>.</summary>
internal sealed class ProbeOptions
{
    public Option<int> Folds { get; } = new("--folds") { Description = "Cross-validation folds for choosing l2 (default 5).", DefaultValueFactory = _ => 5 };

    public Option<double?> L2 { get; } = new("--l2") { Description = "Use this l2 (mean-loss scale; sklearn C = 1/(l2·N)) and skip the cross-validation." };

    public Option<string?> L2Grid { get; } = new("--l2-grid") { Description = "Comma-separated l2 grid for the cross-validation (default 1e-6,1e-5,...,1)." };

    public Option<string> SelectBy { get; } = new("--select-by") { Description = "CV criterion: accuracy (default) or cross-entropy.", DefaultValueFactory = _ => "accuracy" };

    public Option<bool> NoStandardize { get; } = new("--no-standardize") { Description = "Use the raw features (default: standardise with training statistics)." };

    public Option<string> Head { get; } = new("--fine-tune-head") { Description = "Ground-truth head: linear (default; multinomial logistic regression) or mlp (one hidden layer).", DefaultValueFactory = _ => "linear" };

    public Option<int> Hidden { get; } = new("--hidden") { Description = "MLP head: hidden units (default 256).", DefaultValueFactory = _ => 256 };

    public Option<int> Epochs { get; } = new("--epochs") { Description = "MLP head: epoch cap (default 200; early stopping on 10 % of the training rows).", DefaultValueFactory = _ => 200 };

    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = "MLP head: Adam step size (default 1e-3).", DefaultValueFactory = _ => 1e-3 };

    public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "MLP head: L2 penalty on the weights (default 0).", DefaultValueFactory = _ => 0.0 };

    public Option[] All => [Folds, L2, L2Grid, SelectBy, NoStandardize, Head, Hidden, Epochs, LearningRate, WeightDecay];

    public LinearProbeOptions Linear(ParseResult parse, int seed)
    {
        var options = new LinearProbeOptions
        {
            Folds = parse.GetValue(Folds),
            FixedL2 = parse.GetValue(L2),
            Standardize = !parse.GetValue(NoStandardize),
            Seed = seed,
            SelectBy = parse.GetValue(SelectBy)!.Trim().ToUpperInvariant() switch
            {
                "ACCURACY" => ProbeSelection.Accuracy,
                "CROSS-ENTROPY" or "CROSSENTROPY" or "CE" => ProbeSelection.CrossEntropy,
                var other => throw new XferException($"--select-by {other}: use accuracy or cross-entropy."),
            },
        };
        if (parse.GetValue(L2Grid) is string grid)
        {
            options = options with { L2Grid = grid.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => ParseL2(s, "--l2-grid")).ToArray() };
        }

        if (options.FixedL2 is double l2)
        {
            ParseL2(l2.ToString("R", CultureInfo.InvariantCulture), "--l2", allowZero: true);
        }
        else if (options.Folds < 2)
        {
            throw new XferException($"--folds {options.Folds}: cross-validation needs at least 2 folds; give --l2 to skip it.");
        }

        return options;
    }

    public MlpHeadOptions? Mlp(ParseResult parse, int seed)
    {
        string head = parse.GetValue(Head)!.Trim().ToUpperInvariant();
        if (head == "LINEAR")
        {
            return null;
        }

        if (head != "MLP")
        {
            throw new XferException($"--fine-tune-head {parse.GetValue(Head)}: use linear or mlp.");
        }

        var options = new MlpHeadOptions
        {
            HiddenUnits = parse.GetValue(Hidden),
            MaxEpochs = parse.GetValue(Epochs),
            LearningRate = parse.GetValue(LearningRate),
            WeightDecay = parse.GetValue(WeightDecay),
            Standardize = !parse.GetValue(NoStandardize),
            Seed = seed,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new XferException("--fine-tune-head mlp: " + e.Message);
        }

        return options;
    }

    private static double ParseL2(string text, string option, bool allowZero = false)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < 0 || (v == 0 && !allowZero))
        {
            throw new XferException($"{option}: '{text}' is not a {(allowZero ? "finite number ≥ 0" : "positive finite number")}.");
        }

        return v;
    }
}
