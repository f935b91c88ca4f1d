using System;
using System.Globalization;
using System.Threading.Tasks;

namespace Xfer.Core;

/// <summary>
/// The thread budget of managed parallel loops (native BLAS has its own, set through the linear-algebra provider).
/// Defaults to <c>XFER_THREADS</c> when set, else the processor count; <c>--threads</c> overrides both.
/// </summary>
public static class Parallelism
{
    private static int s_threads = Initial();

    /// <summary>Maximum threads for managed parallel loops (at least 1).</summary>
    public static int Threads
    {
        get => s_threads;
        set => s_threads = Math.Max(1, value);
    }

    /// <summary>Parallel options honouring <see cref="Threads"/>.</summary>
    public static ParallelOptions Options => new() { MaxDegreeOfParallelism = s_threads };

    private static int Initial()
    {
        string? env = Environment.GetEnvironmentVariable("XFER_THREADS");
        return env is not null && int.TryParse(env, NumberStyles.Integer, CultureInfo.InvariantCulture, out int t) && t > 0
            ? t
            : Environment.ProcessorCount;
    }
}
