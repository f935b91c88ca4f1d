using System;
using System.Collections.Generic;
using System.Globalization;

namespace Xfer.Numerics.OptimalTransport;

/// <summary>
/// Exact solver of the transportation problem min Σ_ij γ_ij C_ij subject to Σ_j γ_ij = a_i, Σ_i γ_ij = b_j, γ ≥ 0
/// (the discrete optimal-transport / earth mover's problem of POT's <c>ot.emd</c>), for any sizes n×m and any
/// non-negative weights, by the primal network simplex method on the complete bipartite graph.
/// </summary>
/// <remarks>
/// <para><b>Exact arithmetic on the flows.</b> Weights are turned into integers first: uniform weights become
/// a_i = m/g and b_j = n/g exactly (g = gcd(n, m)); other weights are rounded to the finest power-of-two grid
/// with (n+1)·grid ≤ 2⁶² (2⁻⁵⁷ of the total for n = 30), the largest entry absorbing the rounding so both sides
/// balance. Flows are then 64-bit integers, so pivots never accumulate rounding and the plan has exactly the
/// requested marginals (uniform case) or marginals below float64 resolution (general case).</para>
/// <para><b>No cycling.</b> Degenerate pivots are removed by Orden's perturbation (A. Orden, "The transhipment
/// problem", Management Science 2(3), 1956): supplies become K·a_i + 1 and the last demand K·b_m + n with
/// K = n + 1, which makes every basic solution non-degenerate while any basis optimal for the perturbed problem is
/// optimal for the original. Each pivot therefore strictly decreases the objective, and the method terminates.
/// The final flows are recomputed on the optimal tree with the unperturbed integer weights.</para>
/// <para><b>Pivoting.</b> The starting basis comes from the row-minimum rule (each row fills its cheapest open
/// columns; n+m−1 cells forming a spanning tree). The entering cell is the most negative reduced cost
/// C_ij − u_i − v_j within a block of ⌈√(nm)⌉ cells scanned cyclically (the block-search rule that LEMON and POT
/// use). The basis is a spanning tree with parent pointers and depths; after a pivot the subtree that changes side
/// is re-hung and its potentials shifted, O(subtree) per pivot.</para>
/// <para><b>Float rounding.</b> A cell enters only when its reduced cost is below −τ with
/// τ = <see cref="RelativeTolerance"/>·max|C|, and potentials are recomputed from scratch before optimality is
/// accepted. At the end the plan is optimal for costs perturbed by at most τ, so the returned cost is within
/// τ·Σγ of the true optimum.</para>
/// </remarks>
public sealed class TransportationSimplex
{
    /// <summary>Reduced costs above −<see cref="RelativeTolerance"/>·max|C| count as non-negative (default 1e-12).</summary>
    public double RelativeTolerance { get; init; } = 1e-12;

    /// <summary>Pivot cap; when reached the result reports <c>Converged = false</c> (default: 50·(n+m)² + 10⁶).</summary>
    public long? MaxPivots { get; init; }

    /// <summary>Solves with uniform weights 1/n and 1/m (exact integer marginals).</summary>
    public TransportResult SolveUniform(ReadOnlySpan<double> cost, int n, int m)
    {
        CheckShape(cost, n, m);
        long g = Gcd(n, m);
        var a = new long[n];
        var b = new long[m];
        Array.Fill(a, m / g);
        Array.Fill(b, n / g);
        return Run(cost, n, m, a, b, (long)n * (m / g), null, null);
    }

    /// <summary>Solves with weights <paramref name="a"/> (length n) and <paramref name="b"/> (length m); each side is normalised to total mass 1.</summary>
    /// <exception cref="ArgumentException">A weight is negative or not finite, a side sums to zero, or a cost is not finite.</exception>
    public TransportResult Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> cost)
    {
        int n = a.Length, m = b.Length;
        CheckShape(cost, n, m);
        if (IsUniform(a) && IsUniform(b))
        {
            return SolveUniform(cost, n, m);
        }

        // The finest power-of-two grid with K·total = (n+1)·grid ≤ 2^62, so perturbed flows fit in a long.
        long grid = 1L << (62 - (int)Math.Ceiling(Math.Log2(n + 1.0)));
        return Run(cost, n, m, ToGrid(a, grid, "a"), ToGrid(b, grid, "b"), grid, Normalised(a), Normalised(b));
    }

    private static bool IsUniform(ReadOnlySpan<double> w)
    {
        for (int i = 1; i < w.Length; i++)
        {
            if (w[i] != w[0])
            {
                return false;
            }
        }

        return w.Length > 0 && w[0] > 0 && double.IsFinite(w[0]);
    }

    private static double[] Normalised(ReadOnlySpan<double> w)
    {
        double total = 0;
        foreach (double v in w)
        {
            total += v;
        }

        var r = new double[w.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = w[i] / total;
        }

        return r;
    }

    private static long[] ToGrid(ReadOnlySpan<double> w, long grid, string name)
    {
        double total = 0;
        for (int i = 0; i < w.Length; i++)
        {
            if (!(w[i] >= 0) || !double.IsFinite(w[i]))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Weight {0}[{1}] is {2}; weights must be finite and non-negative.", name, i, w[i]));
            }

            total += w[i];
        }

        if (!(total > 0))
        {
            throw new ArgumentException($"The weights {name} sum to zero; each side needs positive total mass.");
        }

        var units = new long[w.Length];
        long sum = 0;
        int largest = 0;
        for (int i = 0; i < w.Length; i++)
        {
            units[i] = (long)Math.Round(w[i] / total * grid);
            sum += units[i];
            if (w[i] > w[largest])
            {
                largest = i;
            }
        }

        units[largest] += grid - sum;
        return units;
    }

    private static void CheckShape(ReadOnlySpan<double> cost, int n, int m)
    {
        if (n <= 0 || m <= 0 || cost.Length != (long)n * m)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Transport needs n, m ≥ 1 and an n×m cost; got n = {0}, m = {1} and {2} costs.", n, m, cost.Length));
        }

        for (int k = 0; k < cost.Length; k++)
        {
            if (!double.IsFinite(cost[k]))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Cost ({0}, {1}) is {2}; every cost must be finite.", k / m, k % m, cost[k]), nameof(cost));
            }
        }
    }

    private static long Gcd(long x, long y)
    {
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return x;
    }

    private TransportResult Run(ReadOnlySpan<double> cost, int n, int m, long[] a, long[] b, long total, double[]? aWeights, double[]? bWeights)
    {
        var state = new SimplexState(cost, n, m, a, b, total, RelativeTolerance);
        long cap = MaxPivots ?? ((50L * (n + m) * (n + m)) + 1_000_000);
        bool converged = state.Optimise(cost, cap);
        var plan = state.Plan();
        double planCost = plan.Cost(cost);
        double marginalError = MarginalError(plan, aWeights ?? Fractions(a, total), bWeights ?? Fractions(b, total));
        return new TransportResult(plan, planCost, state.Pivots, converged, marginalError, "network simplex");
    }

    private static double[] Fractions(long[] units, long total)
    {
        var r = new double[units.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = (double)units[i] / total;
        }

        return r;
    }

    private static double MarginalError(TransportPlan plan, double[] a, double[] b)
    {
        var r = plan.RowSums();
        var c = plan.ColumnSums();
        double err = 0;
        for (int i = 0; i < r.Length; i++)
        {
            err += Math.Abs(r[i] - a[i]);
        }

        for (int j = 0; j < c.Length; j++)
        {
            err += Math.Abs(c[j] - b[j]);
        }

        return err;
    }

    /// <summary>The basis tree, flows and potentials of one solve.</summary>
    private sealed class SimplexState
    {
        private readonly int _n;
        private readonly int _m;
        private readonly int _nodes;
        private readonly long[] _a;
        private readonly long[] _b;
        private readonly long _total;
        private readonly double _tolerance;

        // Basis: n+m−1 cells. Cell k joins source node _cellRow[k] and sink node _n + _cellCol[k].
        private readonly int[] _cellRow;
        private readonly int[] _cellCol;
        private readonly long[] _flow;
        private readonly int[] _cellOfArc; // arc index i·m + j → basis slot, or −1

        // Spanning tree rooted at node 0.
        private readonly int[] _parent;
        private readonly int[] _parentCell; // basis slot joining a node to its parent
        private readonly int[] _depth;
        private readonly double[] _pi; // u_i for sources, v_j for sinks: u_i + v_j = C_ij on basic cells
        private readonly List<int>[] _adjacent; // basis slots touching each node

        // Work arrays for cycles and subtree walks.
        private readonly List<int> _pathS = [];
        private readonly List<int> _pathT = [];
        private readonly Stack<int> _stack = new();
        private int _scanPosition;

        public SimplexState(ReadOnlySpan<double> cost, int n, int m, long[] a, long[] b, long total, double relativeTolerance)
        {
            _n = n;
            _m = m;
            _nodes = n + m;
            _a = a;
            _b = b;
            _total = total;
            double maxAbs = 0;
            foreach (double c in cost)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(c));
            }

            _tolerance = relativeTolerance * Math.Max(maxAbs, double.Epsilon);
            int basis = n + m - 1;
            _cellRow = new int[basis];
            _cellCol = new int[basis];
            _flow = new long[basis];
            _cellOfArc = new int[n * m];
            Array.Fill(_cellOfArc, -1);
            _parent = new int[_nodes];
            _parentCell = new int[_nodes];
            _depth = new int[_nodes];
            _pi = new double[_nodes];
            _adjacent = new List<int>[_nodes];
            for (int u = 0; u < _nodes; u++)
            {
                _adjacent[u] = [];
            }

            InitialBasis(cost);
            RebuildTree(cost);
        }

        public int Pivots { get; private set; }

        /// <summary>Perturbed supplies (Orden): K·a_i + 1, K·b_j, last demand + n.</summary>
        private long PerturbedSupply(int i) => (_a[i] * (_n + 1L)) + 1;

        private long PerturbedDemand(int j) => (_b[j] * (_n + 1L)) + (j == _m - 1 ? _n : 0);

        private void InitialBasis(ReadOnlySpan<double> cost)
        {
            // Row-minimum rule: each row in turn sends its supply to its cheapest open columns. Every allocation
            // closes exactly one row or column (no ties, thanks to the perturbation), so n+m−1 cells form a tree.
            var demandLeft = new long[_m];
            var open = new bool[_m];
            for (int j = 0; j < _m; j++)
            {
                demandLeft[j] = PerturbedDemand(j);
                open[j] = true;
            }

            int slot = 0;
            for (int i = 0; i < _n; i++)
            {
                long supply = PerturbedSupply(i);
                var row = cost.Slice(i * _m, _m);
                while (supply > 0)
                {
                    int best = -1;
                    double bestCost = double.PositiveInfinity;
                    for (int j = 0; j < _m; j++)
                    {
                        if (open[j] && row[j] < bestCost)
                        {
                            bestCost = row[j];
                            best = j;
                        }
                    }

                    if (best < 0)
                    {
                        throw new InvalidOperationException("Transportation start: supply left with no open column (unbalanced integer weights).");
                    }

                    long x = Math.Min(supply, demandLeft[best]);
                    AddCell(slot++, i, best, x);
                    supply -= x;
                    demandLeft[best] -= x;
                    if (demandLeft[best] == 0)
                    {
                        open[best] = false;
                    }
                }
            }

            if (slot != _n + _m - 1)
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "Transportation start produced {0} basic cells; a tree on {1} nodes needs {2}.", slot, _nodes, _n + _m - 1));
            }
        }

        private void AddCell(int slot, int i, int j, long flow)
        {
            _cellRow[slot] = i;
            _cellCol[slot] = j;
            _flow[slot] = flow;
            _cellOfArc[(i * _m) + j] = slot;
            _adjacent[i].Add(slot);
            _adjacent[_n + j].Add(slot);
        }

        private int Other(int slot, int node) => node < _n ? _n + _cellCol[slot] : _cellRow[slot];

        private double CellCost(ReadOnlySpan<double> cost, int slot) => cost[(_cellRow[slot] * _m) + _cellCol[slot]];

        /// <summary>Parent pointers, depths and potentials from scratch by a depth-first walk from node 0.</summary>
        private void RebuildTree(ReadOnlySpan<double> cost)
        {
            _parent[0] = -1;
            _parentCell[0] = -1;
            _depth[0] = 0;
            _pi[0] = 0;
            Hang(cost, 0);
        }

        /// <summary>Re-derives parent, depth and potential of every node below <paramref name="top"/>, whose own values are set.</summary>
        private void Hang(ReadOnlySpan<double> cost, int top)
        {
            _stack.Clear();
            _stack.Push(top);
            while (_stack.Count > 0)
            {
                int u = _stack.Pop();
                foreach (int slot in _adjacent[u])
                {
                    if (slot == _parentCell[u])
                    {
                        continue;
                    }

                    int w = Other(slot, u);
                    _parent[w] = u;
                    _parentCell[w] = slot;
                    _depth[w] = _depth[u] + 1;
                    _pi[w] = CellCost(cost, slot) - _pi[u];
                    _stack.Push(w);
                }
            }
        }

        public bool Optimise(ReadOnlySpan<double> cost, long cap)
        {
            int arcs = _n * _m;
            int block = Math.Max(10, (int)Math.Ceiling(Math.Sqrt(arcs)));
            while (true)
            {
                int entering = FindEntering(cost, arcs, block);
                if (entering < 0)
                {
                    // Confirm with fresh potentials (pivot updates shift them incrementally).
                    RebuildTree(cost);
                    entering = FindEntering(cost, arcs, block);
                    if (entering < 0)
                    {
                        return true;
                    }
                }

                if (Pivots >= cap)
                {
                    return false;
                }

                Pivot(cost, entering);
                Pivots++;
            }
        }

        /// <summary>Block search: the most negative reduced cost in the first block (cyclic) that has one; −1 when none is below −τ.</summary>
        private int FindEntering(ReadOnlySpan<double> cost, int arcs, int block)
        {
            double bestReduced = -_tolerance;
            int best = -1;
            int scanned = 0;
            int e = _scanPosition;
            int inBlock = 0;
            while (scanned < arcs)
            {
                int i = e / _m;
                int j = e - (i * _m);
                if (_cellOfArc[e] < 0)
                {
                    double r = cost[e] - _pi[i] - _pi[_n + j];
                    if (r < bestReduced)
                    {
                        bestReduced = r;
                        best = e;
                    }
                }

                scanned++;
                e = e + 1 == arcs ? 0 : e + 1;
                if (++inBlock == block)
                {
                    inBlock = 0;
                    if (best >= 0)
                    {
                        break;
                    }
                }
            }

            _scanPosition = e;
            return best;
        }

        private void Pivot(ReadOnlySpan<double> cost, int arc)
        {
            int p = arc / _m, q = arc - (p * _m);
            int s = p, t = _n + q;

            // The cycle: entering cell (+), then the tree paths from s and from t up to their common ancestor.
            // Along each path the k-th cell has sign − for even k and + for odd k.
            _pathS.Clear();
            _pathT.Clear();
            int x = s, y = t;
            while (_depth[x] > _depth[y])
            {
                _pathS.Add(_parentCell[x]);
                x = _parent[x];
            }

            while (_depth[y] > _depth[x])
            {
                _pathT.Add(_parentCell[y]);
                y = _parent[y];
            }

            while (x != y)
            {
                _pathS.Add(_parentCell[x]);
                x = _parent[x];
                _pathT.Add(_parentCell[y]);
                y = _parent[y];
            }

            long theta = long.MaxValue;
            int leaving = -1;
            for (int k = 0; k < _pathS.Count; k += 2)
            {
                int slot = _pathS[k];
                if (_flow[slot] < theta)
                {
                    theta = _flow[slot];
                    leaving = slot;
                }
            }

            for (int k = 0; k < _pathT.Count; k += 2)
            {
                int slot = _pathT[k];
                if (_flow[slot] < theta)
                {
                    theta = _flow[slot];
                    leaving = slot;
                }
            }

            for (int k = 0; k < _pathS.Count; k++)
            {
                _flow[_pathS[k]] += (k & 1) == 0 ? -theta : theta;
            }

            for (int k = 0; k < _pathT.Count; k++)
            {
                _flow[_pathT[k]] += (k & 1) == 0 ? -theta : theta;
            }

            // Remove the leaving cell: the endpoint deeper in the tree roots the part that is cut off.
            int lr = _cellRow[leaving], lc = _n + _cellCol[leaving];
            int cutTop = _parent[lr] == lc && _parentCell[lr] == leaving ? lr : lc;
            _adjacent[lr].Remove(leaving);
            _adjacent[lc].Remove(leaving);
            _cellOfArc[(lr * _m) + (lc - _n)] = -1;

            // The entering cell takes the freed slot. One of s, t lies in the cut-off part: it hangs from the other.
            _cellRow[leaving] = p;
            _cellCol[leaving] = q;
            _flow[leaving] = theta;
            _cellOfArc[arc] = leaving;
            _adjacent[s].Add(leaving);
            _adjacent[t].Add(leaving);
            int inside = InSubtree(s, cutTop) ? s : t;
            int outside = inside == s ? t : s;
            _parent[inside] = outside;
            _parentCell[inside] = leaving;
            _depth[inside] = _depth[outside] + 1;
            _pi[inside] = cost[arc] - _pi[outside];
            Hang(cost, inside);
        }

        /// <summary>True when <paramref name="node"/> lies in the subtree of <paramref name="top"/> (tree before re-hanging).</summary>
        private bool InSubtree(int node, int top)
        {
            int d = _depth[top];
            while (_depth[node] > d)
            {
                node = _parent[node];
            }

            return node == top;
        }

        /// <summary>Flows of the optimal tree for the unperturbed integer weights (leaf elimination), as a plan of total mass 1.</summary>
        public TransportPlan Plan()
        {
            int basis = _n + _m - 1;
            var residual = new long[_nodes];
            for (int i = 0; i < _n; i++)
            {
                residual[i] = _a[i];
            }

            for (int j = 0; j < _m; j++)
            {
                residual[_n + j] = _b[j];
            }

            // Process nodes from the deepest up: the cell to a node's parent carries that node's residual.
            var order = new int[_nodes];
            for (int u = 0; u < _nodes; u++)
            {
                order[u] = u;
            }

            var depthKeys = new int[_nodes];
            Array.Copy(_depth, depthKeys, _nodes);
            Array.Sort(depthKeys, order);
            var flow = new long[basis];
            for (int k = _nodes - 1; k >= 1; k--)
            {
                int u = order[k];
                int slot = _parentCell[u];
                long f = residual[u];
                flow[slot] = f;
                residual[_parent[u]] -= f;
            }

            int count = 0;
            for (int k = 0; k < basis; k++)
            {
                if (flow[k] < 0)
                {
                    throw new InvalidOperationException("Transportation: a negative flow on the optimal tree; the perturbation was too small.");
                }

                if (flow[k] > 0)
                {
                    count++;
                }
            }

            var rows = new int[count];
            var cols = new int[count];
            var mass = new double[count];
            int w = 0;
            for (int k = 0; k < basis; k++)
            {
                if (flow[k] > 0)
                {
                    rows[w] = _cellRow[k];
                    cols[w] = _cellCol[k];
                    mass[w] = (double)flow[k] / _total;
                    w++;
                }
            }

            return TransportPlan.Sparse(_n, _m, rows, cols, mass);
        }
    }
}
