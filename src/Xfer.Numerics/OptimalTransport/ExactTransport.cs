using System;

namespace Xfer.Numerics.OptimalTransport;

/// <summary>
/// Exact optimal transport with uniform weights, choosing the solver by shape: the Jonker–Volgenant assignment
/// solver when n = m (the optimal plan is then a permutation scaled by 1/n), the network simplex otherwise.
/// An instance keeps the assignment solver's buffers between calls.
/// </summary>
public sealed class ExactTransport
{
    private readonly AssignmentSolver _assignment = new();
    private readonly TransportationSimplex _simplex = new();
    private int[] _columnOfRow = [];

    /// <summary>Solves min ⟨γ, C⟩ over plans with uniform marginals 1/n and 1/m.</summary>
    public TransportResult SolveUniform(ReadOnlySpan<double> cost, int n, int m)
    {
        if (n != m)
        {
            return _simplex.SolveUniform(cost, n, m);
        }

        if (_columnOfRow.Length != n)
        {
            _columnOfRow = new int[n];
        }

        double total = _assignment.Solve(cost, n, _columnOfRow);
        var plan = TransportPlan.FromAssignment(_columnOfRow);
        return new TransportResult(plan, total / n, _assignment.Augmentations, true, 0.0, "assignment (Jonker–Volgenant)");
    }
}
