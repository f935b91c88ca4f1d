using Xfer.IO.Datasets;
using Xfer.Onnx;
using Xunit;

namespace Xfer.Tests.Onnx;

/// <summary>
/// A fact that needs the ONNX Runtime library (and optionally datasets). It is skipped, with the loader's one-line
/// reason (what was tried and how to get the runtime), when the library is absent; <c>scripts/test</c> fetches it
/// (<c>scripts/setup.sh models</c>) so CI runs these tests.
/// </summary>
public sealed class OrtFactAttribute : FactAttribute
{
    public OrtFactAttribute(params string[] datasets)
    {
        if (!OnnxRuntime.TryLoad(out string? problem))
        {
            Skip = problem;
            return;
        }

        foreach (string name in datasets)
        {
            if (DatasetCatalog.Unavailable(name) is string reason)
            {
                Skip = reason;
                return;
            }
        }
    }
}
