using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xfer.Reports.Model;

namespace Xfer.Reports;

/// <summary>
/// report.html: one self-contained page (no network when viewed). Charts are Vega-Lite specifications rendered by the
/// inlined Vega/Vega-Lite/vega-embed bundles (<see cref="VegaAssets"/>) as SVG; every number is also in a table. Without
/// the bundles the page holds the tables only and says so at the top.
/// </summary>
/// <remarks>
/// When rendering ends, the body gets <c>data-charts-rendered</c> (charts drawn) and, on a failure,
/// <c>data-charts-failed</c> with the message, which is also logged with <c>console.error</c>; the browser test waits on
/// these attributes.
/// </remarks>
public static class HtmlReport
{
    /// <summary>The page's charts, in page order.</summary>
    public static IReadOnlyList<ReportChart> Charts(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var charts = document.Studies.SelectMany(VegaLiteCharts.ForStudy).ToList();
        if (document.Tta is { Pairs.Count: > 0 } tta)
        {
            charts.Add(VegaLiteCharts.Tta(tta));
        }

        if (document.Pge is { Targets.Count: > 0, Sources.Count: > 0 } pge)
        {
            charts.Add(VegaLiteCharts.Pge(pge));
        }

        return charts;
    }

    /// <summary>The page. <paramref name="assets"/> null gives a tables-only page with <paramref name="missingNote"/> shown at the top.</summary>
    public static string Write(ReportDocument document, VegaAssets? assets, string? missingNote = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var charts = Charts(document).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(H(document.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header><h1>").Append(H(document.Title)).Append("</h1><p class=\"meta\">").Append(H(document.Generated)).Append("</p></header>\n");

        var notes = document.Notes.ToList();
        if (assets is null)
        {
            notes.Insert(0, "Charts are not shown: " + (missingNote ?? "the chart scripts were not available when the report was written") + ". Every number is in the tables below.");
        }

        if (notes.Count > 0)
        {
            sb.Append("<section class=\"notes\">");
            foreach (var n in notes)
            {
                sb.Append("<p>").Append(H(n)).Append("</p>");
            }

            sb.Append("</section>\n");
        }

        sb.Append("<nav><ul>");
        foreach (var s in document.Studies)
        {
            sb.Append("<li><a href=\"#study-").Append(H(s.Id)).Append("\">").Append(H(s.Title)).Append("</a></li>");
        }

        if (document.Tta is not null)
        {
            sb.Append("<li><a href=\"#section-tta\">Task Transfer Analysis</a></li>");
        }

        if (document.Pge is not null)
        {
            sb.Append("<li><a href=\"#section-pge\">PGE</a></li>");
        }

        sb.Append("<li><a href=\"#section-run\">Run</a></li></ul></nav>\n");

        foreach (var study in document.Studies)
        {
            WriteStudy(sb, study, charts, assets is not null);
        }

        if (document.Tta is { } tta)
        {
            sb.Append("<section id=\"section-tta\"><h2>Task Transfer Analysis</h2><p>").Append(H(tta.Description)).Append("</p>\n");
            if (charts.TryGetValue("tta", out var c) && assets is not null)
            {
                Chart(sb, c);
            }

            sb.Append("<table><thead><tr><th>source</th><th>target</th><th>re-weighted source loss</th><th>label mismatch</th><th>Wasserstein (scaled)</th><th>bound</th><th>actual target loss</th></tr></thead><tbody>");
            foreach (var p in tta.Pairs)
            {
                sb.Append("<tr><td>").Append(H(p.Source)).Append("</td><td>").Append(H(p.Target)).Append("</td>")
                    .Append(Num(p.ReweightedSourceLoss)).Append(Num(p.LabelMismatchEntropy)).Append(Num(p.Wasserstein)).Append(Num(p.Bound)).Append(Num(p.ActualTargetLoss)).Append("</tr>");
            }

            sb.Append("</tbody></table>");
            List(sb, tta.Notes);
            sb.Append("</section>\n");
        }

        if (document.Pge is { } pge)
        {
            sb.Append("<section id=\"section-pge\"><h2>PGE: ranking source tasks</h2><p>").Append(H(pge.Description)).Append("</p>\n");
            if (charts.TryGetValue("pge", out var c) && assets is not null)
            {
                Chart(sb, c);
            }

            sb.Append("<table><thead><tr><th>target \\ source</th>");
            foreach (var s in pge.Sources)
            {
                sb.Append("<th>").Append(H(s)).Append("</th>");
            }

            sb.Append("</tr></thead><tbody>");
            for (int t = 0; t < pge.Targets.Count; t++)
            {
                sb.Append("<tr><td>").Append(H(pge.Targets[t])).Append("</td>");
                foreach (double? g in pge.Gaps[t])
                {
                    sb.Append(Num(g, "G4"));
                }

                sb.Append("</tr>");
            }

            sb.Append("</tbody></table>");
            List(sb, pge.Notes);
            sb.Append("</section>\n");
        }

        WriteRun(sb, document, assets);
        if (assets is not null)
        {
            WriteScripts(sb, charts.Values.ToList(), assets);
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void WriteStudy(StringBuilder sb, Study study, Dictionary<string, ReportChart> charts, bool withCharts)
    {
        sb.Append("<section class=\"study\" id=\"study-").Append(H(study.Id)).Append("\"><h2>").Append(H(study.Title)).Append("</h2>\n");
        sb.Append("<p>").Append(H(string.Format(CultureInfo.InvariantCulture, "Target: {0} ({1} classes; {2} training and {3} test samples). Ground truth: {4}.",
            study.Target, study.Classes, study.TrainSamples, study.TestSamples, study.GroundTruth))).Append("</p>\n");
        var best = StudyRanking.ByWeightedTau(study).FirstOrDefault(m => m.WeightedTau is { } t && double.IsFinite(t.Value));
        var byTruth = StudyRanking.ByTruth(study);
        var top = byTruth.Count > 0 ? byTruth[0] : null;
        if (best is not null && top is not null)
        {
            sb.Append("<p class=\"headline\">").Append(H(string.Format(CultureInfo.InvariantCulture,
                "Best candidate by the probe: {0} (accuracy {1:F4}). Metric agreeing best with the probe: {2} (weighted τ {3:F3}), whose top pick is {4}.",
                top.Name, top.Accuracy, best.Name, best.WeightedTau!.Value, StudyRanking.TopPick(study, best) ?? "–"))).Append("</p>\n");
        }

        if (withCharts)
        {
            foreach (var c in VegaLiteCharts.ForStudy(study))
            {
                Chart(sb, charts[c.Id]);
            }
        }

        sb.Append("<h3>Metrics</h3><table><thead><tr><th>metric</th><th>direction</th><th>weighted τ</th><th>interval</th><th>top-1 rel. acc.</th><th>Kendall τ-b</th><th>Spearman ρ</th><th>Pearson r</th><th>top pick</th><th>time</th></tr></thead><tbody>");
        foreach (var m in StudyRanking.ByWeightedTau(study))
        {
            var t = m.WeightedTau;
            string ci = t is { Resamples: > 0 } && double.IsFinite(t.Lower)
                ? string.Format(CultureInfo.InvariantCulture, "[{0:F3}, {1:F3}]", t.Lower, t.Upper)
                : "–";
            sb.Append("<tr><td title=\"").Append(H(m.Id)).Append("\">").Append(H(m.Name)).Append(m.PoolRelative ? " <span class=\"tag\">pool</span>" : string.Empty).Append("</td>")
                .Append("<td>").Append(m.HigherIsBetter ? "↑" : "↓").Append("</td>")
                .Append(Num(t?.Value)).Append("<td class=\"num\">").Append(ci).Append("</td>")
                .Append(Num(m.Top1RelativeAccuracy)).Append(Num(m.Kendall)).Append(Num(m.Spearman)).Append(Num(m.Pearson))
                .Append("<td>").Append(H(StudyRanking.TopPick(study, m) ?? "–")).Append("</td>")
                .Append("<td class=\"num\">").Append(H(ReportNumbers.Seconds(m.Seconds))).Append("</td></tr>");
        }

        sb.Append("</tbody></table>\n<h3>Candidates</h3><table><thead><tr><th>candidate</th><th>model</th><th>layer</th><th>D</th><th>probe accuracy</th><th>probe cross-entropy</th>");
        foreach (var m in study.Metrics)
        {
            sb.Append("<th title=\"").Append(H(m.Name)).Append("\">").Append(H(m.Id)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var c in StudyRanking.ByTruth(study))
        {
            sb.Append("<tr><td>").Append(H(c.Name)).Append("</td><td>").Append(H(c.Model)).Append("</td><td>").Append(H(c.Layer)).Append("</td>")
                .Append("<td class=\"num\">").Append(c.Features.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append(Num(c.Accuracy, "F4")).Append(Num(c.CrossEntropy, "F4"));
            foreach (var m in study.Metrics)
            {
                if (m.Scores.TryGetValue(c.Name, out double v))
                {
                    sb.Append(Num(v, "G5"));
                }
                else
                {
                    sb.Append("<td class=\"num\" title=\"").Append(H(m.Unavailable.TryGetValue(c.Name, out var why) ? why : "not scored")).Append("\">–</td>");
                }
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>\n");
        List(sb, study.Notes.Concat(study.Metrics.SelectMany(m => m.Notes.Select(n => m.Name + ": " + n))).ToList());
        sb.Append("</section>\n");
    }

    private static void WriteRun(StringBuilder sb, ReportDocument document, VegaAssets? assets)
    {
        sb.Append("<section id=\"section-run\"><h2>Run</h2>");
        if (document.Stages.Count > 0)
        {
            sb.Append("<table><thead><tr><th>stage</th><th>wall time</th><th>detail</th></tr></thead><tbody>");
            foreach (var s in document.Stages)
            {
                sb.Append("<tr><td>").Append(H(s.Stage)).Append("</td><td class=\"num\">").Append(H(ReportNumbers.Seconds(s.Seconds))).Append("</td><td>").Append(H(s.Detail ?? string.Empty)).Append("</td></tr>");
            }

            sb.Append("<tr><th>total</th><th class=\"num\">").Append(H(ReportNumbers.Seconds(document.Stages.Sum(s => s.Seconds)))).Append("</th><th></th></tr></tbody></table>");
        }

        var provenance = document.Provenance.ToList();
        if (assets is not null)
        {
            provenance.Add("Charts: Vega-Lite, rendered by Vega and vega-embed inlined from " + assets.Directory + (assets.Versions.Length > 0 ? " (" + assets.Versions + ")" : string.Empty) + ".");
        }

        List(sb, provenance);
        sb.Append("</section>\n");
    }

    private static void WriteScripts(StringBuilder sb, IReadOnlyList<ReportChart> charts, VegaAssets assets)
    {
        // Specifications go in JSON script blocks; the encoder escapes '<', '>' and '&', so no text can close the tag.
        var encoder = new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default };
        foreach (var c in charts)
        {
            sb.Append("<script type=\"application/json\" id=\"spec-").Append(H(c.Id)).Append("\">").Append(c.Spec.ToJsonString(encoder)).Append("</script>\n");
        }

        foreach (var script in assets.Scripts)
        {
            // The bundles are inlined as they are; a literal "</script" inside one would end the element early.
            sb.Append("<script>\n").Append(script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("\n</script>\n");
        }

        sb.Append("<script>\n").Append(RenderScript).Append("</script>\n");
    }

    private static void Chart(StringBuilder sb, ReportChart c)
    {
        sb.Append("<figure><figcaption><strong>").Append(H(c.Title)).Append("</strong> ").Append(H(c.Caption)).Append("</figcaption>")
            .Append("<div class=\"chart\" id=\"").Append(H(c.Id)).Append("\"></div></figure>\n");
    }

    private static void List(StringBuilder sb, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        sb.Append("<ul class=\"small\">");
        foreach (var i in items)
        {
            sb.Append("<li>").Append(H(i)).Append("</li>");
        }

        sb.Append("</ul>\n");
    }

    private static string Num(double? value, string format = "F3")
        => "<td class=\"num\">" + H(ReportNumbers.Text(value, format)) + "</td>";

    private static string H(string text) => WebUtility.HtmlEncode(text);

    private const string RenderScript = """
        (function () {
          var charts = document.querySelectorAll('div.chart');
          var jobs = Array.prototype.map.call(charts, function (el) {
            var spec = JSON.parse(document.getElementById('spec-' + el.id).textContent);
            return vegaEmbed(el, spec, { renderer: 'svg', actions: false });
          });
          Promise.all(jobs).then(function () {
            document.body.setAttribute('data-charts-rendered', String(jobs.length));
          }).catch(function (e) {
            document.body.setAttribute('data-charts-failed', String(e && e.message || e));
            console.error('xfer report: a chart failed to render: ' + (e && e.message || e));
          });
        })();

        """;

    private const string Css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1180px; padding: 0 20px 40px; color: #222; }
        header { border-bottom: 2px solid #4c78a8; margin-bottom: 12px; }
        h1 { font-size: 24px; margin: 18px 0 4px; } h2 { margin-top: 34px; border-bottom: 1px solid #ddd; } h3 { margin-top: 22px; }
        .meta { color: #666; margin: 0 0 10px; }
        .notes { background: #fff6e0; border: 1px solid #f0c36d; padding: 6px 12px; border-radius: 4px; }
        .headline { background: #eef4fa; padding: 6px 10px; border-left: 4px solid #4c78a8; }
        nav ul { list-style: none; padding: 0; display: flex; gap: 16px; flex-wrap: wrap; }
        figure { margin: 16px 0 24px; } figcaption { color: #444; margin-bottom: 6px; max-width: 900px; }
        .chart { overflow-x: auto; }
        table { border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; display: block; overflow-x: auto; }
        th, td { border: 1px solid #ddd; padding: 3px 7px; text-align: left; white-space: nowrap; }
        thead th { background: #f3f3f3; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .tag { font-size: 11px; background: #eee; border-radius: 3px; padding: 0 4px; color: #555; }
        .small { font-size: 12px; color: #555; }

        """;
}
