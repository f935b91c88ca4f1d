using System.IO;
using Xfer.Onnx;
using Xfer.Onnx.Models;
using Xunit;

namespace Xfer.Tests.Tfjs;

/// <summary>
/// A fact that needs ONNX Runtime and the nsfwjs networks in the cache (<c>scripts/setup.sh models</c>, which
/// <c>scripts/test</c> runs); skipped with the reason otherwise.
/// </summary>
public sealed class NsfwjsFactAttribute : FactAttribute
{
    public NsfwjsFactAttribute()
    {
        Skip = NsfwjsTheoryAttribute.MissingPrerequisite();
    }
}

/// <summary>The theory form of <see cref="NsfwjsFactAttribute"/>.</summary>
public sealed class NsfwjsTheoryAttribute : TheoryAttribute
{
    public NsfwjsTheoryAttribute()
    {
        Skip = MissingPrerequisite();
    }

    internal static string? MissingPrerequisite()
    {
        if (!OnnxRuntime.TryLoad(out string? problem))
        {
            return problem;
        }

        foreach (var model in NsfwjsModels.All)
        {
            string path = NsfwjsModels.ModelPath(model);
            if (!File.Exists(path))
            {
                return path + " is missing; run scripts/setup.sh models (npm pack nsfwjs@" + NsfwjsModels.PackageVersion + ").";
            }
        }

        return null;
    }
}
