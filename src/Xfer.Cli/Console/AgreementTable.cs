using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spectre.Console;
using Xfer.Evaluation.Correlation;
using Xfer.Evaluation.Harness;

namespace Xfer.Cli.Console;

/// <summary>Renders metric-agreement results as a terminal table (shared by <c>xfer correlate</c> and <c>xfer eval</c>).</summary>
public static class AgreementTable
{
    /// <summary>Writes the table (best weighted τ first), the metrics' notes and the paired comparisons to stdout.</summary>
    public static void Write(IReadOnlyList<MetricAgreement> agreements, IReadOnlyList<MetricComparison> comparisons, RankAgreementOptions options)
    {
        var console = Terminal.Out; // plain text at 160 columns when redirected; follows Console.Out

        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("n").RightAligned())
            .AddColumn(new TableColumn("τ_w").RightAligned()).AddColumn(new TableColumn("τ_w interval").NoWrap()).AddColumn(new TableColumn("τ-b").RightAligned())
            .AddColumn(new TableColumn("ρ").RightAligned()).AddColumn(new TableColumn("r").RightAligned())
            .AddColumn(new TableColumn("top-1").RightAligned()).AddColumn(new TableColumn("regret").RightAligned());
        foreach (int k in options.Ks)
        {
            table.AddColumn(new TableColumn("R@" + k.ToString(inv)).RightAligned());
        }

        foreach (var m in agreements.OrderByDescending(x => x.Agreement is null || double.IsNaN(x.Agreement.WeightedTau) ? double.NegativeInfinity : x.Agreement.WeightedTau))
        {
            var a = m.Agreement;
            string interval = a?.WeightedTauInterval is BootstrapInterval b && !double.IsNaN(b.Lower) ? string.Format(inv, "[{0:F3}, {1:F3}]", b.Lower, b.Upper) : "—";
            var cells = new List<string>
            {
                Markup.Escape(m.MetricId + (m.HigherIsBetter ? string.Empty : " (↓)")),
                m.Candidates.ToString(inv),
                AgreementOutput.F(a?.WeightedTau), Markup.Escape(interval), AgreementOutput.F(a?.Kendall), AgreementOutput.F(a?.Spearman), AgreementOutput.F(a?.Pearson),
                AgreementOutput.F(a?.Top1RelativeAccuracy), AgreementOutput.F(a?.Regret, "G4"),
            };
            cells.AddRange(options.Ks.Select(k => AgreementOutput.F(a is not null && a.RecallAtK.TryGetValue(k, out double v) ? v : null, "G3")));
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        console.MarkupLine(string.Format(inv, "[grey]τ_w weighted τ (SciPy), τ-b Kendall, ρ Spearman, r Pearson, top-1 relative accuracy, R@k recall@k (is the top-scored candidate among the k best? SFDA). Lower-is-better metrics (↓) are negated first.{0}[/]",
            options.Bootstrap is null ? string.Empty : string.Format(inv, " Intervals: {0:P0} percentile bootstrap over candidates, {1} resamples, seed {2}.", options.Bootstrap.Confidence, options.Bootstrap.Resamples, options.Bootstrap.Seed)));
        foreach (var m in agreements.Where(x => x.Notes.Count > 0))
        {
            console.MarkupLine("[yellow]" + Markup.Escape(m.MetricId) + ":[/] " + Markup.Escape(string.Join(" ", m.Notes)));
        }

        foreach (var c in comparisons)
        {
            var d = c.Comparison.Difference;
            console.MarkupLine(Markup.Escape(string.Format(inv, "{0} − {1}: Δτ_w = {2} [{3}, {4}], P({0} better) = {5}", c.MetricA, c.MetricB,
                AgreementOutput.F(d.Estimate), AgreementOutput.F(d.Lower), AgreementOutput.F(d.Upper), AgreementOutput.F(c.Comparison.ProbabilityAGreater, "F2"))));
        }
    }
}
