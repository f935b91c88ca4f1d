using System.Collections.Generic;

namespace Xfer.Reports.Model;

/// <summary>
/// Everything a study report shows: one or more studies (a target with its pool of candidates), and the optional Task
/// Transfer Analysis and PGE sections. The writers (<see cref="ReportWriter"/>) turn it into results.json, CSVs,
/// summary.md and report.html; it holds numbers only, no presentation.
/// </summary>
/// <param name="Title">Report title.</param>
/// <param name="Generated">When and by what the report was made (one line, e.g. "2026-11-22 11:00 UTC, xfer 0.1 (abc123)").</param>
/// <param name="Provenance">Lines a reader needs to reproduce the numbers (seed, linear algebra, models, datasets).</param>
/// <param name="Studies">The studies, in display order.</param>
/// <param name="Tta">Task Transfer Analysis decomposition, or null when it was not run.</param>
/// <param name="Pge">PGE gaps between source tasks and targets, or null when it was not run.</param>
/// <param name="Stages">Wall time of each stage of the run that produced the report.</param>
/// <param name="Notes">What is missing or was skipped, and why (shown prominently).</param>
public sealed record ReportDocument(
    string Title,
    string Generated,
    IReadOnlyList<string> Provenance,
    IReadOnlyList<Study> Studies,
    TtaSection? Tta,
    PgeSection? Pge,
    IReadOnlyList<StageTiming> Stages,
    IReadOnlyList<string> Notes);

/// <summary>Wall time of one stage of a run.</summary>
/// <param name="Stage">What ran (e.g. "extract inception-v3 on fashion-mnist").</param>
/// <param name="Seconds">Wall seconds.</param>
/// <param name="Detail">Optional detail (e.g. "cached" or "1000 images, 2.6 images/s").</param>
public sealed record StageTiming(string Stage, double Seconds, string? Detail = null);
