using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Xfer.Reports.Model;

namespace Xfer.Reports;

/// <summary>A chart of the report: an HTML id, a heading, a caption, and its Vega-Lite specification (data inlined).</summary>
/// <param name="Id">Element id, unique in the page.</param>
/// <param name="Title">Heading above the chart.</param>
/// <param name="Caption">How to read it (one or two sentences).</param>
/// <param name="Spec">Vega-Lite v6 specification.</param>
public sealed record ReportChart(string Id, string Title, string Caption, JsonObject Spec);

/// <summary>Builds the Vega-Lite specifications of the report's charts from the data model.</summary>
public static class VegaLiteCharts
{
    private const string Schema = "https://vega.github.io/schema/vega-lite/v6.json";

    /// <summary>The charts of one study: ground truth, rank agreement, score-vs-accuracy scatter, weighted τ with intervals, time per metric.</summary>
    public static IReadOnlyList<ReportChart> ForStudy(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return [Truth(study), Ranks(study), Scatter(study), WeightedTau(study), Time(study)];
    }

    /// <summary>Probe accuracy per candidate, best first, coloured by model.</summary>
    public static ReportChart Truth(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var order = StudyRanking.ByTruth(study).Select(c => c.Name).ToList();
        var values = new JsonArray(study.Candidates.Select(c => (JsonNode)new JsonObject
        {
            ["candidate"] = c.Name, ["model"] = c.Model, ["layer"] = c.Layer, ["features"] = c.Features, ["accuracy"] = Num(c.Accuracy),
        }).ToArray());
        var spec = Base(values);
        spec["mark"] = new JsonObject { ["type"] = "bar", ["tooltip"] = true };
        spec["width"] = 520;
        spec["encoding"] = new JsonObject
        {
            ["y"] = new JsonObject { ["field"] = "candidate", ["type"] = "nominal", ["sort"] = Strings(order), ["title"] = null },
            ["x"] = new JsonObject { ["field"] = "accuracy", ["type"] = "quantitative", ["title"] = "probe test accuracy", ["scale"] = new JsonObject { ["zero"] = false } },
            ["color"] = Model(),
        };
        return new ReportChart("truth-" + study.Id, "Ground truth: linear-probe accuracy",
            "Each candidate's features with a linear probe trained on the target's training samples and tested on held-out samples; the ranking every metric tries to predict.", spec);
    }

    /// <summary>Heat map of the rank each metric gives each candidate (1 = its top pick), candidates in ground-truth order.</summary>
    public static ReportChart Ranks(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var order = StudyRanking.ByTruth(study).Select(c => c.Name).ToList();
        var truthRank = order.Select((n, i) => (n, i + 1)).ToDictionary(x => x.n, x => x.Item2, StringComparer.Ordinal);
        var rows = new List<JsonNode>();
        foreach (var c in study.Candidates)
        {
            rows.Add(new JsonObject { ["metric"] = "ground truth", ["candidate"] = c.Name, ["rank"] = truthRank[c.Name] });
        }

        var metricOrder = new List<string> { "ground truth" };
        foreach (var m in StudyRanking.ByWeightedTau(study))
        {
            metricOrder.Add(m.Name);
            foreach (var (name, rank) in StudyRanking.Ranks(study, m))
            {
                rows.Add(new JsonObject { ["metric"] = m.Name, ["candidate"] = name, ["rank"] = rank });
            }
        }

        var spec = Base(new JsonArray(rows.ToArray()));
        spec["width"] = new JsonObject { ["step"] = 34 };
        spec["height"] = new JsonObject { ["step"] = 20 };
        spec["encoding"] = new JsonObject
        {
            ["x"] = new JsonObject { ["field"] = "candidate", ["type"] = "nominal", ["sort"] = Strings(order), ["title"] = "candidate (best ground truth first)", ["axis"] = new JsonObject { ["labelAngle"] = -40 } },
            ["y"] = new JsonObject { ["field"] = "metric", ["type"] = "nominal", ["sort"] = Strings(metricOrder), ["title"] = null },
        };
        spec["layer"] = new JsonArray(
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "rect", ["tooltip"] = true },
                ["encoding"] = new JsonObject
                {
                    ["color"] = new JsonObject { ["field"] = "rank", ["type"] = "quantitative", ["scale"] = new JsonObject { ["scheme"] = "viridis", ["reverse"] = true }, ["title"] = "rank (1 = top)" },
                },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "text", ["fontSize"] = 10 },
                ["encoding"] = new JsonObject
                {
                    ["text"] = new JsonObject { ["field"] = "rank", ["type"] = "quantitative" },
                    ["color"] = new JsonObject { ["condition"] = new JsonObject { ["test"] = "datum.rank <= 3", ["value"] = "black" }, ["value"] = "white" },
                },
            });
        return new ReportChart("ranks-" + study.Id, "Rankings",
            "Row = a metric's ranking (metrics by decreasing weighted τ), column = candidate in ground-truth order. A perfect metric repeats the top row: 1, 2, 3, … from left to right.", spec);
    }

    /// <summary>One scatter per metric: score against probe accuracy, coloured by model.</summary>
    public static ReportChart Scatter(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var rows = new List<JsonNode>();
        var metricOrder = StudyRanking.ByWeightedTau(study).Where(m => m.Scores.Count > 0).Select(m => m.Name).ToList();
        foreach (var m in study.Metrics)
        {
            foreach (var c in study.Candidates.Where(c => m.Scores.ContainsKey(c.Name)))
            {
                rows.Add(new JsonObject
                {
                    ["metric"] = m.Name, ["candidate"] = c.Name, ["model"] = c.Model, ["layer"] = c.Layer,
                    ["score"] = Num(m.Scores[c.Name]), ["accuracy"] = Num(c.Accuracy),
                });
            }
        }

        var spec = Base(new JsonArray(rows.ToArray()));
        spec["facet"] = new JsonObject { ["field"] = "metric", ["type"] = "nominal", ["sort"] = Strings(metricOrder), ["title"] = null };
        spec["columns"] = 4;
        spec["resolve"] = new JsonObject { ["scale"] = new JsonObject { ["x"] = "independent" } };
        spec["spec"] = new JsonObject
        {
            ["width"] = 170,
            ["height"] = 130,
            ["mark"] = new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 55, ["tooltip"] = true },
            ["encoding"] = new JsonObject
            {
                ["x"] = new JsonObject { ["field"] = "score", ["type"] = "quantitative", ["scale"] = new JsonObject { ["zero"] = false }, ["axis"] = new JsonObject { ["tickCount"] = 4, ["format"] = ".3~g" } },
                ["y"] = new JsonObject { ["field"] = "accuracy", ["type"] = "quantitative", ["scale"] = new JsonObject { ["zero"] = false }, ["title"] = "probe accuracy" },
                ["color"] = Model(),
                ["shape"] = new JsonObject { ["field"] = "model", ["type"] = "nominal", ["legend"] = null },
            },
        };
        return new ReportChart("scatter-" + study.Id, "Score against ground truth, per metric",
            "Each point is a candidate. For a higher-is-better metric a good metric puts the points on a rising line; for a lower-is-better one (↓) on a falling line. Scales are per metric.", spec);
    }

    /// <summary>Weighted τ per metric with its bootstrap interval.</summary>
    public static ReportChart WeightedTau(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var ordered = StudyRanking.ByWeightedTau(study).Where(m => m.WeightedTau is { } t && double.IsFinite(t.Value)).ToList();
        var rows = ordered.Select(m => (JsonNode)new JsonObject
        {
            ["metric"] = m.Name,
            ["weightedTau"] = Num(m.WeightedTau!.Value),
            ["lower"] = Num(m.WeightedTau.Lower),
            ["upper"] = Num(m.WeightedTau.Upper),
            ["top1RelativeAccuracy"] = Num(m.Top1RelativeAccuracy),
        }).ToArray();
        var spec = Base(new JsonArray(rows));
        spec["width"] = 420;
        spec["height"] = new JsonObject { ["step"] = 20 };
        var y = new JsonObject { ["field"] = "metric", ["type"] = "nominal", ["sort"] = Strings(ordered.Select(m => m.Name)), ["title"] = null };
        var domain = new JsonObject { ["domain"] = new JsonArray(-1, 1) };
        spec["layer"] = new JsonArray(
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "rule", ["color"] = "#999" },
                ["encoding"] = new JsonObject { ["x"] = new JsonObject { ["datum"] = 0, ["type"] = "quantitative" } },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "rule", ["strokeWidth"] = 2, ["color"] = "#4c78a8" },
                ["encoding"] = new JsonObject
                {
                    ["y"] = y.DeepClone(),
                    ["x"] = new JsonObject { ["field"] = "lower", ["type"] = "quantitative", ["scale"] = domain.DeepClone(), ["title"] = "weighted τ (bootstrap interval)" },
                    ["x2"] = new JsonObject { ["field"] = "upper" },
                },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 70, ["color"] = "#e45756", ["tooltip"] = true },
                ["encoding"] = new JsonObject
                {
                    ["y"] = y.DeepClone(),
                    ["x"] = new JsonObject { ["field"] = "weightedTau", ["type"] = "quantitative", ["scale"] = domain.DeepClone() },
                },
            });
        var ci = ordered.Select(m => m.WeightedTau!).FirstOrDefault(t => t.Resamples > 0);
        string interval = ci is null
            ? "No bootstrap was run."
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, "Bars: {0:0%} percentile bootstrap intervals over {1} resamples of the candidates (seed {2}).", ci.Confidence, ci.Resamples, ci.Seed);
        return new ReportChart("tau-" + study.Id, "Weighted τ with bootstrap intervals",
            "Agreement of each metric's ranking with the ground truth (SciPy's weighted τ: hyperbolic weights, so the top of the ranking counts most; 1 = same order). " + interval, spec);
    }

    /// <summary>Wall time per metric, summed over the candidates.</summary>
    public static ReportChart Time(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var rows = study.Metrics.Select(m => (JsonNode)new JsonObject { ["metric"] = m.Name, ["seconds"] = Num(m.Seconds) }).ToArray();
        var spec = Base(new JsonArray(rows));
        spec["width"] = 420;
        spec["height"] = new JsonObject { ["step"] = 18 };
        spec["mark"] = new JsonObject { ["type"] = "bar", ["tooltip"] = true, ["color"] = "#72b7b2" };
        spec["encoding"] = new JsonObject
        {
            ["y"] = new JsonObject { ["field"] = "metric", ["type"] = "nominal", ["sort"] = "-x", ["title"] = null },
            ["x"] = new JsonObject { ["field"] = "seconds", ["type"] = "quantitative", ["title"] = "seconds (all candidates)" },
        };
        return new ReportChart("time-" + study.Id, "Time per metric",
            "Wall time of each metric summed over every candidate (shared statistics such as class moments are counted once, outside the metrics).", spec);
    }

    /// <summary>Task Transfer Analysis: the bound's terms stacked per pair, the bound as a tick, the actual loss as a diamond.</summary>
    public static ReportChart Tta(TtaSection tta)
    {
        ArgumentNullException.ThrowIfNull(tta);
        var terms = new List<JsonNode>();
        var pairs = new List<JsonNode>();
        var order = new List<string>();
        foreach (var p in tta.Pairs)
        {
            string pair = p.Source + " → " + p.Target;
            order.Add(pair);
            terms.Add(new JsonObject { ["pair"] = pair, ["term"] = "re-weighted source loss", ["order"] = 1, ["value"] = Num(p.ReweightedSourceLoss) });
            terms.Add(new JsonObject { ["pair"] = pair, ["term"] = "label mismatch (conditional entropy)", ["order"] = 2, ["value"] = Num(p.LabelMismatchEntropy) });
            terms.Add(new JsonObject { ["pair"] = pair, ["term"] = "Wasserstein (scaled)", ["order"] = 3, ["value"] = Num(p.Wasserstein) });
            pairs.Add(new JsonObject { ["pair"] = pair, ["bound"] = Num(p.Bound), ["actual"] = Num(p.ActualTargetLoss) });
        }

        var spec = new JsonObject { ["$schema"] = Schema, ["width"] = 480, ["height"] = new JsonObject { ["step"] = 36 } };
        var y = new JsonObject { ["field"] = "pair", ["type"] = "nominal", ["sort"] = Strings(order), ["title"] = null };
        spec["layer"] = new JsonArray(
            new JsonObject
            {
                ["data"] = new JsonObject { ["values"] = new JsonArray(terms.ToArray()) },
                ["mark"] = new JsonObject { ["type"] = "bar", ["tooltip"] = true },
                ["encoding"] = new JsonObject
                {
                    ["y"] = y.DeepClone(),
                    ["x"] = new JsonObject { ["field"] = "value", ["type"] = "quantitative", ["stack"] = "zero", ["title"] = "nats" },
                    ["color"] = new JsonObject { ["field"] = "term", ["type"] = "nominal", ["sort"] = new JsonArray("re-weighted source loss", "label mismatch (conditional entropy)", "Wasserstein (scaled)"), ["legend"] = new JsonObject { ["orient"] = "bottom", ["title"] = null } },
                    ["order"] = new JsonObject { ["field"] = "order", ["type"] = "quantitative" },
                },
            },
            new JsonObject
            {
                ["data"] = new JsonObject { ["values"] = new JsonArray(pairs.Select(p => p.DeepClone()).ToArray()) },
                ["mark"] = new JsonObject { ["type"] = "tick", ["color"] = "black", ["thickness"] = 3, ["tooltip"] = true },
                ["encoding"] = new JsonObject { ["y"] = y.DeepClone(), ["x"] = new JsonObject { ["field"] = "bound", ["type"] = "quantitative" } },
            },
            new JsonObject
            {
                ["data"] = new JsonObject { ["values"] = new JsonArray(pairs.Select(p => p.DeepClone()).ToArray()) },
                ["transform"] = new JsonArray(new JsonObject { ["filter"] = "isValid(datum.actual)" }),
                ["mark"] = new JsonObject { ["type"] = "point", ["shape"] = "diamond", ["filled"] = true, ["size"] = 130, ["color"] = "#222", ["stroke"] = "white", ["tooltip"] = true },
                ["encoding"] = new JsonObject { ["y"] = y.DeepClone(), ["x"] = new JsonObject { ["field"] = "actual", ["type"] = "quantitative" } },
            });
        return new ReportChart("tta", "Task Transfer Analysis: the bound and its terms",
            "Stacked bars: the three terms of the upper bound on the target loss; black tick: the bound; dark diamond: the target loss actually reached, when measured (it should lie left of the tick).", spec);
    }

    /// <summary>PGE gaps as a heat map, targets as rows and sources as columns (smaller = expected to transfer better).</summary>
    public static ReportChart Pge(PgeSection pge)
    {
        ArgumentNullException.ThrowIfNull(pge);
        var rows = new List<JsonNode>();
        for (int t = 0; t < pge.Targets.Count; t++)
        {
            for (int s = 0; s < pge.Sources.Count; s++)
            {
                if (pge.Gaps[t][s] is double g && double.IsFinite(g))
                {
                    rows.Add(new JsonObject { ["target"] = pge.Targets[t], ["source"] = pge.Sources[s], ["gap"] = g });
                }
            }
        }

        var spec = Base(new JsonArray(rows.ToArray()));
        spec["width"] = new JsonObject { ["step"] = 60 };
        spec["height"] = new JsonObject { ["step"] = 30 };
        spec["encoding"] = new JsonObject
        {
            ["x"] = new JsonObject { ["field"] = "source", ["type"] = "nominal", ["sort"] = Strings(pge.Sources), ["title"] = "source task", ["axis"] = new JsonObject { ["labelAngle"] = -40 } },
            ["y"] = new JsonObject { ["field"] = "target", ["type"] = "nominal", ["sort"] = Strings(pge.Targets), ["title"] = "target" },
        };
        spec["layer"] = new JsonArray(
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "rect", ["tooltip"] = true },
                ["encoding"] = new JsonObject { ["color"] = new JsonObject { ["field"] = "gap", ["type"] = "quantitative", ["scale"] = new JsonObject { ["scheme"] = "blues" }, ["title"] = "gap" } },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "text", ["fontSize"] = 10 },
                ["encoding"] = new JsonObject { ["text"] = new JsonObject { ["field"] = "gap", ["type"] = "quantitative", ["format"] = ".3~g" } },
            });
        return new ReportChart("pge", "PGE distances",
            "The PGE gap between each source task's and the target's principal gradient expectation; a smaller gap (lighter) means the source is expected to transfer better.", spec);
    }

    private static JsonObject Base(JsonArray values) => new()
    {
        ["$schema"] = Schema,
        ["data"] = new JsonObject { ["values"] = values },
    };

    private static JsonObject Model() => new() { ["field"] = "model", ["type"] = "nominal", ["title"] = "model", ["legend"] = new JsonObject { ["orient"] = "bottom" } };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    /// <summary>A number node, or null for NaN/∞ (Vega-Lite treats null as missing; JSON has no NaN).</summary>
    private static JsonNode? Num(double? value) => value is double v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
