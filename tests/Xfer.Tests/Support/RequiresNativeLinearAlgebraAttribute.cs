using System;

namespace Xfer.Tests.Support;

/// <summary>
/// Marks a test class whose <see cref="ContractFactAttribute"/> tests need OpenBLAS/LAPACKE; they are skipped as
/// <see cref="NativeLinearAlgebraAvailability.SkipReason"/> says.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresNativeLinearAlgebraAttribute : Attribute;
