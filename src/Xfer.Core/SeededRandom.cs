using System;

namespace Xfer.Core;

/// <summary>
/// A deterministic random source: the same seed gives the same sequence on every machine and
/// .NET version. Every random choice in the toolkit goes through one of these; nothing uses
/// <see cref="Random.Shared"/>.
/// </summary>
/// <remarks>
/// Wraps <see cref="Random(int)"/>, whose seeded algorithm (Knuth's subtractive generator) is kept
/// stable by .NET for compatibility. Gaussian draws use the Box–Muller transform.
/// </remarks>
public sealed class SeededRandom
{
    private readonly Random _random;
    private double? _spareGaussian;

    /// <summary>Creates a source from a seed.</summary>
    public SeededRandom(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The seed this source was created with.</summary>
    public int Seed { get; }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => _random.NextDouble();

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Uniform integer in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    /// <summary>Standard normal draw (Box–Muller, both values used).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is double spare)
        {
            _spareGaussian = null;
            return spare;
        }

        double u1;
        do
        {
            u1 = _random.NextDouble();
        }
        while (u1 <= double.Epsilon);
        double u2 = _random.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareGaussian = r * Math.Sin(2.0 * Math.PI * u2);
        return r * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n−1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        Shuffle(p.AsSpan());
        return p;
    }

    /// <summary>Derives an independent child seed, for handing seeds to sub-computations deterministically.</summary>
    public int NextSeed() => _random.Next();
}
