using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Metrics.Catalog;
using Xfer.Metrics.Shared;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.Statistics;

namespace Xfer.Metrics;

/// <summary>Options of <see cref="Ncti"/>.</summary>
/// <param name="Components">PCA dimensions (reference: <c>PCA(n_components=64)</c>); fewer when D or N − 1 is smaller.</param>
public sealed record NctiOptions(int Components = Ncti.DefaultComponents);

/// <summary>One candidate's raw NCTI terms (before the min-max normalisation across the pool).</summary>
/// <param name="Seli">S_seli = ‖Z_LDA − mean‖_*: nuclear norm of the centred LDA projection (higher is better).</param>
/// <param name="Ncc">S_ncc = mean_i p_LDA(y_i | x_i) (higher is better).</param>
/// <param name="Vc">S_vc = log Σ_c ‖P_c‖_*, P_c the LDA probability rows of class c (lower is better).</param>
/// <param name="Shrinkage">s = max(exp(−Σ of the 32 largest PCA variances), 1e-10).</param>
/// <param name="EigenSolver">True when s &gt; 1e-10 (scikit-learn's eigen solver with shrinkage s); false for the svd solver.</param>
/// <param name="Components">PCA dimensions used.</param>
public sealed record NctiComponents(double Seli, double Ncc, double Vc, double Shrinkage, bool EigenSolver, int Components);

/// <summary>
/// NCTI, Neural Collapse inspired Transferability Index [Wang2023NCTI], as BUserName/NCTI@770be727e6 computes it
/// (<c>metrics.py:NCTI_Score</c> for the three terms, <c>evaluate_metric_group1_cpu.py</c> for their combination).
/// Pool-relative: each term is min-max normalised across the candidates, so a score exists only within a pool.
/// </summary>
/// <remarks>
/// <para>Per candidate: Z = PCA of the features to k = 64 dimensions (shared with GBC); s = max(exp(−Σ_{i&lt;32} var_i), 1e-10)
/// with var_i scikit-learn's <c>explained_variance_</c> (÷ (N − 1)). If s = 1e-10 exactly, scikit-learn's
/// <c>LinearDiscriminantAnalysis(solver='svd')</c>, else <c>(solver='eigen', shrinkage=s)</c>, fitted on (Z, y). From it:
/// S_seli = nuclear norm of the centred <c>fit_transform</c> projection (min(C − 1, k) columns), S_ncc = mean p(y_i|x_i) of
/// <c>predict_proba</c>, S_vc = log Σ_c ‖P_c‖_*. NCTI = minmax(S_ncc) + minmax(S_seli) − minmax(S_vc), min-max over the
/// candidates. Direction: higher is better. Input: features N×D, labels; a pool of at least two candidates.</para>
/// <para>Both LDA solvers are reproduced. Eigen: S̃_w = (1 − s)S_W/N + s·tr/k·I, S̃_t likewise, S_b = S̃_t − S̃_w; the projection
/// uses the generalised eigenvectors of S_b·v = e·S̃_w·v normalised VᵀS̃_wV = I (scipy.linalg.eigh), obtained from the Cholesky
/// factor L of S̃_w as V = L⁻ᵀ·eig(L⁻¹S_bL⁻ᵀ); probabilities use coef = M·S̃_w⁻¹ (<c>FisherLda</c>). SVD: class-centred data
/// scaled by the per-feature within std and √(1/(N − C)), whitened over the directions with singular value &gt; 1e-4
/// (scikit-learn's <c>tol</c>), then the class-mean directions (relative tolerance 1e-4); the projection is (Z − x̄)·scalings and
/// the probabilities are Gaussian posteriors in that space. The singular vectors come from eigendecompositions of the k×k
/// within matrix and the rank×rank between matrix (same subspaces; the nuclear norm does not depend on the basis chosen).</para>
/// <para>Deviations: the reference's PCA uses scikit-learn's default solver, which is randomized (with an unseeded random
/// state) for inputs larger than 500×500; here the PCA is exact, as with <c>svd_solver='full'</c>. k = min(64, D, N − 1)
/// where the reference requires D, N ≥ 64. A term that is equal for every candidate would make the reference divide by zero
/// (NaN); here it contributes 0 and a warning. A single candidate has no min-max: the metric is unavailable (raw terms in
/// the details). Cost per candidate: shared PCA + O(N·k² + k³ + N·k·C + Σ_c n_c·C²).</para>
/// </remarks>
public static class Ncti
{
    /// <summary>PCA dimensions of the reference.</summary>
    public const int DefaultComponents = 64;

    /// <summary>Explained variances summed for the shrinkage (reference: <c>pca.explained_variance_[:32]</c>).</summary>
    public const int ShrinkageVarianceTerms = 32;

    /// <summary>Floor of the shrinkage; hitting it exactly selects the svd solver (reference: <c>if temp == 1e-10</c>).</summary>
    public const double ShrinkageFloor = 1e-10;

    /// <summary>scikit-learn's <c>LinearDiscriminantAnalysis(tol=1e-4)</c> rank threshold of the svd solver.</summary>
    public const double SvdTolerance = 1e-4;

    /// <summary>Computes one candidate's raw NCTI terms.</summary>
    public static NctiComponents Components(Matrix features, ClassLabels labels, NctiOptions? options = null)
        => Components(new TransferTask(features, labels), options ?? new NctiOptions());

    /// <summary>NCTI = minmax(ncc) + minmax(seli) − minmax(vc) over the pool (at least two candidates).</summary>
    public static double[] Combine(IReadOnlyList<NctiComponents> pool) => Combine(pool, out _);

    internal static double[] Combine(IReadOnlyList<NctiComponents> pool, out string[] constantTerms)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var ncc = PoolNormalization.MinMax(pool.Select(p => p.Ncc).ToList(), out bool c1);
        var seli = PoolNormalization.MinMax(pool.Select(p => p.Seli).ToList(), out bool c2);
        var vc = PoolNormalization.MinMax(pool.Select(p => p.Vc).ToList(), out bool c3);
        constantTerms = new[] { (c1, "ncc"), (c2, "seli"), (c3, "vc") }.Where(t => t.Item1).Select(t => t.Item2).ToArray();
        var score = new double[pool.Count];
        for (int i = 0; i < score.Length; i++)
        {
            score[i] = ncc[i] + seli[i] - vc[i];
        }

        return score;
    }

    internal static NctiComponents Components(TransferTask task, NctiOptions options)
    {
        if (options.Components < 1)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture, "ncti.components must be at least 1; got {0}.", options.Components));
        }

        var pca = PrincipalComponents.Of(task, options.Components);
        var z = pca.Scores;
        var labels = task.Labels;
        int n = task.SampleCount, k = z.Columns, c = task.ClassCount;
        double top = 0;
        for (int i = 0; i < Math.Min(ShrinkageVarianceTerms, k); i++)
        {
            top += pca.Variances[i];
        }

        double s = Math.Max(Math.Exp(-top), ShrinkageFloor);
        bool eigen = s != ShrinkageFloor;
        var moments = ClassMoments.Compute(z, labels);
        var stats = LdaStatistics.From(moments);
        int m = Math.Min(c - 1, k);
        var (projection, probabilities) = eigen ? EigenSolver(z, stats, s, m) : SvdSolver(z, stats, m);

        double seli = NuclearNorm(Centred(projection));
        double ncc = Rows.MeanTrueClassProbability(probabilities, labels);
        double classNuclear = 0;
        foreach (var rows in labels.SamplesByClass())
        {
            classNuclear += NuclearNorm(probabilities.SelectRows(rows));
        }

        return new NctiComponents(seli, ncc, Math.Log(classNuclear), s, eigen, k);
    }

    /// <summary>scikit-learn's eigen solver with shrinkage s: the projection Z·V_m and the probabilities.</summary>
    private static (Matrix Projection, Matrix Probabilities) EigenSolver(Matrix z, LdaStatistics stats, double s, int m)
    {
        var lda = FisherLda.Fit(stats, s, "ncti");
        var sb = FisherLda.ShrunkCovariance(stats.TotalScatter, stats.SampleCount, s);
        for (int i = 0; i < sb.Data.Length; i++)
        {
            sb.Data[i] -= lda.ShrunkWithin.Data[i];
        }

        // scipy.linalg.eigh(Sb, S̃w): A = L⁻¹·Sb·L⁻ᵀ = QΛQᵀ, V = L⁻ᵀ·Q (so VᵀS̃wV = I).
        var l = lda.WithinFactor.Lower;
        var y = Triangular.SolveLower(l, sb);
        var a = Triangular.SolveLower(l, y.Transpose());
        Symmetrise(a);
        var eig = Linalg.SymmetricEigen(a);
        int k = z.Columns;
        var q = new Matrix(k, m);
        for (int t = 0; t < m; t++)
        {
            for (int i = 0; i < k; i++)
            {
                q[i, t] = eig.Vectors![i, k - 1 - t]; // descending eigenvalues
            }
        }

        var v = Triangular.SolveLowerTransposed(l, q);
        return (Linalg.Multiply(z, v), lda.Probabilities(z));
    }

    /// <summary>scikit-learn's svd solver (tol 1e-4): the projection (Z − x̄)·scalings and the probabilities.</summary>
    private static (Matrix Projection, Matrix Probabilities) SvdSolver(Matrix z, LdaStatistics stats, int m)
    {
        int n = stats.SampleCount, k = stats.Dimension, c = stats.ClassCount;
        var priors = stats.Counts.Select(cnt => (double)cnt / n).ToArray();
        var xbar = new double[k];
        for (int cl = 0; cl < c; cl++)
        {
            for (int j = 0; j < k; j++)
            {
                xbar[j] += priors[cl] * stats.ClassMeans[cl, j];
            }
        }

        // 1) within scaling: std of the class-centred data, 2) X = √(1/(N − C))·Xc/std, whose right singular vectors and
        // values are the eigenpairs of fac·D⁻¹·S_W·D⁻¹.
        var std = new double[k];
        for (int j = 0; j < k; j++)
        {
            std[j] = Math.Sqrt(stats.WithinScatter[j, j] / n);
            if (std[j] == 0)
            {
                std[j] = 1.0;
            }
        }

        double fac = 1.0 / (n - c);
        var scaledWithin = new Matrix(k, k);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                scaledWithin[i, j] = fac * stats.WithinScatter[i, j] / (std[i] * std[j]);
            }
        }

        var we = Linalg.SymmetricEigen(scaledWithin);
        var keep = new List<(double S, int Index)>();
        for (int t = k - 1; t >= 0; t--)
        {
            double sv = Math.Sqrt(Math.Max(0, we.Values[t]));
            if (sv > SvdTolerance)
            {
                keep.Add((sv, t));
            }
        }

        if (keep.Count == 0)
        {
            throw new MetricUnavailableException("ncti: the within-class scatter of the PCA features is zero, so the LDA (svd solver) has no direction.");
        }

        var scalings = new Matrix(k, keep.Count);
        for (int r = 0; r < keep.Count; r++)
        {
            for (int j = 0; j < k; j++)
            {
                scalings[j, r] = we.Vectors![j, keep[r].Index] / std[j] / keep[r].S;
            }
        }

        // 3) between scaling: weighted centred class means in the whitened space, and their right singular vectors.
        double fac2 = c == 1 ? 1.0 : 1.0 / (c - 1);
        var centredMeans = new Matrix(c, k);
        var weighted = new Matrix(c, k);
        for (int cl = 0; cl < c; cl++)
        {
            double w = Math.Sqrt(n * priors[cl] * fac2);
            for (int j = 0; j < k; j++)
            {
                centredMeans[cl, j] = stats.ClassMeans[cl, j] - xbar[j];
                weighted[cl, j] = w * centredMeans[cl, j];
            }
        }

        var xb = Linalg.Multiply(weighted, scalings);
        var be = Linalg.SymmetricEigen(Linalg.Gram(xb));
        int rank = keep.Count;
        double top = Math.Sqrt(Math.Max(0, be.Values[rank - 1]));
        var directions = new List<int>();
        for (int t = rank - 1; t >= 0; t--)
        {
            if (Math.Sqrt(Math.Max(0, be.Values[t])) > SvdTolerance * top)
            {
                directions.Add(t);
            }
        }

        var vt = new Matrix(rank, directions.Count);
        for (int r = 0; r < directions.Count; r++)
        {
            for (int i = 0; i < rank; i++)
            {
                vt[i, r] = be.Vectors![i, directions[r]];
            }
        }

        var finalScalings = Linalg.Multiply(scalings, vt);           // k × rank2
        var coefSmall = Linalg.Multiply(centredMeans, finalScalings); // C × rank2
        var coef = Linalg.Multiply(coefSmall, finalScalings, transposeB: true); // C × k
        var intercept = new double[c];
        for (int cl = 0; cl < c; cl++)
        {
            double sq = 0;
            foreach (double v in coefSmall.Row(cl))
            {
                sq += v * v;
            }

            double shift = 0;
            for (int j = 0; j < k; j++)
            {
                shift += xbar[j] * coef[cl, j];
            }

            intercept[cl] = (-0.5 * sq) + Math.Log(priors[cl]) - shift;
        }

        var probabilities = Linalg.Multiply(z, coef, transposeB: true);
        FisherLda.AddIntercepts(probabilities, intercept);
        Rows.SoftmaxInPlace(probabilities);

        var centred = z.Clone();
        for (int i = 0; i < centred.Rows; i++)
        {
            var row = centred.Row(i);
            for (int j = 0; j < k; j++)
            {
                row[j] -= xbar[j];
            }
        }

        var projection = Linalg.Multiply(centred, finalScalings);
        if (projection.Columns > m)
        {
            var cut = new Matrix(projection.Rows, m);
            for (int i = 0; i < projection.Rows; i++)
            {
                projection.Row(i)[..m].CopyTo(cut.Row(i));
            }

            projection = cut;
        }

        return (projection, probabilities);
    }

    /// <summary>Σ of the singular values, by an SVD (not √eig of a Gram, which turns rounding-level zeros into √ε-sized values).</summary>
    internal static double NuclearNorm(Matrix a)
    {
        double sum = 0;
        foreach (double s in Linalg.Svd(a, computeVectors: false).Values)
        {
            sum += s;
        }

        return sum;
    }

    private static Matrix Centred(Matrix a)
    {
        var r = a.Clone();
        for (int j = 0; j < a.Columns; j++)
        {
            double mean = 0;
            for (int i = 0; i < a.Rows; i++)
            {
                mean += a[i, j];
            }

            mean /= a.Rows;
            for (int i = 0; i < a.Rows; i++)
            {
                r[i, j] -= mean;
            }
        }

        return r;
    }

    private static void Symmetrise(Matrix a)
    {
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double v = 0.5 * (a[i, j] + a[j, i]);
                a[i, j] = v;
                a[j, i] = v;
            }
        }
    }

    /// <summary>Catalog adapter.</summary>
    internal sealed class Metric : IPoolRelativeMetric
    {
        public MetricDescriptor Descriptor { get; } = new(
            "ncti", "NCTI", "Wang2023NCTI", MetricInputs.Features | MetricInputs.Labels,
            HigherIsBetter: true, PoolRelative: true, Stochastic: false,
            Cost: "per candidate: shared 64-d PCA + O(N·64² + 64³ + N·64·C); pool: O(candidates)",
            Summary: "Neural-collapse terms (LDA nuclear norm, LDA accuracy, class-probability nuclear norms) min-max normalised across the candidates; only in xfer rank/eval.");

        public PoolComponents ComputeComponents(TransferTask task, MetricSettings settings, CancellationToken cancellationToken)
        {
            var r = Components(task, new NctiOptions(settings.GetInt("ncti.components", DefaultComponents)));
            return new PoolComponents(new Dictionary<string, double>
            {
                ["seli"] = r.Seli,
                ["ncc"] = r.Ncc,
                ["vc"] = r.Vc,
                ["shrinkage"] = r.Shrinkage,
                ["eigenSolver"] = r.EigenSolver ? 1 : 0,
                ["components"] = r.Components,
            });
        }

        public IReadOnlyList<MetricValue> Combine(IReadOnlyList<PoolComponents> pool, MetricSettings settings)
        {
            PoolNormalization.RequireTwo(pool, "NCTI");
            var raw = pool.Select(p => new NctiComponents(p.Values["seli"], p.Values["ncc"], p.Values["vc"], p.Values["shrinkage"], p.Values["eigenSolver"] != 0, (int)p.Values["components"])).ToList();
            var scores = Ncti.Combine(raw, out var constant);
            var ncc = PoolNormalization.MinMax(raw.Select(r => r.Ncc).ToList(), out _);
            var seli = PoolNormalization.MinMax(raw.Select(r => r.Seli).ToList(), out _);
            var vc = PoolNormalization.MinMax(raw.Select(r => r.Vc).ToList(), out _);
            var warnings = constant.Length == 0 ? null : new[] { $"the term(s) {string.Join(", ", constant)} are equal for every candidate and contribute 0 (the reference would divide by zero)" };
            return pool.Select((p, i) => new MetricValue(scores[i],
                PoolNormalization.Details(p, new Dictionary<string, double> { ["ncc"] = ncc[i], ["seli"] = seli[i], ["vc"] = vc[i] }), warnings)).ToList();
        }
    }
}
