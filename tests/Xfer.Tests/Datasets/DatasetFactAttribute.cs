using Xfer.IO.Datasets;
using Xunit;

namespace Xfer.Tests.Datasets;

/// <summary>A fact that needs the named datasets' files (<c>scripts/setup.sh data</c>); skipped with the reason otherwise.</summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(params string[] datasets)
    {
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
