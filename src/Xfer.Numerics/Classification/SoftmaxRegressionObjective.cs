using System;
using System.Globalization;
using System.Threading.Tasks;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;

namespace Xfer.Numerics.Classification;

/// <summary>
/// The objective J(W, b) of <see cref="SoftmaxRegression"/> and its gradient, with buffers reused across evaluations:
/// ∇_W J = Xᵀ(P − Y)/N + l2·W, ∇_b J = 1ᵀ(P − Y)/N, where P is the row-wise softmax of Z = X·W + 1bᵀ and Y the one-hot labels.
/// </summary>
public sealed class SoftmaxRegressionObjective
{
    /// <summary>Rows per block of the softmax pass (fixed so partial sums, and hence results, do not depend on threads).</summary>
    private const int BlockRows = 512;

    private readonly Matrix _x;
    private readonly int[] _labels;
    private readonly int _classes;
    private readonly double _l2;
    private readonly Matrix _w;
    private readonly Matrix _z;
    private readonly Matrix _gradW;

    /// <summary>Creates the objective of <paramref name="x"/>, <paramref name="labels"/> with penalty <paramref name="l2"/>.</summary>
    public SoftmaxRegressionObjective(Matrix x, ReadOnlySpan<int> labels, int classCount, double l2)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (labels.Length != x.Rows)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "{0} feature rows but {1} labels.", x.Rows, labels.Length), nameof(labels));
        }

        if (classCount < 2 || !(l2 >= 0) || !double.IsFinite(l2))
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), "Softmax regression needs at least 2 classes and a finite l2 ≥ 0.");
        }

        foreach (int y in labels)
        {
            if ((uint)y >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), y, "Label outside 0..C−1.");
            }
        }

        _x = x;
        _labels = labels.ToArray();
        _classes = classCount;
        _l2 = l2;
        _w = new Matrix(x.Columns, classCount);
        _z = new Matrix(x.Rows, classCount);
        _gradW = new Matrix(x.Columns, classCount);
    }

    /// <summary>Number of parameters D·C + C.</summary>
    public int Dimension => (_x.Columns * _classes) + _classes;

    /// <summary>J(θ) with ∇J written to <paramref name="gradient"/>; θ = (W row-major, b).</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int n = _x.Rows, c = _classes, wCount = _w.Data.Length;
        theta[..wCount].CopyTo(_w.Data);
        var b = theta.Slice(wCount, c).ToArray();
        Linalg.MultiplyInto(_x, _w, _z);

        // Row blocks: loss and the bias gradient per block, z overwritten by the residual P − Y.
        int blocks = (n + BlockRows - 1) / BlockRows;
        var blockLoss = new double[blocks];
        var blockBias = new double[blocks * c];
        var z = _z;
        var labels = _labels;
        Parallel.For(0, blocks, Parallelism.Options, blk =>
        {
            int end = Math.Min(n, (blk + 1) * BlockRows);
            var bias = blockBias.AsSpan(blk * c, c);
            double loss = 0;
            for (int i = blk * BlockRows; i < end; i++)
            {
                var row = z.Row(i);
                double max = double.NegativeInfinity;
                for (int k = 0; k < c; k++)
                {
                    row[k] += b[k];
                    max = Math.Max(max, row[k]);
                }

                double sum = 0;
                for (int k = 0; k < c; k++)
                {
                    sum += Math.Exp(row[k] - max);
                }

                double logSum = max + Math.Log(sum);
                int y = labels[i];
                loss += logSum - row[y];
                for (int k = 0; k < c; k++)
                {
                    row[k] = Math.Exp(row[k] - logSum);
                }

                row[y] -= 1.0;
                for (int k = 0; k < c; k++)
                {
                    bias[k] += row[k];
                }
            }

            blockLoss[blk] = loss;
        });

        double total = 0;
        var gradB = gradient.Slice(wCount, c);
        gradB.Clear();
        for (int blk = 0; blk < blocks; blk++)
        {
            total += blockLoss[blk];
            for (int k = 0; k < c; k++)
            {
                gradB[k] += blockBias[(blk * c) + k];
            }
        }

        double invN = 1.0 / Math.Max(1, n);
        for (int k = 0; k < c; k++)
        {
            gradB[k] *= invN;
        }

        // ∇_W J = Xᵀ(P − Y)/N + l2·W.
        Linalg.MultiplyInto(_x, _z, _gradW, alpha: invN, transposeA: true);
        double penalty = 0;
        var gw = gradient[..wCount];
        for (int j = 0; j < wCount; j++)
        {
            double w = _w.Data[j];
            penalty += w * w;
            gw[j] = _gradW.Data[j] + (_l2 * w);
        }

        return (total * invN) + (0.5 * _l2 * penalty);
    }
}
