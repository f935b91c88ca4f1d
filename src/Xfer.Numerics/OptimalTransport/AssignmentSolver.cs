using System;
using System.Globalization;

namespace Xfer.Numerics.OptimalTransport;

/// <summary>
/// Exact linear assignment (min Σ_i C_{i,σ(i)} over permutations σ) of a dense n×n float64 cost matrix by the
/// Jonker–Volgenant algorithm: column reduction, reduction transfer, two rounds of augmenting row reduction,
/// then shortest augmenting paths (Dijkstra on reduced costs) for the rows still free. O(n³) worst case.
/// </summary>
/// <remarks>
/// <para>With n source and n target points of uniform weight 1/n, the optimal transport plan is a permutation
/// matrix scaled by 1/n (Birkhoff–von Neumann: the vertices of the transport polytope are permutations), so this
/// solver gives the exact batch OT plan of Task Transfer Analysis when the two batches have equal size.</para>
/// <para>Reference: R. Jonker, A. Volgenant, "A shortest augmenting path algorithm for dense and sparse linear
/// assignment problems", Computing 38:325–340, 1987 (citation key Jonker1987LAPJV). The phases follow the paper's
/// LAPJV procedure. One guard is added: augmenting row reduction may revisit a row many times when reduced costs
/// tie up to rounding, so after 8·n re-visits it stops early and leaves the remaining rows to the augmentation
/// phase, which is exact on its own. The result does not depend on the guard, only the running time.</para>
/// <para>An instance keeps its work buffers, so solving many problems of the same size allocates nothing.</para>
/// </remarks>
public sealed class AssignmentSolver
{
    private int _n = -1;
    private double[] _v = [];
    private double[] _d = [];
    private int[] _rowSol = [];
    private int[] _colSol = [];
    private int[] _free = [];
    private int[] _colList = [];
    private int[] _pred = [];
    private int[] _matches = [];

    /// <summary>Augmenting paths searched in the last solve (rows not placed by the reduction phases).</summary>
    public int Augmentations { get; private set; }

    /// <summary>Solves a one-off problem given as an n×n row-major cost.</summary>
    public static int[] SolveOnce(ReadOnlySpan<double> cost, int n)
    {
        var columnOfRow = new int[n];
        new AssignmentSolver().Solve(cost, n, columnOfRow);
        return columnOfRow;
    }

    /// <summary>
    /// Finds the permutation minimising Σ_i cost[i·n + σ(i)] and writes σ into <paramref name="columnOfRow"/>.
    /// Returns the optimal total cost.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes disagree or a cost is NaN or infinite.</exception>
    public double Solve(ReadOnlySpan<double> cost, int n, Span<int> columnOfRow)
    {
        if (n < 0 || cost.Length != (long)n * n || columnOfRow.Length != n)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Assignment needs an n×n cost and n outputs; got n = {0}, {1} costs and {2} outputs.", n, cost.Length, columnOfRow.Length));
        }

        for (int k = 0; k < cost.Length; k++)
        {
            if (!double.IsFinite(cost[k]))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Assignment cost ({0}, {1}) is {2}; every cost must be finite.", k / n, k % n, cost[k]), nameof(cost));
            }
        }

        Augmentations = 0;
        if (n == 0)
        {
            return 0.0;
        }

        Ensure(n);
        var v = _v;
        var rowSol = _rowSol;
        var colSol = _colSol;
        var free = _free;
        var matches = _matches;
        Array.Clear(matches, 0, n);

        // Column reduction (reverse column order, as in the paper): v_j = min_i C_ij; assign the row of the
        // minimum when that row is still unassigned.
        for (int j = n - 1; j >= 0; j--)
        {
            double min = cost[j];
            int imin = 0;
            for (int i = 1; i < n; i++)
            {
                double c = cost[(i * n) + j];
                if (c < min)
                {
                    min = c;
                    imin = i;
                }
            }

            v[j] = min;
            if (++matches[imin] == 1)
            {
                rowSol[imin] = j;
                colSol[j] = imin;
            }
            else if (v[j] < v[rowSol[imin]])
            {
                int j1 = rowSol[imin];
                rowSol[imin] = j;
                colSol[j] = imin;
                colSol[j1] = -1;
            }
            else
            {
                colSol[j] = -1;
            }
        }

        // Reduction transfer: a row assigned once passes its slack to its column's price.
        int numFree = 0;
        for (int i = 0; i < n; i++)
        {
            if (matches[i] == 0)
            {
                free[numFree++] = i;
            }
            else if (matches[i] == 1)
            {
                int j1 = rowSol[i];
                double min = double.PositiveInfinity;
                var row = cost.Slice(i * n, n);
                for (int j = 0; j < n; j++)
                {
                    if (j != j1)
                    {
                        double h = row[j] - v[j];
                        if (h < min)
                        {
                            min = h;
                        }
                    }
                }

                if (double.IsFinite(min))
                {
                    v[j1] -= min;
                }
            }
            else
            {
                // A row that won several columns in the column reduction keeps only its last one (set above);
                // the columns it lost were marked unassigned there.
            }
        }

        // Augmenting row reduction, two rounds.
        int guard = 8 * n;
        for (int loop = 0; loop < 2 && numFree > 0; loop++)
        {
            int k = 0;
            int previousFree = numFree;
            numFree = 0;
            while (k < previousFree)
            {
                int i = free[k++];
                var row = cost.Slice(i * n, n);
                double umin = row[0] - v[0];
                int j1 = 0, j2 = -1;
                double usubmin = double.PositiveInfinity;
                for (int j = 1; j < n; j++)
                {
                    double h = row[j] - v[j];
                    if (h < usubmin)
                    {
                        if (h >= umin)
                        {
                            usubmin = h;
                            j2 = j;
                        }
                        else
                        {
                            usubmin = umin;
                            umin = h;
                            j2 = j1;
                            j1 = j;
                        }
                    }
                }

                int i0 = colSol[j1];
                bool strict = umin < usubmin;
                if (strict)
                {
                    v[j1] -= usubmin - umin;
                }
                else if (i0 > -1 && j2 >= 0)
                {
                    j1 = j2;
                    i0 = colSol[j2];
                }

                if (i0 > -1)
                {
                    rowSol[i0] = -1;
                }

                rowSol[i] = j1;
                colSol[j1] = i;
                if (i0 > -1)
                {
                    if (strict && --guard > 0)
                    {
                        free[--k] = i0;
                    }
                    else
                    {
                        free[numFree++] = i0;
                    }
                }
            }
        }

        // Augmentation: for each free row, a shortest augmenting path on reduced costs C_ij − v_j.
        var d = _d;
        var pred = _pred;
        var colList = _colList;
        for (int f = 0; f < numFree; f++)
        {
            Augmentations++;
            int freeRow = free[f];
            var frow = cost.Slice(freeRow * n, n);
            for (int j = 0; j < n; j++)
            {
                d[j] = frow[j] - v[j];
                pred[j] = freeRow;
                colList[j] = j;
            }

            int low = 0, up = 0, last = 0, endOfPath = -1;
            double min = 0;
            bool found = false;
            while (!found)
            {
                if (up == low)
                {
                    // Collect the columns at the current minimum distance.
                    last = low - 1;
                    min = d[colList[up++]];
                    for (int k = up; k < n; k++)
                    {
                        int j = colList[k];
                        double h = d[j];
                        if (h <= min)
                        {
                            if (h < min)
                            {
                                up = low;
                                min = h;
                            }

                            colList[k] = colList[up];
                            colList[up++] = j;
                        }
                    }

                    for (int k = low; k < up; k++)
                    {
                        if (colSol[colList[k]] < 0)
                        {
                            endOfPath = colList[k];
                            found = true;
                            break;
                        }
                    }
                }

                if (!found)
                {
                    // Scan a column at minimum distance and relax through its row.
                    int j1 = colList[low++];
                    int i = colSol[j1];
                    var row = cost.Slice(i * n, n);
                    double h = row[j1] - v[j1] - min;
                    for (int k = up; k < n; k++)
                    {
                        int j = colList[k];
                        double v2 = row[j] - v[j] - h;
                        if (v2 < d[j])
                        {
                            pred[j] = i;
                            if (v2 == min)
                            {
                                if (colSol[j] < 0)
                                {
                                    endOfPath = j;
                                    found = true;
                                    break;
                                }

                                colList[k] = colList[up];
                                colList[up++] = j;
                            }

                            d[j] = v2;
                        }
                    }
                }
            }

            // Update the prices of the columns finished before the last minimum.
            for (int k = 0; k <= last; k++)
            {
                int j1 = colList[k];
                v[j1] += d[j1] - min;
            }

            // Flip the alternating path.
            while (true)
            {
                int i = pred[endOfPath];
                colSol[endOfPath] = i;
                int j1 = endOfPath;
                endOfPath = rowSol[i];
                rowSol[i] = j1;
                if (i == freeRow)
                {
                    break;
                }
            }
        }

        double total = 0;
        for (int i = 0; i < n; i++)
        {
            columnOfRow[i] = rowSol[i];
            total += cost[(i * n) + rowSol[i]];
        }

        return total;
    }

    private void Ensure(int n)
    {
        if (_n == n)
        {
            return;
        }

        _n = n;
        _v = new double[n];
        _d = new double[n];
        _rowSol = new int[n];
        _colSol = new int[n];
        _free = new int[n];
        _colList = new int[n];
        _pred = new int[n];
        _matches = new int[n];
    }
}
