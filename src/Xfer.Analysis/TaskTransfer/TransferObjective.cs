using System;
using System.Globalization;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Numerics.OptimalTransport;

namespace Xfer.Analysis.TaskTransfer;

/// <summary>The terms of the TTA training objective on one batch (official <c>optimize_WD</c>, l.258–300).</summary>
/// <param name="Total">H + L_w + λ_WD·Wasserstein + λ_PM·PM + λ_IC·IC.</param>
/// <param name="Wasserstein">Σ γ_ij (‖A x_i + b − t_j‖² + Λ‖B y_i − y_j‖²) (official <c>WD_tf</c>, squared distances).</param>
/// <param name="FeatureTransport">The feature part Σ γ_ij ‖A x_i + b − t_j‖².</param>
/// <param name="LabelTransport">The label part Σ γ_ij ‖B y_i − y_j‖² (before the factor Λ).</param>
/// <param name="Entropy">H(B, D) = −Σ_c D_c Σ_k B_kc log B_kc.</param>
/// <param name="WeightedSourceLoss">L_w(D) = (1/N) Σ_c (D_c/π_c) ℓ_c on the source train split.</param>
/// <param name="PriorMatching">‖π_T − B·D‖².</param>
/// <param name="Invertibility">‖AĀ − I‖²_F + ‖ĀA − I‖²_F.</param>
public sealed record ObjectiveTerms(double Total, double Wasserstein, double FeatureTransport, double LabelTransport, double Entropy,
    double WeightedSourceLoss, double PriorMatching, double Invertibility);

/// <summary>Gradients of the objective with respect to each transform parameter (same shapes as <see cref="TransferTransforms"/>).</summary>
public sealed class TransferGradient
{
    /// <summary>Allocates zero gradients.</summary>
    public TransferGradient(int dimension, int sourceClasses, int targetClasses)
    {
        A = new Matrix(dimension, dimension);
        ABar = new Matrix(dimension, dimension);
        Shift = new double[dimension];
        LabelLogits = new Matrix(targetClasses, sourceClasses);
        PriorLogits = new double[sourceClasses];
    }

    /// <summary>∂L/∂A.</summary>
    public Matrix A { get; }

    /// <summary>∂L/∂Ā.</summary>
    public Matrix ABar { get; }

    /// <summary>∂L/∂b.</summary>
    public double[] Shift { get; }

    /// <summary>∂L/∂B̃.</summary>
    public Matrix LabelLogits { get; }

    /// <summary>∂L/∂d̃.</summary>
    public double[] PriorLogits { get; }
}

/// <summary>
/// The TTA training objective for a fixed transport plan, with its analytic gradient:
/// L = H(B,D) + L_w(D) + λ_WD Σ_ij γ_ij (‖A x_i + b − t_j‖² + Λ‖B y_i − y_j‖²) + λ_PM ‖π_T − BD‖² + λ_IC (‖AĀ − I‖² + ‖ĀA − I‖²).
/// </summary>
/// <remarks>
/// <para>Gradients (γ fixed, as the official code passes the plan as a constant; r_i = Σ_j γ_ij, Y = γT,
/// M_ck = Σ γ_ij over source class c and target class k, ρ_c = Σ_k M_ck, e = π_T − BD):</para>
/// <list type="bullet">
/// <item>∂/∂A = λ_WD·2·(diag(r)X' − Y)ᵀX + 2λ_IC((AĀ − I)Āᵀ + Āᵀ(ĀA − I)); ∂/∂b = λ_WD·2·Σ_i (r_i x'_i − Y_i);
/// ∂/∂Ā = 2λ_IC(Aᵀ(AĀ − I) + (ĀA − I)Aᵀ).</item>
/// <item>∂/∂B_kc = −D_c(log B_kc + 1) + 2λ_WDΛ(ρ_c B_kc − M_ck) − 2λ_PM e_k D_c, then through the column softmax:
/// ∂/∂B̃_{:,c} = B_{:,c} ∘ (g_{:,c} − ⟨B_{:,c}, g_{:,c}⟩).</item>
/// <item>∂/∂D_c = −Σ_k B_kc log B_kc + ℓ_c/(Nπ_c) − 2λ_PM Σ_k e_k B_kc, then ∂/∂d̃ = D ∘ (g − ⟨D, g⟩).</item>
/// </list>
/// <para>All in float64 (the official code runs in float32, where the Λ = 10⁶ label term dwarfs the feature term).</para>
/// </remarks>
public sealed class TransferObjective
{
    private readonly double[] _classLoss;
    private readonly double[] _sourcePrior;
    private readonly double[] _targetPrior;
    private readonly int _sourceCount;
    private readonly TaskTransferOptions _options;
    private readonly Matrix _p;
    private readonly Matrix _q;
    private readonly Matrix _m;
    private Matrix _xPrime = new(0, 0);
    private Matrix _y = new(0, 0);

    /// <summary>Creates the objective.</summary>
    /// <param name="dimension">Feature dimension D.</param>
    /// <param name="classLoss">ℓ_c = Σ of the source head's CE over the source train samples of class c (official <c>cw_source_train_rep_loss</c>).</param>
    /// <param name="sourcePrior">π_S.</param>
    /// <param name="targetPrior">π_T.</param>
    /// <param name="sourceCount">N, the number of source train samples.</param>
    /// <param name="options">λ_WD, λ_PM, λ_IC and Λ.</param>
    public TransferObjective(int dimension, double[] classLoss, double[] sourcePrior, double[] targetPrior, int sourceCount, TaskTransferOptions options)
    {
        ArgumentNullException.ThrowIfNull(classLoss);
        ArgumentNullException.ThrowIfNull(sourcePrior);
        ArgumentNullException.ThrowIfNull(targetPrior);
        ArgumentNullException.ThrowIfNull(options);
        _classLoss = classLoss;
        _sourcePrior = sourcePrior;
        _targetPrior = targetPrior;
        _sourceCount = sourceCount;
        _options = options;
        _p = new Matrix(dimension, dimension);
        _q = new Matrix(dimension, dimension);
        _m = new Matrix(sourcePrior.Length, targetPrior.Length);
    }

    /// <summary>The transformed batch X' = X·Aᵀ + 1bᵀ of the last <see cref="TransformBatch"/>.</summary>
    public Matrix Transformed => _xPrime;

    /// <summary>Computes X' = X·Aᵀ + 1bᵀ into <see cref="Transformed"/> (reusing the buffer while the batch size is unchanged).</summary>
    public void TransformBatch(TransferTransforms theta, Matrix x)
    {
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(x);
        if (_xPrime.Rows != x.Rows || _xPrime.Columns != x.Columns)
        {
            _xPrime = new Matrix(x.Rows, x.Columns);
            _y = new Matrix(x.Rows, x.Columns);
        }

        Linalg.MultiplyInto(x, theta.A, _xPrime, transposeB: true);
        var b = theta.Shift;
        for (int i = 0; i < x.Rows; i++)
        {
            var row = _xPrime.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] += b[j];
            }
        }
    }

    /// <summary>
    /// Evaluates the objective on a batch whose transform <see cref="TransformBatch"/> has just computed, and when
    /// <paramref name="gradient"/> is given overwrites it with the gradient.
    /// </summary>
    public ObjectiveTerms Evaluate(TransferTransforms theta, Matrix x, int[] sourceClass, Matrix t, int[] targetClass, TransportPlan plan, TransferGradient? gradient)
    {
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(sourceClass);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(targetClass);
        ArgumentNullException.ThrowIfNull(plan);
        int n = x.Rows, m = t.Rows, d = x.Columns;
        int cs = theta.SourceClasses, ct = theta.TargetClasses;
        if (_xPrime.Rows != n || plan.Rows != n || plan.Columns != m || sourceClass.Length != n || targetClass.Length != m)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Objective inputs disagree: transformed batch {0} rows, source batch {1}, plan {2}×{3}, target batch {4}, labels {5}/{6}.",
                _xPrime.Rows, n, plan.Rows, plan.Columns, m, sourceClass.Length, targetClass.Length));
        }

        double lambdaWd = _options.LambdaWasserstein, lambdaPm = _options.LambdaPriorMatching, lambdaIc = _options.LambdaInvertibility;
        double labelWeight = _options.LabelCostWeight;
        var xp = _xPrime;
        var y = _y;

        // Plan statistics: r = row sums, Y = γT, M = class-pair masses, and the feature transport cost.
        var r = new double[n];
        Array.Clear(y.Data);
        Array.Clear(_m.Data);
        double featureCost = 0;
        if (plan.IsDense)
        {
            var g = plan.Dense!;
            Linalg.MultiplyInto(g, t, y);
            var colSums = plan.ColumnSums();
            var xpNorms = PairwiseDistance.RowSquaredNorms(xp);
            var tNorms = PairwiseDistance.RowSquaredNorms(t);
            for (int i = 0; i < n; i++)
            {
                var row = g.Row(i);
                double ri = 0;
                for (int j = 0; j < m; j++)
                {
                    ri += row[j];
                    _m[sourceClass[i], targetClass[j]] += row[j];
                }

                r[i] = ri;
                double cross = 0;
                var xi = xp.Row(i);
                var yi = y.Row(i);
                for (int k = 0; k < d; k++)
                {
                    cross += xi[k] * yi[k];
                }

                featureCost += (ri * xpNorms[i]) - (2 * cross);
            }

            for (int j = 0; j < m; j++)
            {
                featureCost += colSums[j] * tNorms[j];
            }
        }
        else
        {
            for (int entry = 0; entry < plan.Masses.Length; entry++)
            {
                int i = plan.Sources[entry], j = plan.Targets[entry];
                double w = plan.Masses[entry];
                r[i] += w;
                _m[sourceClass[i], targetClass[j]] += w;
                var xi = xp.Row(i);
                var tj = t.Row(j);
                var yi = y.Row(i);
                double dist = 0;
                for (int k = 0; k < d; k++)
                {
                    double diff = xi[k] - tj[k];
                    dist += diff * diff;
                    yi[k] += w * tj[k];
                }

                featureCost += w * dist;
            }
        }

        // Label part, entropy, weighted source loss and prior matching.
        var logB = theta.LogLabelMap();
        var bMap = new double[logB.Data.Length];
        for (int k = 0; k < bMap.Length; k++)
        {
            bMap[k] = Math.Exp(logB.Data[k]);
        }

        var prior = theta.Prior();
        double labelCost = 0, entropy = 0, weighted = 0;
        var rho = new double[cs];
        var columnEntropy = new double[cs];
        for (int c = 0; c < cs; c++)
        {
            double bb = 0, h = 0;
            for (int k = 0; k < ct; k++)
            {
                double bkc = bMap[(k * cs) + c];
                bb += bkc * bkc;
                h -= bkc * logB[k, c];
            }

            columnEntropy[c] = h;
            entropy += prior[c] * h;
            weighted += prior[c] * _classLoss[c] / (_sourceCount * _sourcePrior[c]);
            for (int k = 0; k < ct; k++)
            {
                double mass = _m[c, k];
                rho[c] += mass;
                labelCost += mass * (bb - (2 * bMap[(k * cs) + c]) + 1);
            }
        }

        var e = new double[ct];
        double priorMatching = 0;
        for (int k = 0; k < ct; k++)
        {
            double bd = 0;
            for (int c = 0; c < cs; c++)
            {
                bd += bMap[(k * cs) + c] * prior[c];
            }

            e[k] = _targetPrior[k] - bd;
            priorMatching += e[k] * e[k];
        }

        // Invertibility: P = AĀ − I, Q = ĀA − I.
        Linalg.MultiplyInto(theta.A, theta.ABar, _p);
        Linalg.MultiplyInto(theta.ABar, theta.A, _q);
        double invertibility = 0;
        for (int i = 0; i < d; i++)
        {
            _p[i, i] -= 1;
            _q[i, i] -= 1;
        }

        foreach (double v in _p.Data)
        {
            invertibility += v * v;
        }

        foreach (double v in _q.Data)
        {
            invertibility += v * v;
        }

        double wasserstein = featureCost + (labelWeight * labelCost);
        double total = entropy + weighted + (lambdaWd * wasserstein) + (lambdaPm * priorMatching) + (lambdaIc * invertibility);
        var terms = new ObjectiveTerms(total, wasserstein, featureCost, labelCost, entropy, weighted, priorMatching, invertibility);
        if (gradient is null)
        {
            return terms;
        }

        // Feature map: G_i = 2λ_WD (r_i x'_i − Y_i) overwrites Y; ∂A = GᵀX + IC part, ∂b = Σ G_i.
        Array.Clear(gradient.Shift);
        for (int i = 0; i < n; i++)
        {
            var xi = xp.Row(i);
            var gi = y.Row(i);
            double ri = r[i];
            for (int k = 0; k < d; k++)
            {
                gi[k] = 2 * lambdaWd * ((ri * xi[k]) - gi[k]);
                gradient.Shift[k] += gi[k];
            }
        }

        Linalg.MultiplyInto(y, x, gradient.A, transposeA: true);
        Linalg.MultiplyInto(_p, theta.ABar, gradient.A, alpha: 2 * lambdaIc, beta: 1.0, transposeB: true);
        Linalg.MultiplyInto(theta.ABar, _q, gradient.A, alpha: 2 * lambdaIc, beta: 1.0, transposeA: true);
        Linalg.MultiplyInto(theta.A, _p, gradient.ABar, alpha: 2 * lambdaIc, transposeA: true);
        Linalg.MultiplyInto(_q, theta.A, gradient.ABar, alpha: 2 * lambdaIc, beta: 1.0, transposeB: true);

        // Label map B (then the column softmax) and prior D (then the softmax).
        var gD = new double[cs];
        var gB = new double[ct];
        for (int c = 0; c < cs; c++)
        {
            double dot = 0, eb = 0;
            for (int k = 0; k < ct; k++)
            {
                double bkc = bMap[(k * cs) + c];
                gB[k] = (-prior[c] * (logB[k, c] + 1)) + (2 * lambdaWd * labelWeight * ((rho[c] * bkc) - _m[c, k])) - (2 * lambdaPm * e[k] * prior[c]);
                dot += bkc * gB[k];
                eb += e[k] * bkc;
            }

            for (int k = 0; k < ct; k++)
            {
                gradient.LabelLogits[k, c] = bMap[(k * cs) + c] * (gB[k] - dot);
            }

            gD[c] = columnEntropy[c] + (_classLoss[c] / (_sourceCount * _sourcePrior[c])) - (2 * lambdaPm * eb);
        }

        double dDot = 0;
        for (int c = 0; c < cs; c++)
        {
            dDot += prior[c] * gD[c];
        }

        for (int c = 0; c < cs; c++)
        {
            gradient.PriorLogits[c] = prior[c] * (gD[c] - dDot);
        }

        return terms;
    }
}
