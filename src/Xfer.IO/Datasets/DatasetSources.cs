using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Xfer.Core.Errors;
using Xfer.IO.Csv;

namespace Xfer.IO.Datasets;

/// <summary>A dataset as stored, before splitting and subsetting: every sample with its original class id.</summary>
/// <param name="Features">N×D values on the dataset's own scale (pixels 0..255 or 0..16, or tabular features), row-major.</param>
/// <param name="FeatureCount">D.</param>
/// <param name="ClassOfSample">Original class id of each sample (0..C−1).</param>
/// <param name="ClassNames">Names of class ids 0..C−1.</param>
/// <param name="Image">Height, width and white value for image datasets; null for tabular ones.</param>
/// <param name="Source">The files read, for the description.</param>
internal sealed record RawDataset(double[] Features, int FeatureCount, int[] ClassOfSample, IReadOnlyList<string> ClassNames,
    (int Height, int Width, double MaxValue)? Image, string Source)
{
    public int Count => ClassOfSample.Length;
}

/// <summary>Where the datasets live and how each is read (with <see cref="DataFiles"/>).</summary>
internal static class DatasetSources
{
    /// <summary>Debian's dataset-fashion-mnist installs the four IDX files here.</summary>
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Zalando's class names for labels 0..9 (github.com/zalandoresearch/fashion-mnist, README "Labels").</summary>
    public static readonly IReadOnlyList<string> FashionMnistClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Number of classes of each dataset (Fashion-MNIST and digits 10, iris and wine 3, breast-cancer 2).</summary>
    public static int ClassCount(string name) => name switch
    {
        "fashion-mnist" or "digits" => 10,
        "iris" or "wine" => 3,
        "breast-cancer" => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The cache root shared with scripts/setup.sh: $XFER_CACHE, else $HOME/.cache/xfer.</summary>
    public static string CacheRoot
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("XFER_CACHE");
            if (!string.IsNullOrWhiteSpace(env))
            {
                return Path.GetFullPath(env);
            }

            string home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".cache", "xfer");
        }
    }

    /// <summary>scripts/setup.sh data extracts scikit-learn's bundled CSVs here.</summary>
    public static string SklearnDirectory => Path.Combine(CacheRoot, "sklearn-data");

    /// <summary>The file of each scikit-learn dataset in <see cref="SklearnDirectory"/>.</summary>
    public static string SklearnFile(string name) => name switch
    {
        "digits" => "digits.csv.gz",
        "iris" => "iris.csv",
        "wine" => "wine_data.csv",
        "breast-cancer" => "breast_cancer.csv",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The files a dataset needs (all must exist).</summary>
    public static IReadOnlyList<string> Files(string name, string split) => name switch
    {
        "fashion-mnist" => split switch
        {
            "train" => [FashionFile("train-images-idx3-ubyte.gz"), FashionFile("train-labels-idx1-ubyte.gz")],
            "test" => [FashionFile("t10k-images-idx3-ubyte.gz"), FashionFile("t10k-labels-idx1-ubyte.gz")],
            _ => [.. Files(name, "train"), .. Files(name, "test")],
        },
        _ => [Path.Combine(SklearnDirectory, SklearnFile(name))],
    };

    /// <summary>Throws the "run scripts/setup.sh data" error when a file is missing.</summary>
    public static void RequireFiles(string name, string split)
    {
        foreach (string file in Files(name, split))
        {
            if (!File.Exists(file))
            {
                string how = name == "fashion-mnist"
                    ? "Debian's dataset-fashion-mnist package provides it"
                    : "it is extracted from Debian's python3-sklearn package into " + SklearnDirectory;
                throw new XferException("dataset " + name + ": " + file + " not found (" + how + "); run scripts/setup.sh data.");
            }
        }
    }

    /// <summary>Fashion-MNIST images and labels of one official split ("train" or "test").</summary>
    public static RawDataset FashionMnist(string split)
    {
        var files = Files("fashion-mnist", split);
        var images = DataFiles.ReadArray(files[0]);
        var labels = DataFiles.ReadArray(files[1]);
        if (images.Shape.Length != 3 || labels.Shape.Length != 1 || images.Shape[0] != labels.Shape[0])
        {
            throw new InputFileException(files[0], string.Format(CultureInfo.InvariantCulture,
                "expected N×28×28 images with N labels but found images {0} and labels {1} ({2}).", images.ShapeText, labels.ShapeText, files[1]));
        }

        var classes = ClassIds(labels.Values, FashionMnistClasses.Count, files[1]);
        return new RawDataset(images.Values, images.Shape[1] * images.Shape[2], classes, FashionMnistClasses,
            (images.Shape[1], images.Shape[2], 255.0), files[0] + ", " + files[1]);
    }

    /// <summary>
    /// A scikit-learn CSV: digits.csv.gz (no header; 64 pixels 0..16 of an 8×8 image, then the digit) or
    /// iris/wine/breast-cancer (first line <c>n_samples,n_features,class names…</c>, then features and the class id).
    /// </summary>
    public static RawDataset Sklearn(string name)
    {
        string file = Files(name, "all")[0];
        bool digits = name == "digits";
        var table = DataFiles.ReadCsv(file, new CsvOptions(LabelColumn: "-1", HasHeader: digits ? false : null), CsvPurpose.Features);
        var features = table.Features ?? throw new InputFileException(file, "no feature columns.");
        var cells = table.LabelCells ?? throw new InputFileException(file, "no label column.");
        IReadOnlyList<string> classNames;
        if (digits)
        {
            classNames = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        else
        {
            classNames = table.Sklearn?.ClassNames
                ?? throw new InputFileException(file, "the first line is not scikit-learn's 'n_samples,n_features,class names…' metadata line.");
            if (table.Sklearn.SampleCount != table.RowCount)
            {
                throw new InputFileException(file, string.Format(CultureInfo.InvariantCulture,
                    "the metadata line announces {0} samples but the file holds {1}.", table.Sklearn.SampleCount, table.RowCount));
            }
        }

        var raw = cells.Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN).ToArray();
        var classes = ClassIds(raw, classNames.Count, file);
        if (digits && features.Shape[1] != 64)
        {
            throw new InputFileException(file, string.Format(CultureInfo.InvariantCulture, "expected 64 pixel columns but found {0}.", features.Shape[1]));
        }

        return new RawDataset(features.Values, features.Shape[1], classes, classNames, digits ? (8, 8, 16.0) : null, file);
    }

    private static string FashionFile(string name) => Path.Combine(FashionMnistDirectory, name);

    private static int[] ClassIds(IReadOnlyList<double> values, int classCount, string file)
    {
        var ids = new int[values.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            double v = values[i];
            if (!(v >= 0 && v < classCount && v == Math.Floor(v)))
            {
                throw new InputFileException(file, string.Format(CultureInfo.InvariantCulture,
                    "label {0} of sample {1} is not a class id 0..{2}.", v, i, classCount - 1));
            }

            ids[i] = (int)v;
        }

        return ids;
    }
}
