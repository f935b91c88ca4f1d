using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xfer.Core;
using Xfer.Core.Errors;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>
/// One task (source or target) as TTA needs it: train and test features of the same encoder, and class indices
/// 0..C−1 for both splits, with the class names. Every class must occur in the train split (the class prior and the
/// class-stratified batches need it); a class may be missing from the test split.
/// </summary>
public sealed class TaskDomain
{
    /// <summary>Creates a domain after checking shapes, finiteness and labels.</summary>
    /// <param name="name">"source" or "target", for messages.</param>
    /// <param name="trainFeatures">N×D train features.</param>
    /// <param name="trainLabels">N class indices in 0..C−1.</param>
    /// <param name="testFeatures">N'×D test features.</param>
    /// <param name="testLabels">N' class indices in 0..C−1.</param>
    /// <param name="classNames">C class names.</param>
    public TaskDomain(string name, Matrix trainFeatures, int[] trainLabels, Matrix testFeatures, int[] testLabels, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testFeatures);
        ArgumentNullException.ThrowIfNull(testLabels);
        ArgumentNullException.ThrowIfNull(classNames);
        Name = name;
        Require.SameSampleCount(trainFeatures.Rows, name + " train features", trainLabels.Length, name + " train labels");
        Require.SameSampleCount(testFeatures.Rows, name + " test features", testLabels.Length, name + " test labels");
        if (testFeatures.Columns != trainFeatures.Columns)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "{0} test features have {1} columns but the train features have {2}; both splits must come from the same encoder.",
                name, testFeatures.Columns, trainFeatures.Columns));
        }

        if (testFeatures.Rows == 0)
        {
            throw new XferException($"The {name} test split is empty; give test features or a --test-fraction that leaves samples in each split.");
        }

        Require.Finite(trainFeatures, name + " train features");
        Require.Finite(testFeatures, name + " test features");
        int c = classNames.Count;
        if (c < 2)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture, "The {0} task has {1} class(es); TTA needs at least 2.", name, c));
        }

        var counts = new int[c];
        foreach (int y in trainLabels)
        {
            if (y < 0 || y >= c)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "{0} train label {1} is outside 0..{2}.", name, y, c - 1));
            }

            counts[y]++;
        }

        foreach (int y in testLabels)
        {
            if (y < 0 || y >= c)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "{0} test label {1} is outside 0..{2}.", name, y, c - 1));
            }
        }

        int empty = Array.IndexOf(counts, 0);
        if (empty >= 0)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "{0} class '{1}' has no train samples; every class needs train samples for the class prior.", name, classNames[empty]));
        }

        TrainFeatures = trainFeatures;
        TrainLabels = trainLabels;
        TestFeatures = testFeatures;
        TestLabels = testLabels;
        ClassNames = classNames.ToArray();
        TrainCounts = counts;
        Prior = counts.Select(k => (double)k / trainLabels.Length).ToArray();
    }

    /// <summary>"source" or "target".</summary>
    public string Name { get; }

    /// <summary>N×D train features.</summary>
    public Matrix TrainFeatures { get; }

    /// <summary>Train class indices.</summary>
    public int[] TrainLabels { get; }

    /// <summary>Test features.</summary>
    public Matrix TestFeatures { get; }

    /// <summary>Test class indices.</summary>
    public int[] TestLabels { get; }

    /// <summary>Class names, by index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes C.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Feature dimension D.</summary>
    public int Dimension => TrainFeatures.Columns;

    /// <summary>Train samples per class.</summary>
    public int[] TrainCounts { get; }

    /// <summary>Empirical class prior of the train split (official <c>prior_source</c>, <c>prior_target</c>).</summary>
    public double[] Prior { get; }

    /// <summary>
    /// Splits labelled features into train and test, stratified by class and seeded: each class sends
    /// round(f·n_c) samples to test, keeping at least one in train.
    /// </summary>
    public static TaskDomain Split(string name, Matrix features, ClassLabels labels, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture, "--test-fraction must be in (0, 1); got {0}.", testFraction));
        }

        Require.SameSampleCount(features.Rows, name + " features", labels.Count, name + " labels");
        var rng = new SeededRandom(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var members in labels.SamplesByClass())
        {
            var shuffled = (int[])members.Clone();
            rng.Shuffle(shuffled.AsSpan());
            int nTest = Math.Min(shuffled.Length - 1, (int)Math.Round(testFraction * shuffled.Length));
            test.AddRange(shuffled.Take(nTest));
            train.AddRange(shuffled.Skip(nTest));
        }

        train.Sort();
        test.Sort();
        var y = labels.ToArray();
        return new TaskDomain(name, features.SelectRows(train.ToArray()), train.Select(i => y[i]).ToArray(),
            features.SelectRows(test.ToArray()), test.Select(i => y[i]).ToArray(), labels.ClassNames);
    }
}
