using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Xfer.Tests.Support;

/// <summary>
/// A fact whose skip decision depends on the concrete test class, so one abstract contract class can be run by a
/// provider that is always present and by one that may be missing (xunit 2 has no run-time skip).
/// </summary>
/// <remarks>
/// On a class marked <see cref="RequiresNativeLinearAlgebraAttribute"/> the test is skipped when
/// <see cref="NativeLinearAlgebraAvailability.SkipReason"/> is set. With <see cref="OnlyWhenNativeRequired"/> the
/// test runs only under <c>XFER_REQUIRE_NATIVE=1</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Xfer.Tests.Support.ContractFactDiscoverer", "Xfer.Tests")]
public sealed class ContractFactAttribute : FactAttribute
{
    /// <summary>Run only when <c>XFER_REQUIRE_NATIVE=1</c> (otherwise skipped with that reason).</summary>
    public bool OnlyWhenNativeRequired { get; set; }
}

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests, applying the class-dependent skip.</summary>
public sealed class ContractFactDiscoverer : FactDiscoverer
{
    /// <summary>Creates the discoverer (called by xunit).</summary>
    public ContractFactDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        string? reason = null;
        if (factAttribute.GetNamedArgument<bool>(nameof(ContractFactAttribute.OnlyWhenNativeRequired)) && !NativeLinearAlgebraAvailability.Required)
        {
            reason = NativeLinearAlgebraAvailability.RequireVariable + " is not 1 (scripts/test sets it after installing the native libraries)";
        }
        else if (testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresNativeLinearAlgebraAttribute)).Any())
        {
            reason = NativeLinearAlgebraAvailability.SkipReason;
        }

        return reason is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
    }
}

/// <summary>A test case skipped for a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    /// <summary>For the deserializer.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase()
    {
    }

    /// <summary>Creates the skipped case.</summary>
    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string reason)
        : base(sink, display, options, testMethod)
    {
        _reason = reason;
    }

    /// <inheritdoc />
    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReasonText", _reason);
    }

    /// <inheritdoc />
    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReasonText");
        base.Deserialize(data);
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}
