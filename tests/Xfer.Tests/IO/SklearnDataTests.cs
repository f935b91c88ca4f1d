using System;
using System.IO;
using System.Linq;
using Xfer.IO;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.IO;

/// <summary>scikit-learn's bundled CSVs (copied into the cache by scripts/setup.sh data). Expected shapes, class
/// names, counts and sums are from sklearn.datasets.load_* (scikit-learn 1.2.1, Debian python3-sklearn).</summary>
public class SklearnDataTests
{
    private static string? DataFile(string name)
    {
        string cache = Environment.GetEnvironmentVariable("XFER_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "xfer");
        string path = Path.Combine(cache, "sklearn-data", name);
        return File.Exists(path) ? path : null;
    }

    [Theory]
    [InlineData("iris.csv", 150, 4, "setosa,versicolor,virginica", "50,50,50", 2078.7)]
    [InlineData("wine_data.csv", 178, 13, "class_0,class_1,class_2", "59,71,48", 159975.295999)]
    [InlineData("breast_cancer.csv", 569, 30, "malignant,benign", "212,357", 1056474.4596356)]
    [InlineData("digits.csv.gz", 1797, 64, "0,1,2,3,4,5,6,7,8,9", "178,182,177,183,181,182,181,179,174,180", 561718.0)]
    public void Bundled_dataset_matches_scikit_learn(string file, int rows, int columns, string classNames, string counts, double sum)
    {
        string? path = DataFile(file);
        if (path is null)
        {
            return; // not set up (scripts/setup.sh data)
        }

        var x = DataFiles.ReadMatrix(path, "features");
        Assert.Equal((rows, columns), (x.Rows, x.Columns));
        NumericAssert.Close(sum, x.Data.Sum(), rtol: 1e-12);
        var y = DataFiles.ReadLabels(path);
        Assert.Equal(classNames.Split(','), y.ClassNames);
        Assert.Equal(counts.Split(',').Select(int.Parse), y.Counts);
    }
}
