using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Metrics.Catalog;
using Xfer.Metrics.Shared;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Metrics;

/// <summary>The two pipelines of the official TransRate repository that produced the paper's tables.</summary>
public enum TransRateOfficialVariant
{
    /// <summary>
    /// <c>Z_centralized</c> (seeds-methods.md §1.3, "Variant B"): L2-normalise rows, centre, L2-normalise again; eigenvalues of
    /// the global and per-class second-moment matrices. Used for the source- and layer-selection tables.
    /// </summary>
    Centralized,

    /// <summary>
    /// <c>Z_new_proj_mul</c> (§1.4, "Variant C"): raw features projected by P = Σ_T⁺·S_B/N (LDA-like, rank ≤ C − 1); singular
    /// values of Σ_T·P and of W_k·P/n_k. Used for the model-selection tables.
    /// </summary>
    Projection,
}

/// <summary>Options of <see cref="TransRateOfficial"/>.</summary>
/// <param name="Epsilon">ε ("value of eps² in transrate", <c>extract_result_utils.process_transrate_logs</c>); default 1e-4, the
/// value of the CIFAR-100 source-selection table. The official tables tune it per table (1e-5 … 1e-1, seeds-methods.md §1.6).</param>
/// <param name="Variant">Which official pipeline.</param>
public sealed record TransRateOfficialOptions(double Epsilon = TransRateOfficial.DefaultEpsilon, TransRateOfficialVariant Variant = TransRateOfficialVariant.Centralized);

/// <summary>Result of <see cref="TransRateOfficial"/>.</summary>
/// <param name="Score">TrR = R_Z − R_{Z|Y}; higher is better.</param>
/// <param name="CodingRate">R_Z = Σ_i log(1 + |λ_i|/(s·ε)) / (2r).</param>
/// <param name="ConditionalCodingRate">R_{Z|Y} = Σ_k (n_k/n)·Σ_i log(1 + |λ_i^(k)|/(s·ε)) / (2r).</param>
/// <param name="Rank">r: numpy <c>matrix_rank</c> of the global D×D matrix (tolerance σ_max·D·ε_machine).</param>
/// <param name="TraceNormaliser">s: the sum of the global eigenvalues, by which every eigenvalue is divided (≈ 1 for the centralized variant).</param>
public sealed record TransRateOfficialResult(double Score, double CodingRate, double ConditionalCodingRate, int Rank, double TraceNormaliser);

/// <summary>
/// TransRate [Huang2022TransRate] as the official repository (Long-Kai/TransRate@5b59b64def) computes its published numbers:
/// the eigenvalue pipeline of <c>generate_transrate/transrate.py</c> followed by
/// <c>extract_result_utils.process_transrate_logs(normalize_eigz=True, opt_active_eigs='all', normalize_opt='rank')</c>.
/// </summary>
/// <remarks>
/// <para><b>Centralized</b> (default, seeds-methods.md §1.3): Z̃ = rownorm(rownorm(X) − mean), C = Z̃ᵀZ̃/n, C_k = Z̃_kᵀZ̃_k/n_k (classes
/// not re-centred), λ = eigenvalues of C, λ^(k) of C_k, s = Σλ (the trace of C, ≈ 1 because the rows have unit norm),
/// r = rank(C) with numpy's <c>matrix_rank</c> rule σ_i &gt; σ_max·D·ε_machine. TrR = [Σ_i log(1 + |λ_i|/(sε))
/// − Σ_k (n_k/n)·Σ_i log(1 + |λ_i^(k)|/(sε))] / (2r). Row norms use torch's floor max(‖x‖, 1e-12); a row equal to the mean
/// direction after centring (norm 0) makes the second normalisation undefined and the metric unavailable.</para>
/// <para><b>Projection</b> (§1.4): Σ_T = S_T/n, S_B = Σ_k n_k(μ_k − μ)(μ_k − μ)ᵀ = DᵀD, P = Σ_T⁺·S_B/n (pinv rcond 1e-15),
/// W_k = Σ_{i∈k}(x_i − μ_k)(x_i − μ_k)ᵀ; σ = singular values of Σ_T·P, σ^(k) of W_k·P/n_k; then the same formula with
/// s = Σσ. Every matrix is D×D of rank ≤ C, so its singular values are taken from a D×C matrix: with the thin SVD
/// D = U·diag(σ_D)·Wᵀ, sv(A·D) = sv(A·U·diag(σ_D)), for A = Σ_TΣ_T⁺Dᵀ and A = W_k·Σ_T⁺Dᵀ = X̃_kᵀ(X̃_k·Σ_T⁺Dᵀ); no D×D product
/// or SVD is formed. The remaining singular values are exactly zero here; the reference's rounding noise there
/// (~1e-16·σ_max each) changes the score by ~1e-11.</para>
/// <para>Input: features N×D, labels. Direction: higher is better. Cost: centralized O(N·D·min(N,D) + min(N,D)³ +
/// Σ_k min(n_k,D)³); projection O(N·D² + D³ (shared scatter) + N·D·C + C·D·C²). No copy of the features is made:
/// transformed rows are formed block by block.</para>
/// <para>Deviations: the official pipeline's first normalisation runs in float32 (torch) before the cast to float64; here
/// every step is float64 (differences ~1e-7 relative on float32 inputs). Σ_T is the exact scatter, not the reference's
/// XᵀX/n − μμᵀ (which cancels digits when features have a large offset). The released generator for the projection
/// variant raises TypeError (§1.4); the formulas follow the stored results. The 13-model CIFAR-100 table used s = 1 instead of
/// the trace normalisation; that setting is not offered.</para>
/// </remarks>
public static class TransRateOfficial
{
    /// <summary>Default ε.</summary>
    public const double DefaultEpsilon = 1e-4;

    /// <summary>torch.nn.functional.normalize's floor on row norms.</summary>
    private const double NormFloor = 1e-12;

    /// <summary>Computes the official TransRate of features N×D against labels.</summary>
    public static TransRateOfficialResult Score(Matrix features, ClassLabels labels, TransRateOfficialOptions? options = null)
        => Score(new TransferTask(features, labels), options ?? new TransRateOfficialOptions());

    internal static TransRateOfficialResult Score(TransferTask task, TransRateOfficialOptions options)
    {
        if (!(options.Epsilon > 0) || !double.IsFinite(options.Epsilon))
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "transrate-official.epsilon must be a positive finite number; got {0}.", options.Epsilon));
        }

        return options.Variant == TransRateOfficialVariant.Centralized ? Centralized(task, options.Epsilon) : Projection(task, options.Epsilon);
    }

    private static TransRateOfficialResult Centralized(TransferTask task, double eps)
    {
        var x = task.Features;
        int n = task.SampleCount, d = task.FeatureCount;

        // Pass 1: the mean of the L2-normalised rows.
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            double inv = 1.0 / Math.Max(Norm(row), NormFloor);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j] * inv;
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= n;
        }

        void Transform(int i, Span<double> z)
        {
            var row = x.Row(i);
            double inv = 1.0 / Math.Max(Norm(row), NormFloor);
            for (int j = 0; j < d; j++)
            {
                z[j] = (row[j] * inv) - mean[j];
            }

            double nz = Norm(z);
            if (!(nz > 0))
            {
                throw new MetricUnavailableException(string.Format(CultureInfo.InvariantCulture,
                    "transrate-official: sample {0} has zero norm after centring the normalised features (it points exactly along the mean direction), so the second normalisation is undefined.", i));
            }

            for (int j = 0; j < d; j++)
            {
                z[j] /= nz;
            }
        }

        // s = tr(C) = Σ_i ‖z̃_i‖²/n (≈ 1; computed rather than assumed, as the reference sums the eigenvalues).
        var scratch = new double[d];
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            Transform(i, scratch);
            double q = 0;
            foreach (double v in scratch)
            {
                q += v * v;
            }

            trace += q;
        }

        double s = trace / n;
        var groups = task.Labels.SamplesByClass();
        double classSum = 0;
        double[] globalEigen;
        if (n >= d)
        {
            var global = new Matrix(d, d);
            foreach (var rows in groups)
            {
                int nk = rows.Length;
                if (nk >= d)
                {
                    var gram = new Matrix(d, d);
                    RowBlocks.AccumulateGram(rows, d, Transform, gram);
                    classSum += (double)nk / n * LogDetIdentityPlus(gram, 1.0 / (nk * s * eps));
                    Add(global, gram);
                }
                else
                {
                    var z = Rows(rows, d, Transform);
                    classSum += (double)nk / n * LogDetIdentityPlus(Linalg.Multiply(z, z, transposeB: true), 1.0 / (nk * s * eps));
                    Linalg.GramAccumulate(z.Data, nk, d, global);
                }
            }

            globalEigen = Linalg.SymmetricEigen(global, computeVectors: false).Values;
        }
        else
        {
            foreach (var rows in groups)
            {
                var z = Rows(rows, d, Transform);
                classSum += (double)rows.Length / n * LogDetIdentityPlus(Linalg.Multiply(z, z, transposeB: true), 1.0 / (rows.Length * s * eps));
            }

            globalEigen = Linalg.SymmetricEigen(RowBlocks.Kernel(RowBlocks.All(n), d, Transform), computeVectors: false).Values;
        }

        double codingRate = 0;
        foreach (double g in globalEigen)
        {
            codingRate += Math.Log(1 + (Math.Abs(g) / n / (s * eps)));
        }

        int rank = NumpyRank(globalEigen, n, d);
        return Finish(codingRate, classSum, rank, s);
    }

    private static TransRateOfficialResult Projection(TransferTask task, double eps)
    {
        var m = task.Moments;
        var eig = task.TotalScatterEigen;
        int n = task.SampleCount, d = task.FeatureCount, c = task.ClassCount;

        // Dm (C×D): rows √n_k·(μ_k − μ), so S_B = DmᵀDm.
        var dm = new Matrix(c, d);
        for (int k = 0; k < c; k++)
        {
            double w = Math.Sqrt(m.Counts[k]);
            var mk = m.ClassMeans.Row(k);
            var row = dm.Row(k);
            for (int j = 0; j < d; j++)
            {
                row[j] = w * (mk[j] - m.Mean[j]);
            }
        }

        // pinv(Σ_T, rcond=1e-15) with Σ_T = S_T/n = V·diag(λ/n)·Vᵀ: keep |λ| > 1e-15·max|λ|.
        double maxAbs = 0;
        foreach (double l in eig.Values)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(l));
        }

        var kept = new List<int>();
        for (int i = 0; i < d; i++)
        {
            if (maxAbs > 0 && Math.Abs(eig.Values[i]) > 1e-15 * maxAbs)
            {
                kept.Add(i);
            }
        }

        var v = eig.Vectors!;
        var vr = new Matrix(d, kept.Count);
        for (int t = 0; t < kept.Count; t++)
        {
            for (int j = 0; j < d; j++)
            {
                vr[j, t] = v[j, kept[t]];
            }
        }

        var coords = Linalg.Multiply(vr, dm, transposeA: true, transposeB: true); // V_rᵀ·Dmᵀ (r×C)
        var scaled = coords.Clone();
        for (int t = 0; t < kept.Count; t++)
        {
            double inv = n / eig.Values[kept[t]];                    // (λ/n)⁻¹
            var row = scaled.Row(t);
            for (int k = 0; k < c; k++)
            {
                row[k] *= inv;
            }
        }

        var g = Linalg.Multiply(vr, scaled);                         // Σ_T⁺·Dmᵀ (D×C)
        var projector = Linalg.Multiply(vr, coords);                 // Σ_TΣ_T⁺·Dmᵀ (D×C)

        // Dm = U·diag(σ)·Wᵀ (thin SVD), so for any A the singular values of A·Dm are those of R = A·U·diag(σ) (D×C): W has
        // orthonormal rows. (An eigendecomposition of DmDmᵀ would turn its rounding-level zero eigenvalue into √ε-sized noise.)
        var dsvd = Linalg.Svd(dm);
        var r = dsvd.U!.Clone();
        for (int t = 0; t < dsvd.Values.Length; t++)
        {
            for (int i = 0; i < r.Rows; i++)
            {
                r[i, t] *= dsvd.Values[t];
            }
        }

        var globalSv = SingularValuesTimesDm(projector, r, 1.0 / n);
        double s = 0, max = 0;
        foreach (double sv in globalSv)
        {
            s += sv;
            max = Math.Max(max, sv);
        }

        int rank = 0;
        foreach (double sv in globalSv)
        {
            if (sv > max * d * NumericConstants.MachineEpsilon)
            {
                rank++;
            }
        }

        if (rank == 0 || !(s > 0))
        {
            throw new MetricUnavailableException("transrate-official (projection): the class means coincide (no between-class scatter), so the projection is zero.");
        }

        double codingRate = 0;
        foreach (double sv in globalSv)
        {
            codingRate += Math.Log(1 + (sv / (s * eps)));
        }

        var groups = task.Labels.SamplesByClass();
        double classSum = 0;
        var x = task.Features;
        for (int k = 0; k < c; k++)
        {
            var mk = m.ClassMeans.Row(k).ToArray();
            void Centre(int i, Span<double> z)
            {
                var row = x.Row(i);
                for (int j = 0; j < d; j++)
                {
                    z[j] = row[j] - mk[j];
                }
            }

            int nk = groups[k].Length;
            var ak = RowBlocks.GramProduct(groups[k], d, Centre, g);  // W_k·Σ_T⁺·Dmᵀ (D×C)
            double rk = 0;
            foreach (double sv in SingularValuesTimesDm(ak, r, 1.0 / ((double)n * nk)))
            {
                rk += Math.Log(1 + (sv / (s * eps)));
            }

            classSum += (double)nk / n * rk;
        }

        return Finish(codingRate, classSum, rank, s);
    }

    /// <summary>The singular values of scale·A·Dm (D×D, rank ≤ C) as those of the D×C matrix A·R (R = U·diag(σ) from Dm's SVD).</summary>
    private static double[] SingularValuesTimesDm(Matrix a, Matrix r, double scale)
    {
        var sv = Linalg.Svd(Linalg.Multiply(a, r), computeVectors: false).Values;
        for (int i = 0; i < sv.Length; i++)
        {
            sv[i] *= scale;
        }

        return sv;
    }

    private static TransRateOfficialResult Finish(double codingRate, double classSum, int rank, double s)
    {
        double rz = codingRate / (2.0 * rank), rzy = classSum / (2.0 * rank);
        return new TransRateOfficialResult(rz - rzy, rz, rzy, rank, s);
    }

    /// <summary>numpy <c>matrix_rank</c> of the D×D matrix whose eigenvalues are <paramref name="eigen"/>/n (the rest zero): σ &gt; σ_max·D·ε.</summary>
    private static int NumpyRank(double[] eigen, int n, int d)
    {
        double max = 0;
        foreach (double g in eigen)
        {
            max = Math.Max(max, Math.Abs(g) / n);
        }

        int rank = 0;
        foreach (double g in eigen)
        {
            if (Math.Abs(g) / n > max * d * NumericConstants.MachineEpsilon)
            {
                rank++;
            }
        }

        return rank;
    }

    /// <summary>log det(I + a·G) for a symmetric PSD G (Cholesky of the SPD matrix I + a·G).</summary>
    private static double LogDetIdentityPlus(Matrix gram, double a)
    {
        var g = gram.Clone();
        for (int i = 0; i < g.Data.Length; i++)
        {
            g.Data[i] *= a;
        }

        for (int i = 0; i < g.Rows; i++)
        {
            g[i, i] += 1.0;
        }

        return Linalg.LogDeterminantSpd(g);
    }

    private static Matrix Rows(int[] rows, int d, RowTransform transform)
    {
        var z = new Matrix(rows.Length, d);
        for (int t = 0; t < rows.Length; t++)
        {
            transform(rows[t], z.Row(t));
        }

        return z;
    }

    private static void Add(Matrix target, Matrix source)
    {
        for (int i = 0; i < target.Data.Length; i++)
        {
            target.Data[i] += source.Data[i];
        }
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double q = 0;
        foreach (double a in v)
        {
            q += a * a;
        }

        return Math.Sqrt(q);
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : ISingleTaskMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "transrate-official", "TransRate (official pipeline)", "Huang2022TransRate", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: false, Stochastic: false,
            Cost: "O(N·D·min(N,D) + min(N,D)³ + Σ_k min(n_k,D)³); projection variant O(N·D² + D³ + N·D·C + C·D·C²)",
            Summary: "TransRate as the official repository computes its tables: doubly L2-normalised features, n_k/n class weights, eigenvalues normalised by the trace, divided by 2·rank (variant=projection: the LDA-like model-selection pipeline).");

        public MetricValue Evaluate(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var options = new TransRateOfficialOptions(
                settings.GetDouble("transrate-official.epsilon", DefaultEpsilon),
                settings.GetEnum("transrate-official.variant", TransRateOfficialVariant.Centralized));
            var r = Score(task, options);
            return new MetricValue(r.Score, new Dictionary<string, double>
            {
                ["epsilon"] = options.Epsilon,
                ["codingRate"] = r.CodingRate,
                ["conditionalCodingRate"] = r.ConditionalCodingRate,
                ["rank"] = r.Rank,
                ["trace"] = r.TraceNormaliser,
            });
        }
    }
}
