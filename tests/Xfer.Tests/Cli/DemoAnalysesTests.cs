using System;
using System.Linq;
using System.Threading;
using Xfer.Analysis.Pge;
using Xfer.Analysis.TaskTransfer;
using Xfer.Cli.Demo;
using Xfer.Core;
using Xfer.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Xfer.Tests.Cli;

/// <summary>The demo's task-level analyses: the task constructions and the mapping of TTA and PGE results onto the report.</summary>
public class DemoAnalysesTests(ITestOutputHelper output)
{
    private sealed class NoProgress : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
        }
    }

    private static DemoTaskData Task(string id, int rows, int columns, int classes, int seed)
    {
        var (x, y) = TestData.Clusters(rows, columns, classes, 3.0, seed);
        return new DemoTaskData(id, x, y);
    }

    [Fact]
    public void Halves_are_disjoint_class_stratified_and_cover_every_sample()
    {
        // 3 classes of sizes 5, 4, 3 → halves of ⌊n/2⌋ per class: A gets 2 + 2 + 1 = 5 rows, B the other 7.
        int[] labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
        var x = new Matrix(12, 1);
        for (int i = 0; i < 12; i++)
        {
            x[i, 0] = i;
        }

        var (a, b) = DemoAnalyses.Halves(new DemoTaskData("t", x, ClassLabels.FromIntegers(labels)), 7);
        Assert.Equal(5, a.Labels.Count);
        Assert.Equal(7, b.Labels.Count);
        Assert.Equal([2, 2, 1], a.Labels.Counts);
        Assert.Equal([3, 2, 2], b.Labels.Counts);
        var rowsA = Enumerable.Range(0, 5).Select(i => (int)a.Features[i, 0]).ToArray();
        var rowsB = Enumerable.Range(0, 7).Select(i => (int)b.Features[i, 0]).ToArray();
        Assert.Equal(Enumerable.Range(0, 12), rowsA.Concat(rowsB).Order());
        Assert.All(rowsA, r => Assert.Equal(labels[r], a.Labels[Array.IndexOf(rowsA, r)]));
    }

    [Fact]
    public void Class_subsets_keep_the_listed_classes_relabelled_in_order_and_shuffles_keep_the_counts()
    {
        int[] labels = [0, 1, 2, 3, 2, 0, 3];
        var x = new Matrix(7, 1);
        for (int i = 0; i < 7; i++)
        {
            x[i, 0] = i;
        }

        var task = new DemoTaskData("t", x, ClassLabels.FromIntegers(labels));
        var subset = DemoAnalyses.ClassSubset(task, "s", [3, 0]);
        Assert.Equal([1, 0, 1, 0], subset.Labels.ToArray());   // rows 0 (class 0), 3 (class 3), 5 (0), 6 (3)
        Assert.Equal([0.0, 3, 5, 6], Enumerable.Range(0, 4).Select(i => subset.Features[i, 0]));
        var shuffled = DemoAnalyses.ShuffledLabels(task, "u", 1);
        Assert.Equal(task.Labels.Counts, shuffled.Labels.Counts);
        Assert.NotEqual(labels, shuffled.Labels.ToArray());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Tta_section_reports_the_library_terms_with_the_wasserstein_term_scaled_by_the_lipschitz_constant()
    {
        var source = Task("s", 300, 16, 4, 1);
        var target = Task("t", 300, 16, 4, 2);
        var section = DemoAnalyses.RunTta([(source, target)], 3, new NoProgress(), CancellationToken.None);
        var direct = TaskTransferAnalysis.Analyze(TaskDomain.Split("s", source.Features, source.Labels, 0.2, 3),
            TaskDomain.Split("t", target.Features, target.Labels, 0.2, 4), null, DemoAnalyses.TtaOptions(3));
        var row = Assert.Single(section.Pairs);
        output.WriteLine($"bound {row.Bound} = {row.ReweightedSourceLoss} + {row.LabelMismatchEntropy} + {row.Wasserstein}; probe {row.ActualTargetLoss}");
        Assert.Equal(direct.Terms.Bound, row.Bound);
        Assert.Equal(direct.Terms.Lipschitz * direct.Terms.Wasserstein, row.Wasserstein);
        NumericAssert.Close(row.Bound, row.ReweightedSourceLoss + row.LabelMismatchEntropy + row.Wasserstein, 1e-12);
        Assert.Equal(direct.ProbeLoss, row.ActualTargetLoss);
        Assert.True(row.Bound >= row.ActualTargetLoss, "the bound must be above the measured probe loss");
    }

    [Fact]
    public void Pge_section_holds_the_gaps_of_independently_computed_signatures()
    {
        var a = Task("a", 200, 8, 3, 11);
        var b = Task("b", 200, 8, 3, 12);
        var t = Task("t", 200, 8, 3, 13);
        var section = DemoAnalyses.RunPge([t], [a, b], 5, new NoProgress(), CancellationToken.None);
        var options = new PgeOptions { Seed = 5 };
        var st = PrincipalGradientExpectation.Compute(t.Features, t.Labels, options, "t");
        double gapA = PgeGap.Compute(PrincipalGradientExpectation.Compute(a.Features, a.Labels, options, "a"), st);
        double gapB = PgeGap.Compute(PrincipalGradientExpectation.Compute(b.Features, b.Labels, options, "b"), st);
        Assert.Equal(["t"], section.Targets);
        Assert.Equal(["a", "b"], section.Sources);
        Assert.Equal(gapA, section.Gaps[0][0]);
        Assert.Equal(gapB, section.Gaps[0][1]);
    }
}
