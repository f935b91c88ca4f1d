using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Evaluation.Probing;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Statistics;
using Xfer.Numerics.Optimization;

namespace Xfer.Analysis.Pge;

/// <summary>
/// Principal Gradient Expectation [Qi2022PGE]: a per-task signature made of the expected gradient of each weight unit of a shared
/// probe network, computed with a restart scheme and normalised; the transferability of a source to a target is estimated by the
/// gap between their signatures (smaller = better), so a new target costs one signature whatever the number of sources.
/// </summary>
/// <remarks>
/// <para>Reconstruction from the abstract (no code or full text was available; docs/pge.md documents every choice):</para>
/// <list type="number">
/// <item>Features X (N×D, frozen, from the encoder shared by all tasks) are standardised per feature with the task's statistics
/// (<see cref="PgeOptions.Standardize"/>).</item>
/// <item>The probe network is softmax(ReLU(X·W₁ + b₁)·W₂ + b₂). The shared layer (W₁ D×H, b₁) is initialised from the seed alone;
/// the task head (W₂ H×C, b₂) is task-specific, since its shape depends on C, and is excluded from the signature.</item>
/// <item>Restart scheme: R times, re-initialise the head from restart r's seed and run T mini-batches (cross-entropy), taking the
/// shared layer's gradient g_{r,t} on each; between batches the head takes an Adam step (<see cref="PgeTrajectory"/>).</item>
/// <item>Expectation: Ḡ = (1/(R·T))·Σ_{r,t} g_{r,t}; optionally the top singular vector of the stacked g_{r,t} instead.</item>
/// <item>Each weight unit's vector (<see cref="PgeWeightUnit"/>) is scaled to unit L2 norm.</item>
/// </list>
/// <para>Determinism: same features, labels and options give the same signature bit for bit (on the same linear-algebra
/// provider and thread count). Cost per task, shared layer frozen: two N×D×H products plus R·T small head steps, O(N·D·H).</para>
/// </remarks>
public static class PrincipalGradientExpectation
{
    /// <summary>Bumped whenever a change to the computation changes signatures (part of the cache key).</summary>
    public const int AlgorithmVersion = 1;

    /// <summary>Largest number of stored batch gradients (R·T × parameters) for the singular-vector option: 2²⁸ doubles = 2 GiB.</summary>
    private const long MaxStoredGradientValues = 1L << 28;

    /// <summary>Computes the signature of one task.</summary>
    /// <param name="features">N×D features of the task's samples.</param>
    /// <param name="labels">N labels (C ≥ 2 classes).</param>
    /// <param name="options">Settings (defaults: <see cref="PgeOptions"/>).</param>
    /// <param name="name">The task's name, carried in the signature.</param>
    /// <param name="progress">Receives "pge" progress, one unit per restart.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    public static PgeSignature Compute(Matrix features, ClassLabels labels, PgeOptions? options = null, string name = "",
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new PgeOptions();
        return Run(features, labels, options, name, options.Direction == PgePrincipalDirection.TopSingularVector, progress, cancellationToken).Signature;
    }

    /// <summary>
    /// As <see cref="Compute"/>, also returning every mini-batch gradient of every unit (rows in restart-major order; for tests:
    /// their mean must equal the expectation).
    /// </summary>
    internal static (PgeSignature Signature, Matrix[] BatchGradients) ComputeWithBatchGradients(Matrix features, ClassLabels labels, PgeOptions options)
    {
        var (signature, batches) = Run(features, labels, options, string.Empty, true, null, CancellationToken.None);
        return (signature, batches!);
    }

    private static (PgeSignature Signature, Matrix[]? BatchGradients) Run(Matrix features, ClassLabels labels, PgeOptions options, string name, bool keepBatches,
        IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        options.Validate();
        string what = name.Length > 0 ? "task '" + name + "'" : "the task";
        Require.SameSampleCount(features.Rows, "features of " + what, labels.Count, "labels of " + what);
        Require.AtLeastTwoClasses(labels, "labels of " + what);
        if (features.Columns == 0)
        {
            throw new XferException($"the features of {what} have 0 columns.");
        }

        Require.Finite(features, "features of " + what);
        var clock = Stopwatch.StartNew();
        string dataHash = PgeSignatureCache.Key(features, labels, options);
        var x = options.Standardize ? FeatureStandardizer.Fit(features).Transform(features) : features;
        int d = x.Columns, h = options.HiddenUnits, c = labels.ClassCount, steps = options.Restarts * options.StepsPerRestart;
        var layout = PgeUnitLayout.Create(d, h, options);
        var batchGradients = keepBatches ? AllocateBatchStore(layout, steps, what) : null;

        // One master stream: the shared layer's seed first, then one seed per restart, so restart r is the same for every R > r.
        var master = new SeededRandom(options.Seed);
        var probe = PgeProbeLayer.Create(d, h, master.NextSeed());
        var restartSeeds = new int[options.Restarts];
        for (int r = 0; r < restartSeeds.Length; r++)
        {
            restartSeeds[r] = master.NextSeed();
        }

        var y = labels.ToArray();
        var (sumW1, sumB1, lossSum) = options.Trajectory == PgeTrajectory.Full
            ? RunFull(x, y, c, probe, restartSeeds, options, layout, batchGradients, what, progress, cancellationToken)
            : RunFrozen(x, y, c, probe, restartSeeds, options, layout, batchGradients, what, progress, cancellationToken);

        var expectation = new double[layout.Length];
        layout.Gather(sumW1, sumB1, expectation);
        double scale = 1.0 / steps;
        for (int i = 0; i < expectation.Length; i++)
        {
            expectation[i] *= scale;
        }

        var vector = new double[layout.Length];
        var norms = new double[layout.UnitCount];
        for (int u = 0; u < layout.UnitCount; u++)
        {
            var mean = expectation.AsSpan(layout.Offsets[u], layout.UnitLengths[u]);
            var target = vector.AsSpan(layout.Offsets[u], layout.UnitLengths[u]);
            norms[u] = Norm(mean);
            if (options.Direction == PgePrincipalDirection.Expectation)
            {
                mean.CopyTo(target);
            }
            else
            {
                TopRightSingularVector(batchGradients![u], mean, target);
            }

            double length = Norm(target);
            if (length > 0)
            {
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] /= length;
                }
            }
            else
            {
                target.Clear();
                norms[u] = 0;
            }
        }

        return (new PgeSignature(name, options, d, x.Rows, c, layout.UnitLengths, vector, norms, lossSum / steps, dataHash, clock.Elapsed.TotalSeconds), batchGradients);
    }

    /// <summary>Head-only and at-initialisation trajectories: the shared layer never moves, so its forward pass is done once.</summary>
    private static (double[] SumW1, double[] SumB1, double LossSum) RunFrozen(Matrix x, int[] y, int c, PgeProbeLayer probe, int[] restartSeeds,
        PgeOptions options, PgeUnitLayout layout, Matrix[]? batchGradients, string what, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        int n = x.Rows, h = options.HiddenUnits;
        var (pre, hidden) = probe.Forward(x);
        var coefficients = new Matrix(n, h); // Σ over batches of dA, scattered to each batch's samples
        var gradW2 = new Matrix(h, c);
        var gradB2 = new double[c];
        var row = batchGradients is null ? null : new double[layout.Length];
        double lossSum = 0;
        for (int r = 0; r < restartSeeds.Length; r++)
        {
            var rng = new SeededRandom(restartSeeds[r]);
            var (w2, b2) = NewHead(h, c, rng);
            var batches = new PgeBatchSchedule(n, options.BatchSize, rng);
            var adamW2 = new Adam(w2.Data.Length, options.LearningRate);
            var adamB2 = new Adam(b2.Length, options.LearningRate);
            for (int t = 0; t < options.StepsPerRestart; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = batches.Next();
                double loss = PgeBackprop.HeadStep(pre, hidden, rows, y, w2, b2, gradW2, gradB2, out var dPre);
                lossSum += CheckFinite(loss, what);
                for (int i = 0; i < rows.Length; i++)
                {
                    var target = coefficients.Row(rows[i]);
                    var source = dPre.Row(i);
                    for (int j = 0; j < h; j++)
                    {
                        target[j] += source[j];
                    }
                }

                if (batchGradients is not null)
                {
                    var (gw1, gb1) = PgeBackprop.SharedGradient(x.SelectRows(rows), dPre);
                    StoreBatch(layout, gw1.Data, gb1, row!, batchGradients, (r * options.StepsPerRestart) + t);
                }

                if (options.Trajectory == PgeTrajectory.HeadOnly)
                {
                    adamW2.Step(w2.Data, gradW2.Data);
                    adamB2.Step(b2, gradB2);
                }
            }

            Report(progress, r, restartSeeds.Length);
        }

        var sumW1 = Linalg.Multiply(x, coefficients, transposeA: true);
        return (sumW1.Data, PgeBackprop.ColumnSums(coefficients), lossSum);
    }

    /// <summary>Full trajectory: every restart starts again from the shared initialisation and trains both layers.</summary>
    private static (double[] SumW1, double[] SumB1, double LossSum) RunFull(Matrix x, int[] y, int c, PgeProbeLayer probe, int[] restartSeeds,
        PgeOptions options, PgeUnitLayout layout, Matrix[]? batchGradients, string what, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        int n = x.Rows, d = x.Columns, h = options.HiddenUnits;
        var sumW1 = new double[d * h];
        var sumB1 = new double[h];
        var row = batchGradients is null ? null : new double[layout.Length];
        var gradient = new MlpParameters(d, h, c);
        double lossSum = 0;
        for (int r = 0; r < restartSeeds.Length; r++)
        {
            var rng = new SeededRandom(restartSeeds[r]);
            var (w2, b2) = NewHead(h, c, rng);
            var batches = new PgeBatchSchedule(n, options.BatchSize, rng);
            var p = new MlpParameters(probe.W1.Clone(), (double[])probe.B1.Clone(), w2, b2);
            var adam = new[] { new Adam(d * h, options.LearningRate), new Adam(h, options.LearningRate), new Adam(h * c, options.LearningRate), new Adam(c, options.LearningRate) };
            for (int t = 0; t < options.StepsPerRestart; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = batches.Next();
                var yb = new int[rows.Length];
                for (int i = 0; i < yb.Length; i++)
                {
                    yb[i] = y[rows[i]];
                }

                lossSum += CheckFinite(MlpHead.LossAndGradient(p, x.SelectRows(rows), yb, 0.0, gradient), what);
                Add(sumW1, gradient.W1.Data);
                Add(sumB1, gradient.B1);
                if (batchGradients is not null)
                {
                    StoreBatch(layout, gradient.W1.Data, gradient.B1, row!, batchGradients, (r * options.StepsPerRestart) + t);
                }

                adam[0].Step(p.W1.Data, gradient.W1.Data);
                adam[1].Step(p.B1, gradient.B1);
                adam[2].Step(p.W2.Data, gradient.W2.Data);
                adam[3].Step(p.B2, gradient.B2);
            }

            Report(progress, r, restartSeeds.Length);
        }

        return (sumW1, sumB1, lossSum);
    }

    /// <summary>A fresh head H→C: PyTorch <c>nn.Linear</c> initialisation, uniform in ±1/√H (W₂ row by row, then b₂).</summary>
    private static (Matrix W2, double[] B2) NewHead(int hidden, int classes, SeededRandom rng)
    {
        var w2 = new Matrix(hidden, classes);
        var b2 = new double[classes];
        double bound = 1.0 / Math.Sqrt(hidden);
        PgeProbeLayer.Uniform(w2.Data, bound, rng);
        PgeProbeLayer.Uniform(b2, bound, rng);
        return (w2, b2);
    }

    private static Matrix[] AllocateBatchStore(PgeUnitLayout layout, int steps, string what)
    {
        long values = (long)steps * layout.Length;
        if (values > MaxStoredGradientValues)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "PGE's singular-vector direction for {0} would store {1} batch gradients of {2} values ({3:F1} GiB, limit 2 GiB); lower the restarts, steps or hidden units, or use the expectation direction.",
                what, steps, layout.Length, values * 8.0 / (1L << 30)));
        }

        var store = new Matrix[layout.UnitCount];
        for (int u = 0; u < store.Length; u++)
        {
            store[u] = new Matrix(steps, layout.UnitLengths[u]);
        }

        return store;
    }

    private static void StoreBatch(PgeUnitLayout layout, ReadOnlySpan<double> gradW1, ReadOnlySpan<double> gradB1, double[] row, Matrix[] store, int index)
    {
        layout.Gather(gradW1, gradB1, row);
        for (int u = 0; u < store.Length; u++)
        {
            row.AsSpan(layout.Offsets[u], layout.UnitLengths[u]).CopyTo(store[u].Row(index));
        }
    }

    /// <summary>
    /// The top right singular vector v of M (rows = batch gradients), from the top eigenvector u of the small Gram M·Mᵀ (R·T × R·T):
    /// v ∝ Mᵀu. Its sign is chosen so that v·<paramref name="mean"/> ≥ 0.
    /// </summary>
    private static void TopRightSingularVector(Matrix m, ReadOnlySpan<double> mean, Span<double> destination)
    {
        var gram = Linalg.Multiply(m, m, transposeB: true);
        var eigen = Linalg.SymmetricEigen(gram);
        int top = gram.Rows - 1; // eigenvalues ascending
        destination.Clear();
        for (int t = 0; t < m.Rows; t++)
        {
            double ut = eigen.Vectors![t, top];
            var g = m.Row(t);
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] += ut * g[i];
            }
        }

        double dot = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            dot += destination[i] * mean[i];
        }

        if (dot < 0)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = -destination[i];
            }
        }
    }

    private static double CheckFinite(double loss, string what)
    {
        if (!double.IsFinite(loss))
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "PGE's probe training diverged on {0} (batch loss {1}); lower the learning rate or keep feature standardisation on.", what, loss));
        }

        return loss;
    }

    private static void Add(double[] sum, ReadOnlySpan<double> values)
    {
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += values[i];
        }
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (double a in v)
        {
            s += a * a;
        }

        return Math.Sqrt(s);
    }

    private static void Report(IProgress<ProgressUpdate>? progress, int restart, int restarts)
        => progress?.Report(new ProgressUpdate("pge", string.Format(CultureInfo.InvariantCulture, "restart {0}/{1}", restart + 1, restarts), restart + 1, restarts));
}
