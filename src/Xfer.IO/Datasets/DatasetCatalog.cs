using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xfer.Core;
using Xfer.Core.Errors;

namespace Xfer.IO.Datasets;

/// <summary>A request for a dataset: <c>NAME[:split]</c>, optional class subset, optional seeded subsample.</summary>
/// <param name="Name">fashion-mnist, digits, iris, wine, breast-cancer.</param>
/// <param name="Split">train, test or all (datasets without an official split are split with <paramref name="Seed"/>).</param>
/// <param name="Classes">Keep only these class ids (original label values), relabelled in the given order; null keeps all.</param>
/// <param name="Limit">Keep at most this many samples (seeded, class-stratified); null keeps all.</param>
/// <param name="Seed">Seed for splits and subsampling.</param>
public sealed record DatasetRequest(string Name, string Split = "train", IReadOnlyList<int>? Classes = null, int? Limit = null, int Seed = 0);

/// <summary>The datasets xfer can load (see docs/datasets.md; citation keys Xiao2017FashionMNIST, Alpaydin1998Digits).</summary>
/// <remarks>
/// <para>Fashion-MNIST has an official split (train 60000, test 10000; <c>all</c> is train followed by test). The
/// scikit-learn datasets have none: <c>train</c>/<c>test</c> is a class-stratified split with ⌈25 %⌉ of the samples in
/// test (<see cref="DatasetSampling.TestFraction"/>), drawn with the request's seed over the whole dataset, so the two
/// parts never overlap whatever class subset or limit is applied afterwards; <c>all</c> is every sample.</para>
/// <para>Order of operations: split → class subset (kept classes are relabelled 0, 1, … in the order given) →
/// class-stratified subsample to <see cref="DatasetRequest.Limit"/>. The split and the subsample use two seeds derived
/// from <see cref="DatasetRequest.Seed"/> with <see cref="SeededRandom.NextSeed"/>; samples keep their file order.</para>
/// </remarks>
public static class DatasetCatalog
{
    /// <summary>The split names.</summary>
    public static IReadOnlyList<string> Splits { get; } = ["train", "test", "all"];

    /// <summary>Names of the datasets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fashion-mnist", "digits", "iris", "wine", "breast-cancer"];

    /// <summary>Parses <c>NAME[:split]</c> (split defaults to train), e.g. <c>fashion-mnist:test</c>.</summary>
    /// <exception cref="XferException">Unknown dataset or split (the message lists the valid ones).</exception>
    public static DatasetRequest Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string text = spec.Trim();
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant().Replace('_', '-');
        string split = colon < 0 ? "train" : text[(colon + 1)..].Trim().ToLowerInvariant();
        return Validate(new DatasetRequest(name, split), spec);
    }

    /// <summary>Why dataset <paramref name="name"/> cannot be loaded (the first missing file and how to get it), or null when its files are present.</summary>
    public static string? Unavailable(string name)
    {
        try
        {
            Validate(new DatasetRequest(name, "all"), name);
            DatasetSources.RequireFiles(name, "all");
            return null;
        }
        catch (XferException e)
        {
            return e.Message;
        }
    }

    /// <summary>Loads a dataset; missing files give an XferException saying how to get them (scripts/setup.sh data).</summary>
    public static Dataset Load(DatasetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request, request.Name + ":" + request.Split);
        DatasetSources.RequireFiles(request.Name, request.Split);
        var root = new SeededRandom(request.Seed);
        int splitSeed = root.NextSeed();
        int sampleSeed = root.NextSeed();

        RawDataset raw;
        int[] rows;
        string splitNote;
        if (request.Name == "fashion-mnist")
        {
            raw = request.Split == "all" ? Concatenate(DatasetSources.FashionMnist("train"), DatasetSources.FashionMnist("test")) : DatasetSources.FashionMnist(request.Split);
            rows = Enumerable.Range(0, raw.Count).ToArray();
            splitNote = request.Split == "all" ? "official train + test" : "official " + request.Split + " split";
        }
        else
        {
            raw = DatasetSources.Sklearn(request.Name);
            if (request.Split == "all")
            {
                rows = Enumerable.Range(0, raw.Count).ToArray();
                splitNote = "all samples";
            }
            else
            {
                var (train, test) = DatasetSampling.StratifiedSplit(raw.ClassOfSample, raw.ClassNames.Count, DatasetSampling.TestFraction, splitSeed);
                rows = request.Split == "train" ? train : test;
                splitNote = string.Format(CultureInfo.InvariantCulture,
                    "{0} part of a stratified {1:0.##}/{2:0.##} split (seed {3})", request.Split, 1 - DatasetSampling.TestFraction, DatasetSampling.TestFraction, request.Seed);
            }
        }

        // Class subset: keep the listed original ids, relabelled in the given order.
        var classMap = Enumerable.Range(0, raw.ClassNames.Count).ToArray();
        IReadOnlyList<string> names = raw.ClassNames;
        if (request.Classes is { } keep)
        {
            classMap = Enumerable.Repeat(-1, raw.ClassNames.Count).ToArray();
            for (int j = 0; j < keep.Count; j++)
            {
                classMap[keep[j]] = j;
            }

            names = keep.Select(k => raw.ClassNames[k]).ToArray();
            rows = rows.Where(r => classMap[raw.ClassOfSample[r]] >= 0).ToArray();
        }

        var labels = rows.Select(r => classMap[raw.ClassOfSample[r]]).ToArray();
        string limitNote = string.Empty;
        if (request.Limit is int limit && limit < rows.Length)
        {
            var picked = DatasetSampling.StratifiedSubsample(labels, names.Count, limit, sampleSeed);
            rows = picked.Select(p => rows[p]).ToArray();
            labels = picked.Select(p => labels[p]).ToArray();
            limitNote = string.Format(CultureInfo.InvariantCulture, "; class-stratified subsample of {0} (seed {1})", limit, request.Seed);
        }

        var missing = Enumerable.Range(0, names.Count).Where(k => !labels.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "dataset {0}:{1} has no samples of class {2} after subsetting; choose other classes or a larger split.", request.Name, request.Split, names[missing[0]]));
        }

        return Build(request, raw, rows, labels, names, splitNote + limitNote);
    }

    private static Dataset Build(DatasetRequest request, RawDataset raw, int[] rows, int[] labels, IReadOnlyList<string> names, string notes)
    {
        int d = raw.FeatureCount;
        bool everything = rows.Length == raw.Count;
        double[] features = everything ? raw.Features : new double[(long)rows.Length * d];
        if (!everything)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                Array.Copy(raw.Features, (long)rows[i] * d, features, (long)i * d, d);
            }
        }

        ImageSet? images = null;
        if (raw.Image is var (height, width, max))
        {
            var pixels = new float[features.Length];
            for (long i = 0; i < pixels.LongLength; i++)
            {
                pixels[i] = (float)features[i]; // integers 0..255 or 0..16: exact in float32
            }

            images = new ImageSet(rows.Length, height, width, 1, pixels, max);
        }

        var description = new StringBuilder();
        description.Append(CultureInfo.InvariantCulture, $"{request.Name}:{request.Split}: {rows.Length} samples, {names.Count} classes");
        if (request.Classes is { } keep)
        {
            description.Append(CultureInfo.InvariantCulture, $" (classes {string.Join(", ", keep)} of {raw.ClassNames.Count}, relabelled 0..{keep.Count - 1})");
        }

        description.Append(CultureInfo.InvariantCulture, $"; {notes}; from {raw.Source}");
        return new Dataset(request.Name, request.Split, images, new Matrix(rows.Length, d, features),
            ClassLabels.FromIndices(labels, names), description.ToString());
    }

    private static RawDataset Concatenate(RawDataset a, RawDataset b) =>
        new([.. a.Features, .. b.Features], a.FeatureCount, [.. a.ClassOfSample, .. b.ClassOfSample], a.ClassNames, a.Image, a.Source + ", " + b.Source);

    private static DatasetRequest Validate(DatasetRequest request, string spec)
    {
        if (!Names.Contains(request.Name))
        {
            throw new XferException("unknown dataset '" + spec + "'; use one of " + string.Join(", ", Names) + ", optionally with :train, :test or :all.");
        }

        if (!Splits.Contains(request.Split))
        {
            throw new XferException("unknown split '" + request.Split + "' in '" + spec + "'; use train, test or all.");
        }

        if (request.Classes is { } classes)
        {
            int c = DatasetSources.ClassCount(request.Name);
            foreach (int k in classes.Where(k => k < 0 || k >= c))
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture, "class {0} does not exist in {1}; its classes are 0..{2}.", k, request.Name, c - 1));
            }

            if (classes.Count == 0 || classes.Distinct().Count() != classes.Count)
            {
                throw new XferException("the class list for " + request.Name + " must be non-empty and without repeats; got [" + string.Join(", ", classes) + "].");
            }
        }

        if (request.Limit is int limit)
        {
            int classCount = request.Classes?.Count ?? DatasetSources.ClassCount(request.Name);
            if (limit < classCount)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "--limit {0} is smaller than the {1} classes of {2}; a class-stratified subsample keeps at least one sample per class.", limit, classCount, request.Name));
            }
        }

        return request;
    }
}
