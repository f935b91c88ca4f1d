using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Xfer.Analysis.Pge;
using Xfer.Analysis.TaskTransfer;
using Xfer.Core;
using Xfer.Reports.Model;

namespace Xfer.Cli.Demo;

/// <summary>The features of one demo target at the encoder layer shared by the task-level analyses.</summary>
/// <param name="Id">Target id (e.g. "fashion-mnist").</param>
/// <param name="Features">N×D features (one encoder, one layer, the same for every target).</param>
/// <param name="Labels">N labels.</param>
public sealed record DemoTaskData(string Id, Matrix Features, ClassLabels Labels);

/// <summary>
/// The demo's task-level analyses on one shared encoder layer: Task Transfer Analysis for source/target pairs
/// [Mehra2023TTA] and PGE ranking source tasks for each target [Qi2022PGE]. Each dataset is split in two seeded,
/// class-stratified halves: source tasks come from half A and targets from half B, so no sample is on both sides.
/// </summary>
public static class DemoAnalyses
{
    /// <summary>
    /// The encoder layer of the analyses: MobileNetV2's last residual block (7×7×160, average-pooled to 160 dimensions).
    /// TTA's per-epoch cost grows with D³ (the invertibility penalty) and PGE's with D × hidden units, so a compact
    /// backbone layer keeps both within the demo's time budget.
    /// </summary>
    public const string Model = "mobilenet-v2";

    /// <summary>Layer name of <see cref="Model"/> used by the analyses (must be among the demo's extracted layers).</summary>
    public const string Layer = "block_15_add";

    /// <summary>
    /// TTA settings of the demo: the official objective, learning rates and penalties, with fewer epochs and head
    /// iterations (official 2001 epochs, 10 001 + 5 001 SGD iterations, which take hours on two cores: docs/tta.md),
    /// equal batch sizes (assignment solver) and the label map started from the source head's predictions so the learned
    /// map reads as class pairings.
    /// </summary>
    public static TaskTransferOptions TtaOptions(int seed) => new()
    {
        Epochs = 300,
        BatchSize = 500,
        BatchSizing = BatchSizing.Equal,
        LabelMapInitialisation = LabelMapInitialisation.SourcePredictions,
        SourceHead = new HeadTrainingOptions { Iterations = 2001, BatchSize = 500 },
        Probe = new HeadTrainingOptions { Iterations = 2001, BatchSize = 500 },
        HistoryEvery = 50,
        Seed = seed,
    };

    /// <summary>Splits a task into two seeded, class-stratified halves (A, B).</summary>
    public static (DemoTaskData A, DemoTaskData B) Halves(DemoTaskData task, int seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        var rng = new SeededRandom(seed);
        var a = new List<int>();
        var b = new List<int>();
        foreach (var members in task.Labels.SamplesByClass())
        {
            var shuffled = (int[])members.Clone();
            rng.Shuffle(shuffled.AsSpan());
            int half = shuffled.Length / 2;
            a.AddRange(shuffled.Take(half));
            b.AddRange(shuffled.Skip(half));
        }

        a.Sort();
        b.Sort();
        return (Subset(task, task.Id + " (A)", a.ToArray(), null), Subset(task, task.Id + " (B)", b.ToArray(), null));
    }

    /// <summary>The rows of <paramref name="task"/> at <paramref name="rows"/>, with labels optionally remapped (−1 drops the row).</summary>
    private static DemoTaskData Subset(DemoTaskData task, string id, int[] rows, Func<int, int>? relabel)
    {
        var keep = relabel is null ? rows : rows.Where(r => relabel(task.Labels[r]) >= 0).ToArray();
        var labels = keep.Select(r => relabel is null ? task.Labels[r] : relabel(task.Labels[r])).ToArray();
        return new DemoTaskData(id, task.Features.SelectRows(keep), ClassLabels.FromIntegers(labels));
    }

    /// <summary>A class subset of <paramref name="task"/>: the listed classes, relabelled 0..k−1 in the given order.</summary>
    public static DemoTaskData ClassSubset(DemoTaskData task, string id, IReadOnlyList<int> classes)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(classes);
        var map = new Dictionary<int, int>();
        for (int i = 0; i < classes.Count; i++)
        {
            map[classes[i]] = i;
        }

        var rows = Enumerable.Range(0, task.Labels.Count).ToArray();
        return Subset(task, id, rows, c => map.TryGetValue(c, out int k) ? k : -1);
    }

    /// <summary>A control task: the same samples with labels permuted by a seeded shuffle (no feature–label relation).</summary>
    public static DemoTaskData ShuffledLabels(DemoTaskData task, string id, int seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        var labels = task.Labels.ToArray();
        new SeededRandom(seed).Shuffle(labels.AsSpan());
        return new DemoTaskData(id, task.Features, ClassLabels.FromIndices(labels));
    }

    /// <summary>Runs TTA on each (source, target) pair and maps the decompositions onto the report section.</summary>
    public static TtaSection RunTta(IReadOnlyList<(DemoTaskData Source, DemoTaskData Target)> pairs, int seed, IProgress<ProgressUpdate> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var options = TtaOptions(seed);
        var rows = new List<TtaPairTerms>();
        var notes = new List<string>();
        foreach (var (source, target) in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var s = TaskDomain.Split(source.Id, source.Features, source.Labels, 0.2, seed);
            var t = TaskDomain.Split(target.Id, target.Features, target.Labels, 0.2, seed + 1);
            var r = TaskTransferAnalysis.Analyze(s, t, null, options, new PrefixedProgress(progress, "tta " + source.Id + " → " + target.Id), cancellationToken);
            var terms = r.Terms;
            rows.Add(new TtaPairTerms(source.Id, target.Id, terms.WeightedSourceLoss, terms.LabelEntropy, terms.Lipschitz * terms.Wasserstein, terms.Bound, r.ProbeLoss));
            notes.Add(string.Format(CultureInfo.InvariantCulture,
                "{0} → {1}: bound {2:F3} = L_w {3:F3} + H {4:F3} + τ̂ {5:G3} × W₁ {6:F3}; probe test loss {7}, accuracy {8}.",
                source.Id, target.Id, terms.Bound, terms.WeightedSourceLoss, terms.LabelEntropy, terms.Lipschitz, terms.Wasserstein,
                r.ProbeLoss is double pl ? pl.ToString("F3", CultureInfo.InvariantCulture) : "—",
                r.ProbeAccuracy is double pa ? pa.ToString("F3", CultureInfo.InvariantCulture) : "—"));
            notes.AddRange(r.Warnings.Select(w => source.Id + " → " + target.Id + ": " + w));
        }

        notes.Add(string.Format(CultureInfo.InvariantCulture,
            "Reduced settings for the demo: {0} epochs (official 2001), batch {1} with equal sizes, h_S and probe {2} SGD iterations (official 10 001 and 5 001), label map started from the source head's predictions; everything else official (docs/tta.md).",
            options.Epochs, options.BatchSize, options.SourceHead.Iterations));
        return new TtaSection(
            $"Task Transfer Analysis [Mehra2023TTA] on {Model} {Layer} features (average-pooled, {pairs[0].Source.Features.Columns}-d): the bound on the target test loss of a linear probe, by term; lower is better.",
            rows, notes);
    }

    /// <summary>Computes PGE signatures of every task once and the targets × sources gap matrix.</summary>
    public static PgeSection RunPge(IReadOnlyList<DemoTaskData> targets, IReadOnlyList<DemoTaskData> sources, int seed, IProgress<ProgressUpdate> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(sources);
        var options = new PgeOptions { Seed = seed };
        PgeSignature Signature(DemoTaskData task) => PrincipalGradientExpectation.Compute(task.Features, task.Labels, options, task.Id,
            new PrefixedProgress(progress, "pge " + task.Id), cancellationToken);

        var sourceSignatures = sources.Select(Signature).ToList();
        var gaps = new List<IReadOnlyList<double?>>();
        var notes = new List<string>();
        foreach (var target in targets)
        {
            var ranking = PgeRanking.Rank(Signature(target), sourceSignatures, options.Distance);
            var byName = ranking.Sources.ToDictionary(s => s.Name, s => s.Gap, StringComparer.Ordinal);
            gaps.Add(sources.Select(s => (double?)byName[s.Id]).ToList());
            notes.Add(target.Id + ": " + string.Join(" < ", ranking.Sources.OrderBy(s => s.Rank).Select(s =>
                s.Name + " (" + s.Gap.ToString("F3", CultureInfo.InvariantCulture) + ")")));
        }

        notes.Add(string.Format(CultureInfo.InvariantCulture,
            "PGE as reconstructed in docs/pge.md: a shared seeded probe layer ({0} hidden units), {1} restarts × {2} mini-batches of {3}, unit-norm expected gradient per weight tensor, Euclidean gap; the shuffled-label sources are controls with no feature–label relation.",
            options.HiddenUnits, options.Restarts, options.StepsPerRestart, options.BatchSize));
        return new PgeSection(
            $"PGE [Qi2022PGE] on {Model} {Layer} features: gap between each source task's and each target's normalised principal gradient; smaller means expected to transfer better.",
            targets.Select(t => t.Id).ToList(), sources.Select(s => s.Id).ToList(), gaps, notes);
    }

    /// <summary>Prefixes progress stages so each analysis gets its own bar.</summary>
    private sealed class PrefixedProgress(IProgress<ProgressUpdate> sink, string prefix) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => sink.Report(value with { Stage = prefix + ": " + value.Stage });
    }
}
