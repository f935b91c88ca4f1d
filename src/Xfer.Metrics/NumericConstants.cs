namespace Xfer.Metrics;

/// <summary>Constants shared by the metrics.</summary>
internal static class NumericConstants
{
    /// <summary>2⁻⁵² ≈ 2.22e-16: the spacing of doubles at 1 (numpy's <c>finfo(float64).eps</c>), used for rank cut-offs.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;
}
