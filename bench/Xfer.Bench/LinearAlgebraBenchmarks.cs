using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Bench;

/// <summary>
/// The dense kernels the metrics spend their time in, for each provider, at the sizes of a typical candidate
/// (N = 20 000 samples, D = 1 024 features). The decompositions overwrite their input, so each invocation first
/// copies it back (at most 16 MB, a few milliseconds; included in the time).
/// </summary>
public class LinearAlgebraBenchmarks
{
    private const int PeakSize = 2048;
    private const int Samples = 20_000;
    private const int Features = 1024;
    private const int SvdRows = 2000;

    private ILinearAlgebraProvider _provider = null!;
    private double[] _a = [], _b = [], _c = [];
    private double[] _x = [], _gram = [];
    private double[] _spd = [], _sym = [], _work = [], _w = [];
    private double[] _tall = [], _tallWork = [], _s = [], _u = [], _vt = [];

    /// <summary>Which provider, spelled as in <c>XFER_LINALG</c>.</summary>
    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "native";

    /// <summary>native and managed, or the comma-separated list in <c>XFER_BENCH_PROVIDERS</c>.</summary>
    public static IEnumerable<string> Providers =>
        (Environment.GetEnvironmentVariable("XFER_BENCH_PROVIDERS") ?? "native,managed")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GlobalSetup]
    public void Setup()
    {
        _provider = LinearAlgebraProviders.Create(Provider);
        var rng = new SeededRandom(42);
        _a = Gaussian(rng, PeakSize * PeakSize);
        _b = Gaussian(rng, PeakSize * PeakSize);
        _c = new double[PeakSize * PeakSize];
        _x = Gaussian(rng, Samples * Features);
        _gram = new double[Features * Features];

        // Covariance-like SPD matrix (XᵀX/N + 10⁻³·I) and the same as the symmetric eigen input.
        _provider.Gram(Features, Samples, 1.0 / Samples, _x, Features, 0.0, _gram);
        _spd = (double[])_gram.Clone();
        for (int i = 0; i < Features; i++)
        {
            _spd[(i * Features) + i] += 1e-3;
        }

        _sym = (double[])_spd.Clone();
        _work = new double[Features * Features];
        _w = new double[Features];
        _tall = Gaussian(rng, SvdRows * Features);
        _tallWork = new double[_tall.Length];
        _s = new double[Features];
        _u = new double[SvdRows * Features];
        _vt = new double[Features * Features];
    }

    [Benchmark(Description = "dgemm 2048³ (peak)")]
    [Flops(2.0 * PeakSize * PeakSize * PeakSize)]
    public void GemmPeak() => _provider.Gemm(false, false, PeakSize, PeakSize, PeakSize, 1.0, _a, PeakSize, _b, PeakSize, 0.0, _c, PeakSize);

    [Benchmark(Description = "Gram XᵀX, N=20000 D=1024")]
    [Flops((double)Samples * Features * (Features + 1))]
    public void Gram() => _provider.Gram(Features, Samples, 1.0, _x, Features, 0.0, _gram);

    [Benchmark(Description = "symmetric eigen 1024 (vectors)")]
    public void SymmetricEigen()
    {
        _sym.CopyTo(_work, 0);
        _provider.SymmetricEigen(Features, _work, _w, computeVectors: true);
    }

    [Benchmark(Description = "thin SVD 2000×1024 (vectors)")]
    public void Svd()
    {
        _tall.CopyTo(_tallWork, 0);
        _provider.Svd(SvdRows, Features, _tallWork, _s, _u, _vt);
    }

    [Benchmark(Description = "Cholesky 1024")]
    [Flops((double)Features * Features * Features / 3)]
    public void Cholesky()
    {
        _spd.CopyTo(_work, 0);
        if (!_provider.Cholesky(Features, _work))
        {
            throw new InvalidOperationException("The benchmark matrix should be positive definite.");
        }
    }

    private static double[] Gaussian(SeededRandom rng, int count)
    {
        var x = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = rng.NextGaussian();
        }

        return x;
    }
}
