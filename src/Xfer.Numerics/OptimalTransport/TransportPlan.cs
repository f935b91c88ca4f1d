using System;
using System.Globalization;
using Xfer.Core;

namespace Xfer.Numerics.OptimalTransport;

/// <summary>
/// A transport plan γ between n source points and m target points: γ_ij is the mass moved from source i to
/// target j. Exact solvers return a sparse plan (at most n+m−1 non-zero entries, a vertex of the transport
/// polytope); Sinkhorn returns a dense one. Both expose the same read operations.
/// </summary>
public sealed class TransportPlan
{
    private TransportPlan(int rows, int columns, int[]? sources, int[]? targets, double[]? masses, Matrix? dense)
    {
        Rows = rows;
        Columns = columns;
        Sources = sources ?? [];
        Targets = targets ?? [];
        Masses = masses ?? [];
        Dense = dense;
    }

    /// <summary>Number of source points n.</summary>
    public int Rows { get; }

    /// <summary>Number of target points m.</summary>
    public int Columns { get; }

    /// <summary>Source index of each non-zero entry (sparse plans; empty for dense plans).</summary>
    public int[] Sources { get; }

    /// <summary>Target index of each non-zero entry (sparse plans; empty for dense plans).</summary>
    public int[] Targets { get; }

    /// <summary>Mass of each non-zero entry (sparse plans; empty for dense plans).</summary>
    public double[] Masses { get; }

    /// <summary>The n×m plan when it is dense (Sinkhorn); null for sparse plans.</summary>
    public Matrix? Dense { get; }

    /// <summary>True when the plan is stored densely.</summary>
    public bool IsDense => Dense is not null;

    /// <summary>Number of stored entries (n·m for a dense plan).</summary>
    public int EntryCount => Dense is null ? Masses.Length : Rows * Columns;

    /// <summary>A sparse plan from parallel arrays of (source, target, mass); the arrays are kept, not copied.</summary>
    public static TransportPlan Sparse(int rows, int columns, int[] sources, int[] targets, double[] masses)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(masses);
        if (sources.Length != targets.Length || sources.Length != masses.Length)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Sparse plan arrays differ in length: {0} sources, {1} targets, {2} masses.", sources.Length, targets.Length, masses.Length));
        }

        return new TransportPlan(rows, columns, sources, targets, masses, null);
    }

    /// <summary>A dense plan (n×m matrix, kept, not copied).</summary>
    public static TransportPlan FromDense(Matrix plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new TransportPlan(plan.Rows, plan.Columns, null, null, null, plan);
    }

    /// <summary>A permutation plan with mass 1/n on each (i, σ(i)).</summary>
    public static TransportPlan FromAssignment(ReadOnlySpan<int> columnOfRow)
    {
        int n = columnOfRow.Length;
        var s = new int[n];
        var t = columnOfRow.ToArray();
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            s[i] = i;
            w[i] = 1.0 / n;
        }

        return new TransportPlan(n, n, s, t, w, null);
    }

    /// <summary>Σ_ij γ_ij C_ij for a row-major n×m cost.</summary>
    public double Cost(ReadOnlySpan<double> cost)
    {
        CheckCost(cost);
        double total = 0;
        if (Dense is not null)
        {
            var g = Dense.Data;
            for (int k = 0; k < g.Length; k++)
            {
                total += g[k] * cost[k];
            }
        }
        else
        {
            for (int k = 0; k < Masses.Length; k++)
            {
                total += Masses[k] * cost[(Sources[k] * Columns) + Targets[k]];
            }
        }

        return total;
    }

    /// <summary>Row sums Σ_j γ_ij (length n).</summary>
    public double[] RowSums()
    {
        var r = new double[Rows];
        if (Dense is not null)
        {
            for (int i = 0; i < Rows; i++)
            {
                double s = 0;
                foreach (double v in Dense.Row(i))
                {
                    s += v;
                }

                r[i] = s;
            }
        }
        else
        {
            for (int k = 0; k < Masses.Length; k++)
            {
                r[Sources[k]] += Masses[k];
            }
        }

        return r;
    }

    /// <summary>Column sums Σ_i γ_ij (length m).</summary>
    public double[] ColumnSums()
    {
        var c = new double[Columns];
        if (Dense is not null)
        {
            for (int i = 0; i < Rows; i++)
            {
                var row = Dense.Row(i);
                for (int j = 0; j < Columns; j++)
                {
                    c[j] += row[j];
                }
            }
        }
        else
        {
            for (int k = 0; k < Masses.Length; k++)
            {
                c[Targets[k]] += Masses[k];
            }
        }

        return c;
    }

    /// <summary>The plan as a dense n×m matrix (a copy for dense plans).</summary>
    public Matrix ToDense()
    {
        if (Dense is not null)
        {
            return Dense.Clone();
        }

        var m = new Matrix(Rows, Columns);
        for (int k = 0; k < Masses.Length; k++)
        {
            m[Sources[k], Targets[k]] += Masses[k];
        }

        return m;
    }

    private void CheckCost(ReadOnlySpan<double> cost)
    {
        if (cost.Length != (long)Rows * Columns)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "The plan is {0}×{1} but the cost holds {2} values.", Rows, Columns, cost.Length), nameof(cost));
        }
    }
}

/// <summary>
/// The outcome of an optimal-transport solve. Nothing is silent: <see cref="Converged"/> is false when an
/// iteration cap stopped the solver, and <see cref="MarginalError"/> says how far the plan's marginals are from
/// the requested weights (L1 norm).
/// </summary>
/// <param name="Plan">The transport plan γ.</param>
/// <param name="Cost">Σ γ_ij C_ij.</param>
/// <param name="Iterations">Pivots (network simplex), augmentations (assignment) or Sinkhorn sweeps.</param>
/// <param name="Converged">True when the solver met its optimality or tolerance test.</param>
/// <param name="MarginalError">Σ_i |Σ_j γ_ij − a_i| + Σ_j |Σ_i γ_ij − b_j|.</param>
/// <param name="Solver">Which solver produced the plan.</param>
public sealed record TransportResult(TransportPlan Plan, double Cost, int Iterations, bool Converged, double MarginalError, string Solver);
