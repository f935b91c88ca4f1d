using System;
using Xfer.Core;

namespace Xfer.Analysis.Pge;

/// <summary>
/// Mini-batches of one restart: consecutive slices of a seeded permutation of the N samples, reshuffled whenever it is used up
/// (so each epoch visits every sample once; the last batch of an epoch holds the N mod b left-over samples when b ∤ N).
/// </summary>
internal sealed class PgeBatchSchedule
{
    private readonly SeededRandom _rng;
    private readonly int[] _order;
    private readonly int _batchSize;
    private int _position;

    public PgeBatchSchedule(int count, int batchSize, SeededRandom rng)
    {
        _rng = rng;
        _batchSize = batchSize;
        _order = new int[count];
        for (int i = 0; i < count; i++)
        {
            _order[i] = i;
        }

        _rng.Shuffle(_order.AsSpan());
    }

    /// <summary>The next batch's row indices (valid until the next call).</summary>
    public ReadOnlySpan<int> Next()
    {
        if (_position >= _order.Length)
        {
            _rng.Shuffle(_order.AsSpan());
            _position = 0;
        }

        int take = Math.Min(_batchSize, _order.Length - _position);
        var batch = _order.AsSpan(_position, take);
        _position += take;
        return batch;
    }
}
