using System;
using System.Collections.Generic;
using System.Linq;
using Xfer.Core;
using Xfer.IO.Datasets;

namespace Xfer.Bench.Pge;

/// <summary>A labelled task on the shared 8×8 pixel space (64 features in [0, 1]).</summary>
/// <param name="Name">Short name used in the tables.</param>
/// <param name="Features">N×64 pixels.</param>
/// <param name="Labels">Class indices 0..C−1.</param>
/// <param name="Classes">C.</param>
/// <param name="Description">How it was made.</param>
internal sealed record PixelTask(string Name, Matrix Features, int[] Labels, int Classes, string Description)
{
    public ClassLabels ClassLabels => ClassLabels.FromIndices(Labels);
}

/// <summary>
/// The experiment's tasks. Every task lives in one input space so that one PGE probe network serves all of them: Fashion-MNIST
/// images are area-averaged from 28×28 to 8×8 (the size of scikit-learn's digits) and both datasets are scaled to [0, 1].
/// Sources come from Fashion-MNIST's train split and the digits' train part; targets from Fashion-MNIST's test split and the
/// digits' test part, so no image is both a source and a target sample.
/// </summary>
internal static class Tasks
{
    public static (List<PixelTask> Sources, List<PixelTask> Targets) Build(int samplesPerTask, int seed)
    {
        var fmTrain = Load("fashion-mnist", "train", 12000, seed);
        var fmTest = Load("fashion-mnist", "test", 4000, seed);
        var dgTrain = Load("digits", "train", null, seed);
        var dgTest = Load("digits", "test", null, seed);
        var rng = new SeededRandom(seed);
        int[] Identity(int c) => Enumerable.Range(0, c).ToArray();
        int[] RandomMap(int from, int to)
        {
            // Every target class receives at least one source class: a shuffled round-robin assignment.
            var map = Enumerable.Range(0, from).Select(i => i % to).ToArray();
            rng.Shuffle(map.AsSpan());
            return map;
        }

        var sources = new List<PixelTask>
        {
            Make("fm-all10", fmTrain, Identity(10), samplesPerTask, rng, "Fashion-MNIST, all 10 classes"),
            Make("fm-tops", fmTrain, Keep(10, 0, 2, 4, 6), samplesPerTask, rng, "Fashion-MNIST {T-shirt, pullover, coat, shirt}"),
            Make("fm-shoes", fmTrain, Keep(10, 5, 7, 9), samplesPerTask, rng, "Fashion-MNIST {sandal, sneaker, ankle boot}"),
            Make("fm-1-3-8", fmTrain, Keep(10, 1, 3, 8), samplesPerTask, rng, "Fashion-MNIST {trouser, dress, bag}"),
            Make("fm-0to4", fmTrain, Keep(10, 0, 1, 2, 3, 4), samplesPerTask, rng, "Fashion-MNIST classes 0–4"),
            Make("fm-5to9", fmTrain, Keep(10, 5, 6, 7, 8, 9), samplesPerTask, rng, "Fashion-MNIST classes 5–9"),
            Make("fm-coarse4", fmTrain, [0, 1, 0, 1, 0, 2, 0, 2, 3, 2], samplesPerTask, rng, "Fashion-MNIST relabelled: tops / trouser+dress / footwear / bag"),
            Make("fm-rand2", fmTrain, RandomMap(10, 2), samplesPerTask, rng, "Fashion-MNIST, 10 classes merged at random into 2"),
            Make("fm-noise", fmTrain, Identity(10), samplesPerTask, rng, "Fashion-MNIST, labels shuffled (no signal)", shuffleLabels: true),
            Make("dg-all10", dgTrain, Identity(10), samplesPerTask, rng, "digits, all 10 classes"),
            Make("dg-0to4", dgTrain, Keep(10, 0, 1, 2, 3, 4), samplesPerTask, rng, "digits 0–4"),
            Make("dg-5to9", dgTrain, Keep(10, 5, 6, 7, 8, 9), samplesPerTask, rng, "digits 5–9"),
            Make("dg-parity", dgTrain, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], samplesPerTask, rng, "digits relabelled even / odd"),
            Make("dg-noise", dgTrain, Identity(10), samplesPerTask, rng, "digits, labels shuffled (no signal)", shuffleLabels: true),
        };
        var targets = new List<PixelTask>
        {
            Make("T:fashion10", fmTest, Identity(10), samplesPerTask, rng, "Fashion-MNIST test split, 10 classes"),
            Make("T:fm-tops", fmTest, Keep(10, 0, 2, 4, 6), samplesPerTask, rng, "Fashion-MNIST test split, the 4 top classes"),
            Make("T:digits10", dgTest, Identity(10), samplesPerTask, rng, "digits test part, 10 classes"),
        };
        return (sources, targets);
    }

    /// <summary>A class map that keeps <paramref name="kept"/> (relabelled 0, 1, … in order) and drops the rest (−1).</summary>
    private static int[] Keep(int classes, params int[] kept)
    {
        var map = Enumerable.Repeat(-1, classes).ToArray();
        for (int j = 0; j < kept.Length; j++)
        {
            map[kept[j]] = j;
        }

        return map;
    }

    private static PixelTask Make(string name, (Matrix X, int[] Y) pool, int[] classMap, int limit, SeededRandom rng, string description, bool shuffleLabels = false)
    {
        var rows = Enumerable.Range(0, pool.Y.Length).Where(i => classMap[pool.Y[i]] >= 0).ToArray();
        var y = rows.Select(i => classMap[pool.Y[i]]).ToArray();
        int c = y.Max() + 1;
        if (rows.Length > limit)
        {
            var picked = DatasetSampling.StratifiedSubsample(y, c, limit, rng.NextSeed());
            rows = picked.Select(p => rows[p]).ToArray();
            y = picked.Select(p => y[p]).ToArray();
        }

        if (shuffleLabels)
        {
            rng.Shuffle(y.AsSpan());
        }

        return new PixelTask(name, pool.X.SelectRows(rows), y, c, description + string.Format(System.Globalization.CultureInfo.InvariantCulture, " (N={0})", rows.Length));
    }

    /// <summary>Loads a split as N×64 pixels in [0, 1] and its labels.</summary>
    private static (Matrix X, int[] Y) Load(string name, string split, int? limit, int seed)
    {
        var data = DatasetCatalog.Load(new DatasetRequest(name, split, null, limit, seed));
        var raw = data.Features;
        int side = (int)Math.Round(Math.Sqrt(raw.Columns));
        double max = name == "digits" ? 16.0 : 255.0;
        var x = new Matrix(raw.Rows, 64);
        for (int i = 0; i < raw.Rows; i++)
        {
            Downsample(raw.Row(i), side, x.Row(i));
            for (int j = 0; j < 64; j++)
            {
                x[i, j] /= max;
            }
        }

        return (x, data.Labels.ToArray());
    }

    /// <summary>
    /// Area-averaging resize of a side×side image to 8×8: output pixel (u, v) is the mean of the input over the square
    /// [u·s, (u+1)·s) × [v·s, (v+1)·s), s = side/8, with input pixels weighted by their overlap (exact for side = 8: a copy).
    /// </summary>
    private static void Downsample(ReadOnlySpan<double> image, int side, Span<double> destination)
    {
        double s = side / 8.0;
        for (int u = 0; u < 8; u++)
        {
            for (int v = 0; v < 8; v++)
            {
                double sum = 0;
                for (int r = (int)Math.Floor(u * s); r < Math.Ceiling((u + 1) * s); r++)
                {
                    double wr = Math.Min(r + 1, (u + 1) * s) - Math.Max(r, u * s);
                    for (int c = (int)Math.Floor(v * s); c < Math.Ceiling((v + 1) * s); c++)
                    {
                        double wc = Math.Min(c + 1, (v + 1) * s) - Math.Max(c, v * s);
                        sum += wr * wc * image[(r * side) + c];
                    }
                }

                destination[(u * 8) + v] = sum / (s * s);
            }
        }
    }
}
