using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Xfer.Bench;

/// <summary>GFLOP/s = <see cref="FlopsAttribute.Count"/> / mean time (operations per nanosecond); "-" for methods without a count.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Useful GFLOP/s from the mean: 2·n³ for dgemm, N·D·(D+1) for dsyrk (half of XᵀX plus the diagonal), n³/3 for Cholesky";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? flops = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<FlopsAttribute>()?.Count;
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return flops is double f && meanNanoseconds is double t && t > 0
            ? (f / t).ToString("F2", CultureInfo.InvariantCulture)
            : "-";
    }

    public override string ToString() => ColumnName;
}
