using System;

namespace Xfer.Bench;

/// <summary>The useful floating-point operations of one invocation of a benchmark method (for <see cref="GflopsColumn"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FlopsAttribute(double count) : Attribute
{
    /// <summary>Floating-point operations per invocation (a multiply-add counts as 2).</summary>
    public double Count { get; } = count;
}
