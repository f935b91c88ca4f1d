namespace Xfer.Onnx;

/// <summary>ONNX Runtime graph optimisation levels (<c>GraphOptimizationLevel</c>; the values are the native ones).</summary>
public enum GraphOptimization
{
    /// <summary><c>ORT_DISABLE_ALL</c>: run the graph as written.</summary>
    None = 0,

    /// <summary><c>ORT_ENABLE_BASIC</c>: constant folding, redundant node removal.</summary>
    Basic = 1,

    /// <summary><c>ORT_ENABLE_EXTENDED</c>: plus node fusions.</summary>
    Extended = 2,

    /// <summary><c>ORT_ENABLE_ALL</c>: plus layout optimisations (ONNX Runtime's default).</summary>
    All = 99,
}

/// <summary>How a session runs. The defaults suit feature extraction on a CPU.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary>
    /// Threads used inside one operator (convolutions, matrix products). Null uses xfer's thread budget
    /// (<c>--threads</c>, else <c>XFER_THREADS</c>, else all processors: <see cref="Core.Parallelism.Threads"/>); 0 lets
    /// ONNX Runtime choose (one per physical core).
    /// </summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Threads running independent operators concurrently; only used with <see cref="ParallelExecution"/>. 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>Run independent branches of the graph concurrently (<c>ORT_PARALLEL</c>); off by default (<c>ORT_SEQUENTIAL</c>).</summary>
    public bool ParallelExecution { get; init; }

    /// <summary>Graph optimisation level; <see cref="GraphOptimization.All"/> by default.</summary>
    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;

    /// <summary>
    /// Let idle worker threads spin while waiting for work (ONNX Runtime's default, fastest); false
    /// (<c>session.intra_op.allow_spinning = 0</c>) frees the cores between operators, kinder on a shared machine.
    /// </summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static OnnxSessionOptions Default { get; } = new();
}
