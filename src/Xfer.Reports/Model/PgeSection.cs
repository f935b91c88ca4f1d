using System.Collections.Generic;

namespace Xfer.Reports.Model;

/// <summary>
/// PGE: the gap between each source task and each target (lower means the source is expected to transfer better), and
/// the ranking of the sources it implies per target.
/// </summary>
/// <param name="Description">What was compared and how (one line).</param>
/// <param name="Targets">Target task names (rows).</param>
/// <param name="Sources">Source task names (columns).</param>
/// <param name="Gaps">Targets × sources gap matrix; null where a pair was not computed.</param>
/// <param name="Notes">Remarks.</param>
public sealed record PgeSection(string Description, IReadOnlyList<string> Targets, IReadOnlyList<string> Sources, IReadOnlyList<IReadOnlyList<double?>> Gaps, IReadOnlyList<string> Notes);
