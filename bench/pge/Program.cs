using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xfer.Analysis.Pge;
using Xfer.Bench.Pge;
using Xfer.Core;
using Xfer.Evaluation.Correlation;
using Xfer.Evaluation.Probing;
using Xfer.IO.Datasets;
using Xfer.Metrics;
using Xfer.Numerics.LinearAlgebra;

// PGE source-selection experiment (docs/pge.md, "Does it work?"). For every (source, target): train a one-hidden-layer MLP head
// on the source, linear-probe its hidden layer on the target; that accuracy is the ground truth. Then score every source for
// every target with PGE (gap between the source's and the target's signatures on the shared 8×8 pixel space), TransRate and
// LogME (on the target's features under the source's hidden layer), and report each method's weighted τ against the ground
// truth, and PGE's stability over seeds and restarts.
//
//   dotnet run -c Release --project bench/pge [-- --samples 2000 --seeds 5 --truth-seeds 2 --out bench/pge/results]
var inv = CultureInfo.InvariantCulture;
int samples = Arg("--samples", 2000), seeds = Arg("--seeds", 5), truthSeeds = Arg("--truth-seeds", 2);
string outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine("bench", "pge", "results");
var clock = Stopwatch.StartNew();
var (sources, targets) = Tasks.Build(samples, seed: 0);
var mlpOptions = new MlpHeadOptions { HiddenUnits = 64, MaxEpochs = 100, Patience = 10 };
var probeOptions = new LinearProbeOptions { Folds = 3, L2Grid = [1e-4, 1e-2, 1.0] };

// Each target is split in half: the labelled part the user has (probe training, PGE/TransRate/LogME input) and a test part.
var targetSplits = targets.Select(t =>
{
    var (train, test) = DatasetSampling.StratifiedSplit(t.Labels, t.Classes, 0.5, seed: 17);
    return (Train: new PixelTask(t.Name, t.Features.SelectRows(train), train.Select(i => t.Labels[i]).ToArray(), t.Classes, t.Description),
            TestX: t.Features.SelectRows(test), TestY: test.Select(i => t.Labels[i]).ToArray());
}).ToList();

var report = new StringBuilder();
void Line(string s = "")
{
    report.AppendLine(s);
    Console.WriteLine(s);
}

Line(string.Format(inv, "# PGE source selection: {0} sources × {1} targets, ≤ {2} samples per task, linear algebra: {3}", sources.Count, targets.Count, samples, Linalg.Provider.Name));
Line();
Line("| task | classes | description |");
Line("| --- | ---: | --- |");
foreach (var t in sources.Concat(targetSplits.Select(s => s.Train)))
{
    Line(string.Format(inv, "| {0} | {1} | {2} |", t.Name, t.Classes, t.Description));
}

// ---- Ground truth: accuracy[g][source][target], and TransRate / LogME on the first ground-truth seed's hidden features.
int ns = sources.Count, nt = targets.Count;
var accuracy = new double[truthSeeds][,];
var transRate = new double[ns, nt];
var logMe = new double[ns, nt];
double transferSeconds = 0, metricSeconds = 0;
for (int g = 0; g < truthSeeds; g++)
{
    accuracy[g] = new double[ns, nt];
    for (int s = 0; s < ns; s++)
    {
        var src = sources[s];
        var watch = Stopwatch.StartNew();
        var head = MlpHead.Train(src.Features, src.Labels, src.Classes, mlpOptions with { Seed = g });
        for (int t = 0; t < nt; t++)
        {
            var (train, testX, testY) = targetSplits[t];
            var hTrain = head.Hidden(train.Features);
            accuracy[g][s, t] = LinearProbe.Run(hTrain, train.ClassLabels, head.Hidden(testX), testY, probeOptions with { Seed = g }).Accuracy;
            if (g == 0)
            {
                var m = Stopwatch.StartNew();
                transRate[s, t] = TransRate.Score(hTrain, train.ClassLabels).Score;
                logMe[s, t] = LogMe.Score(hTrain, train.ClassLabels).Score;
                metricSeconds += m.Elapsed.TotalSeconds;
            }
        }

        transferSeconds += watch.Elapsed.TotalSeconds;
        Console.Error.WriteLine(string.Format(inv, "[{0:F0} s] ground truth seed {1}: {2}", clock.Elapsed.TotalSeconds, g, src.Name));
    }
}

var meanAccuracy = new double[ns, nt];
for (int s = 0; s < ns; s++)
{
    for (int t = 0; t < nt; t++)
    {
        meanAccuracy[s, t] = Enumerable.Range(0, truthSeeds).Average(g => accuracy[g][s, t]);
    }
}

var rawAccuracy = targetSplits.Select(t => LinearProbe.Run(t.Train.Features, t.Train.ClassLabels, t.TestX, t.TestY, probeOptions).Accuracy).ToArray();

// ---- PGE: signatures per (variant, seed, task); gaps; weighted τ against the mean ground truth.
var variants = new List<(string Name, PgeOptions Options)>
{
    ("default (R=5)", new PgeOptions()),
    ("R=1", new PgeOptions { Restarts = 1 }),
    ("R=2", new PgeOptions { Restarts = 2 }),
    ("R=10", new PgeOptions { Restarts = 10 }),
    ("direction svd", new PgeOptions { Direction = PgePrincipalDirection.TopSingularVector }),
    ("units per neuron", new PgeOptions { Units = PgeWeightUnit.Neuron }),
    ("biases included", new PgeOptions { IncludeBiases = true }),
    ("trajectory init", new PgeOptions { Trajectory = PgeTrajectory.AtInitialisation }),
    ("trajectory full", new PgeOptions { Trajectory = PgeTrajectory.Full }),
    ("no standardisation", new PgeOptions { Standardize = false }),
    ("mean-unit distance, per neuron", new PgeOptions { Units = PgeWeightUnit.Neuron, Distance = PgeDistance.MeanUnitDistance }),
};

var pgeRows = new List<object>();
double signatureSeconds = 0;
int signatureCount = 0;
Line();
Line(string.Format(inv, "## Weighted τ against transfer accuracy (mean of {0} MLP seeds); PGE: mean ± std over {1} seeds", truthSeeds, seeds));
Line();
Line("| method | " + string.Join(" | ", targets.Select(t => t.Name)) + " | mean | ranking stability (Kendall τ between seeds) |");
Line("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", nt + 2)));
var gapsDefault = new double[seeds][,];
foreach (var (name, options) in variants)
{
    var tau = new double[seeds, nt];
    var gaps = new double[seeds][,];
    for (int k = 0; k < seeds; k++)
    {
        var o = options with { Seed = k };
        var w = Stopwatch.StartNew();
        var sourceSignatures = sources.Select(s => PrincipalGradientExpectation.Compute(s.Features, s.ClassLabels, o, s.Name)).ToList();
        var targetSignatures = targetSplits.Select(t => PrincipalGradientExpectation.Compute(t.Train.Features, t.Train.ClassLabels, o, t.Train.Name)).ToList();
        if (name.StartsWith("default", StringComparison.Ordinal))
        {
            signatureSeconds += w.Elapsed.TotalSeconds;
            signatureCount += ns + nt;
        }

        gaps[k] = new double[ns, nt];
        for (int t = 0; t < nt; t++)
        {
            for (int s = 0; s < ns; s++)
            {
                gaps[k][s, t] = PgeGap.Compute(sourceSignatures[s], targetSignatures[t], o.Distance);
            }

            tau[k, t] = WeightedTau.Compute(Column(gaps[k], t).Select(v => -v).ToArray(), Column(meanAccuracy, t));
        }
    }

    if (name.StartsWith("default", StringComparison.Ordinal))
    {
        gapsDefault = gaps;
    }

    var stability = Enumerable.Range(0, nt).Select(t => MeanPairwiseKendall(gaps, t)).ToArray();
    var perTarget = Enumerable.Range(0, nt).Select(t => Enumerable.Range(0, seeds).Select(k => tau[k, t]).ToArray()).ToArray();
    var perSeedMean = Enumerable.Range(0, seeds).Select(k => Enumerable.Range(0, nt).Average(t => tau[k, t])).ToArray();
    Line(string.Format(inv, "| PGE {0} | {1} | {2} | {3} |", name,
        string.Join(" | ", perTarget.Select(v => string.Format(inv, "{0:F3} ± {1:F3}", v.Average(), Std(v)))),
        string.Format(inv, "{0:F3} ± {1:F3}", perSeedMean.Average(), Std(perSeedMean)),
        string.Join(" / ", stability.Select(v => v.ToString("F3", inv)))));
    pgeRows.Add(new { variant = name, settings = (options with { Seed = 0 }).Describe(), tauBySeedAndTarget = ToJagged(tau), rankingKendallAcrossSeeds = stability });
}

var metricTau = new Dictionary<string, double[]>
{
    ["TransRate"] = Enumerable.Range(0, nt).Select(t => WeightedTau.Compute(Column(transRate, t), Column(meanAccuracy, t))).ToArray(),
    ["LogME"] = Enumerable.Range(0, nt).Select(t => WeightedTau.Compute(Column(logMe, t), Column(meanAccuracy, t))).ToArray(),
};
if (truthSeeds > 1)
{
    // How well one MLP seed's accuracies rank the sources for the mean of all seeds: a ceiling set by ground-truth noise.
    metricTau["ground truth seed 0 (noise ceiling)"] = Enumerable.Range(0, nt).Select(t => WeightedTau.Compute(Column(accuracy[0], t), Column(meanAccuracy, t))).ToArray();
}

foreach (var (name, values) in metricTau)
{
    Line(string.Format(inv, "| {0} | {1} | {2:F3} | deterministic given the features |", name, string.Join(" | ", values.Select(v => v.ToString("F3", inv))), values.Average()));
}

Line();
Line("## Transfer accuracy (ground truth, mean over MLP seeds) and PGE gap (default options, seed 0)");
Line();
Line("| source | " + string.Join(" | ", targets.Select(t => t.Name + " acc | gap")) + " |");
Line("| --- |" + string.Concat(Enumerable.Repeat(" ---: | ---: |", nt)));
for (int s = 0; s < ns; s++)
{
    Line(string.Format(inv, "| {0} | {1} |", sources[s].Name,
        string.Join(" | ", Enumerable.Range(0, nt).Select(t => string.Format(inv, "{0:F3} | {1:F4}", meanAccuracy[s, t], gapsDefault[0][s, t])))));
}

Line(string.Format(inv, "| (raw 8×8 pixels, no transfer) | {0} |", string.Join(" | ", rawAccuracy.Select(a => a.ToString("F3", inv) + " | "))));
Line();
Line(string.Format(inv, "Cost: one PGE signature (default options) {0:F3} s on average; one transfer (MLP head on the source + {1} linear probes) {2:F2} s; TransRate + LogME {3:F4} s per (source, target). Total {4:F0} s.",
    signatureSeconds / signatureCount, nt, transferSeconds / (ns * truthSeeds), metricSeconds / (ns * nt), clock.Elapsed.TotalSeconds));

Directory.CreateDirectory(outDir);
AtomicFile.WriteAllText(Path.Combine(outDir, "results.md"), report.ToString());
AtomicFile.WriteAllText(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(new
{
    sources = sources.Select(s => new { s.Name, s.Classes, s.Description }),
    targets = targetSplits.Select(t => new { t.Train.Name, t.Train.Classes, t.Train.Description, probeTrain = t.Train.Labels.Length, probeTest = t.TestY.Length }),
    mlp = mlpOptions.Describe(),
    probe = probeOptions.Describe(),
    accuracyBySeed = accuracy.Select(ToJagged),
    transRate = ToJagged(transRate),
    logMe = ToJagged(logMe),
    rawPixelAccuracy = rawAccuracy,
    pgeGapsDefaultBySeed = gapsDefault.Select(ToJagged),
    pge = pgeRows,
    metricTau,
    seconds = clock.Elapsed.TotalSeconds,
    linearAlgebra = Linalg.Provider.Name,
}, new JsonSerializerOptions { WriteIndented = true }));
Console.Error.WriteLine("wrote " + Path.Combine(outDir, "results.md") + " and results.json");
return 0;

int Arg(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], inv) : fallback;
}

static double[] Column(double[,] m, int t) => Enumerable.Range(0, m.GetLength(0)).Select(s => m[s, t]).ToArray();

static double[][] ToJagged(double[,] m) => Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray()).ToArray();

static double Std(double[] v) => PgeRanking.StandardDeviation(v);

static double MeanPairwiseKendall(double[][,] gaps, int t)
{
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < gaps.Length; a++)
    {
        for (int b = a + 1; b < gaps.Length; b++)
        {
            sum += KendallTau.Compute(Column(gaps[a], t), Column(gaps[b], t));
            pairs++;
        }
    }

    return pairs > 0 ? sum / pairs : double.NaN;
}
