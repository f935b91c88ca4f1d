using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Xfer.Numerics.LinearAlgebra.Kernels;

/// <summary>
/// Managed dgemm/dsyrk: C ← α·op(A)·op(B) + β·C with cache blocking, packed panels, a 6×(2·V) register-blocked
/// SIMD micro-kernel (V = <see cref="Vector{T}.Count"/>, FMA where the CPU has it) and a parallel loop over
/// output tiles.
/// </summary>
/// <remarks>
/// <para>The loop nest is the one of Goto and van de Geijn (2008) as organised in BLIS (Van Zee and van de Geijn, 2015):
/// for each NC-column panel and KC-deep slice of op(B), the slice is packed once into NR-column micro-panels; each
/// task then packs an MC×KC block of op(A) into MR-row micro-panels and runs the micro-kernel over its tiles. Packing
/// reads op(A) and op(B) through their transpose flags, so no transposed copy of a whole operand is ever made.</para>
/// <para>Deterministic: every element of C sums its KC slices in the same order with the same micro-kernel whatever the
/// thread count (threads split C, never the inner dimension).</para>
/// <para>With <c>upperOnly</c> (dsyrk) only tiles that touch the upper triangle are computed; the caller mirrors it.</para>
/// </remarks>
internal static unsafe class BlockedGemm
{
    /// <summary>Rows of a micro-tile: 6 rows × 2 vectors = 12 accumulators, plus 2 B vectors and 1 broadcast of A = 15 of the 16 AVX2 registers.</summary>
    private const int MR = 6;

    /// <summary>Depth of a packed slice: a 256×8 B micro-panel is 16 KiB (half of L1d).</summary>
    private const int KC = 256;

    /// <summary>Rows of a packed A block: 96×256 doubles = 192 KiB, a fraction of the 512 KiB–1 MiB L2 of current x86 cores.</summary>
    private const int MC = 96;

    /// <summary>Columns of a packed B panel: 256×2048 doubles = 4 MiB, shared by all threads from L3.</summary>
    private const int NC = 2048;

    /// <summary>Columns of C per task (a multiple of every possible NR: 4, 8, 16).</summary>
    private const int ChunkColumns = 256;

    /// <summary>Below this many multiply-adds a plain triple loop beats packing.</summary>
    private const long SmallWork = 32 * 32 * 32;

    /// <summary>Below this many multiply-adds one thread beats the cost of waking others (about 2 ms of work).</summary>
    private const long SerialWork = 1L << 23;

    [ThreadStatic]
    private static double[]? t_aPack;

    /// <summary>Columns of a micro-tile: two SIMD vectors.</summary>
    private static int NR => 2 * Vector<double>.Count;

    /// <summary>C (m×n) ← α·op(A)·op(B) + β·C, all row-major; with <paramref name="upperOnly"/> only entries j ≥ i are defined on return.</summary>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc,
        bool upperOnly, int threads)
    {
        Scale(beta, c, m, n, ldc, upperOnly);
        if (m == 0 || n == 0 || k == 0 || alpha == 0.0)
        {
            return;
        }

        fixed (double* pa = a, pb = b, pc = c)
        {
            long work = (long)m * n * k;
            if (work <= SmallWork)
            {
                Simple(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, pc, ldc, upperOnly);
                return;
            }

            var job = new Job(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, pc, ldc, upperOnly,
                work <= SerialWork ? 1 : Math.Max(1, threads));
            job.Run();
        }
    }

    // β = 0 must clear C rather than multiply it, so NaN or ∞ already in C do not survive (BLAS semantics).
    private static void Scale(double beta, Span<double> c, int m, int n, int ldc, bool upperOnly)
    {
        if (beta == 1.0)
        {
            return;
        }

        for (int i = 0; i < m; i++)
        {
            int j0 = upperOnly ? i : 0;
            if (j0 >= n)
            {
                break;
            }

            var row = c.Slice((i * ldc) + j0, n - j0);
            if (beta == 0.0)
            {
                row.Clear();
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    private static void Simple(bool ta, bool tb, int m, int n, int k, double alpha,
        double* a, int lda, double* b, int ldb, double* c, int ldc, bool upperOnly)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = upperOnly ? i : 0; j < n; j++)
            {
                double sum = 0.0;
                for (int p = 0; p < k; p++)
                {
                    double aip = ta ? a[((long)p * lda) + i] : a[((long)i * lda) + p];
                    double bpj = tb ? b[((long)j * ldb) + p] : b[((long)p * ldb) + j];
                    sum += aip * bpj;
                }

                c[((long)i * ldc) + j] += alpha * sum;
            }
        }
    }

    private static double* APack()
    {
        var buffer = t_aPack ??= GC.AllocateUninitializedArray<double>(MC * KC, pinned: true);
        return (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
    }

    /// <summary>One multiplication: the operands, the current panel and slice, and the packed B slice shared by the tasks.</summary>
    private sealed class Job
    {
        private readonly bool _ta, _tb, _upper;
        private readonly int _m, _n, _k, _lda, _ldb, _ldc, _threads, _nr;
        private readonly double _alpha;
        private readonly double* _a, _b, _c;
        private double* _bPack;
        private int _jc, _nc, _pc, _kc, _rows, _chunks;

        public Job(bool ta, bool tb, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb,
            double* c, int ldc, bool upper, int threads)
        {
            (_ta, _tb, _m, _n, _k, _alpha, _lda, _ldb, _ldc, _upper, _threads) = (ta, tb, m, n, k, alpha, lda, ldb, ldc, upper, threads);
            _a = a;
            _b = b;
            _c = c;
            _nr = NR;
        }

        public void Run()
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = _threads };
            int panelColumns = (Math.Min(_n, NC) + _nr - 1) / _nr * _nr;
            double[] bBuffer = ArrayPool<double>.Shared.Rent(KC * panelColumns);
            try
            {
                fixed (double* bp = bBuffer)
                {
                    _bPack = bp;
                    for (_jc = 0; _jc < _n; _jc += NC)
                    {
                        _nc = Math.Min(NC, _n - _jc);

                        // In the upper-triangle mode rows below the panel's last column contribute nothing.
                        _rows = _upper ? Math.Min(_m, _jc + _nc) : _m;
                        _chunks = (_nc + ChunkColumns - 1) / ChunkColumns;
                        int tasks = ((_rows + MC - 1) / MC) * _chunks;
                        for (_pc = 0; _pc < _k; _pc += KC)
                        {
                            _kc = Math.Min(KC, _k - _pc);
                            if (_threads == 1)
                            {
                                for (int g = 0; g < _chunks; g++)
                                {
                                    PackB(g);
                                }

                                for (int t = 0; t < tasks; t++)
                                {
                                    Compute(t);
                                }
                            }
                            else
                            {
                                Parallel.For(0, _chunks, options, PackB);
                                Parallel.For(0, tasks, options, Compute);
                            }
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(bBuffer);
            }
        }

        // Packs columns [g·ChunkColumns, …) of the slice op(B)[pc:pc+kc, jc:jc+nc] into NR-wide micro-panels:
        // panel q holds, for p = 0..kc−1, the NR values op(B)[pc+p, jc+q·NR .. +NR) (zero-padded past n).
        private void PackB(int g)
        {
            int nr = _nr;
            int first = g * ChunkColumns;
            int last = Math.Min(_nc, first + ChunkColumns);
            for (int j = first; j < last; j += nr)
            {
                int cols = Math.Min(nr, _nc - j);
                double* dst = _bPack + ((long)j * _kc);
                if (!_tb)
                {
                    double* src = _b + ((long)_pc * _ldb) + _jc + j;
                    for (int p = 0; p < _kc; p++, src += _ldb, dst += nr)
                    {
                        if (cols == nr)
                        {
                            Vector.Store(Vector.Load(src), dst);
                            Vector.Store(Vector.Load(src + Vector<double>.Count), dst + Vector<double>.Count);
                        }
                        else
                        {
                            for (int q = 0; q < nr; q++)
                            {
                                dst[q] = q < cols ? src[q] : 0.0;
                            }
                        }
                    }
                }
                else
                {
                    for (int q = 0; q < nr; q++)
                    {
                        if (q < cols)
                        {
                            double* src = _b + ((long)(_jc + j + q) * _ldb) + _pc;
                            for (int p = 0; p < _kc; p++)
                            {
                                dst[(p * nr) + q] = src[p];
                            }
                        }
                        else
                        {
                            for (int p = 0; p < _kc; p++)
                            {
                                dst[(p * nr) + q] = 0.0;
                            }
                        }
                    }
                }
            }
        }

        // Packs rows [i0, i0+mc) of the slice op(A)[:, pc:pc+kc] into MR-row micro-panels: panel r0/MR holds, for
        // p = 0..kc−1, the MR values op(A)[i0+r0 .. +MR, pc+p] (zero-padded past the block).
        private void PackA(double* dst, int i0, int mc)
        {
            for (int r0 = 0; r0 < mc; r0 += MR)
            {
                int rows = Math.Min(MR, mc - r0);
                double* panel = dst + ((long)r0 * _kc);
                if (_ta)
                {
                    double* src = _a + ((long)_pc * _lda) + i0 + r0;
                    for (int p = 0; p < _kc; p++, src += _lda)
                    {
                        double* d = panel + (p * MR);
                        for (int r = 0; r < MR; r++)
                        {
                            d[r] = r < rows ? src[r] : 0.0;
                        }
                    }
                }
                else
                {
                    for (int r = 0; r < MR; r++)
                    {
                        if (r < rows)
                        {
                            double* src = _a + ((long)(i0 + r0 + r) * _lda) + _pc;
                            for (int p = 0; p < _kc; p++)
                            {
                                panel[(p * MR) + r] = src[p];
                            }
                        }
                        else
                        {
                            for (int p = 0; p < _kc; p++)
                            {
                                panel[(p * MR) + r] = 0.0;
                            }
                        }
                    }
                }
            }
        }

        // Task t = (row block, column chunk) of the current panel: packs its A block, then sweeps its tiles with the
        // B micro-panel outermost (it stays in L1 while the A block streams from L2).
        private void Compute(int t)
        {
            int ib = t / _chunks, jb = t % _chunks;
            int i0 = ib * MC, mc = Math.Min(MC, _rows - i0);
            int j0 = jb * ChunkColumns, ncur = Math.Min(ChunkColumns, _nc - j0);
            if (_upper && i0 > _jc + j0 + ncur - 1)
            {
                return;
            }

            double* aPack = APack();
            PackA(aPack, i0, mc);
            int nr = _nr;
            for (int jr = 0; jr < ncur; jr += nr)
            {
                int gj = _jc + j0 + jr;
                int cols = Math.Min(nr, ncur - jr);
                double* bPanel = _bPack + ((long)(j0 + jr) * _kc);
                for (int ir = 0; ir < mc; ir += MR)
                {
                    int gi = i0 + ir;
                    if (_upper && gi > gj + cols - 1)
                    {
                        break;
                    }

                    MicroKernel(_kc, aPack + ((long)ir * _kc), bPanel, _c + ((long)gi * _ldc) + gj, _ldc, Math.Min(MR, mc - ir), cols, _alpha);
                }
            }
        }
    }

    /// <summary>C[0:rows, 0:cols] += α·(A panel)·(B panel) over kc: 6×2 vector accumulators held in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(int kc, double* a, double* b, double* c, int ldc, int rows, int cols, double alpha)
    {
        int v = Vector<double>.Count;
        Vector<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector.Load(b);
            var b1 = Vector.Load(b + v);
            var ai = new Vector<double>(a[0]);
            c00 = Vector.MultiplyAddEstimate(ai, b0, c00);
            c01 = Vector.MultiplyAddEstimate(ai, b1, c01);
            ai = new Vector<double>(a[1]);
            c10 = Vector.MultiplyAddEstimate(ai, b0, c10);
            c11 = Vector.MultiplyAddEstimate(ai, b1, c11);
            ai = new Vector<double>(a[2]);
            c20 = Vector.MultiplyAddEstimate(ai, b0, c20);
            c21 = Vector.MultiplyAddEstimate(ai, b1, c21);
            ai = new Vector<double>(a[3]);
            c30 = Vector.MultiplyAddEstimate(ai, b0, c30);
            c31 = Vector.MultiplyAddEstimate(ai, b1, c31);
            ai = new Vector<double>(a[4]);
            c40 = Vector.MultiplyAddEstimate(ai, b0, c40);
            c41 = Vector.MultiplyAddEstimate(ai, b1, c41);
            ai = new Vector<double>(a[5]);
            c50 = Vector.MultiplyAddEstimate(ai, b0, c50);
            c51 = Vector.MultiplyAddEstimate(ai, b1, c51);
            a += MR;
            b += 2 * v;
        }

        var va = new Vector<double>(alpha);
        if (rows == MR && cols == 2 * v)
        {
            Update(c, v, va, c00, c01);
            Update(c + ldc, v, va, c10, c11);
            Update(c + (2L * ldc), v, va, c20, c21);
            Update(c + (3L * ldc), v, va, c30, c31);
            Update(c + (4L * ldc), v, va, c40, c41);
            Update(c + (5L * ldc), v, va, c50, c51);
            return;
        }

        // Edge tile: spill to a scratch tile and add only the rows and columns that exist.
        int nr = 2 * v;
        double* tile = stackalloc double[MR * nr];
        Vector.Store(c00, tile); Vector.Store(c01, tile + v);
        Vector.Store(c10, tile + nr); Vector.Store(c11, tile + nr + v);
        Vector.Store(c20, tile + (2 * nr)); Vector.Store(c21, tile + (2 * nr) + v);
        Vector.Store(c30, tile + (3 * nr)); Vector.Store(c31, tile + (3 * nr) + v);
        Vector.Store(c40, tile + (4 * nr)); Vector.Store(c41, tile + (4 * nr) + v);
        Vector.Store(c50, tile + (5 * nr)); Vector.Store(c51, tile + (5 * nr) + v);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < cols; j++)
            {
                c[((long)r * ldc) + j] += alpha * tile[(r * nr) + j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(double* c, int v, Vector<double> alpha, Vector<double> x0, Vector<double> x1)
    {
        Vector.Store(Vector.MultiplyAddEstimate(alpha, x0, Vector.Load(c)), c);
        Vector.Store(Vector.MultiplyAddEstimate(alpha, x1, Vector.Load(c + v)), c + v);
    }
}
