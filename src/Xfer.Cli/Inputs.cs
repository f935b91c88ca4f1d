using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.IO;
using Xfer.Metrics;

namespace Xfer.Cli;

/// <summary>Loads the files named on the command line into library types.</summary>
public static class Inputs
{
    /// <summary>Loads features, labels and optional source probabilities or logits into a validated <see cref="TransferTask"/>.</summary>
    public static TransferTask LoadTask(string featuresSpec, string labelsSpec, string? probsSpec, string? logitsSpec, CsvOptions csv, string? name = null)
    {
        if (probsSpec is not null && logitsSpec is not null)
        {
            throw new XferException("Give either --source-probs or --source-logits, not both.");
        }

        var features = DataFiles.ReadMatrix(featuresSpec, "features", csv);
        var labels = DataFiles.ReadLabels(labelsSpec, csv);
        SourcePredictions? source = null;
        if (probsSpec is not null)
        {
            source = SourcePredictions.FromProbabilities(DataFiles.ReadMatrix(probsSpec, "source probabilities"), probsSpec);
        }
        else if (logitsSpec is not null)
        {
            source = SourcePredictions.FromLogits(DataFiles.ReadMatrix(logitsSpec, "source logits"), logitsSpec);
        }

        if (features.Rows != labels.Count)
        {
            Require.SameSampleCount(features.Rows, featuresSpec, labels.Count, labelsSpec);
        }

        if (source is not null && source.Count != labels.Count)
        {
            Require.SameSampleCount(source.Count, probsSpec ?? logitsSpec ?? "source", labels.Count, labelsSpec);
        }

        return new TransferTask(features, labels, source, name ?? featuresSpec);
    }

    /// <summary>Applies <c>--threads</c> to the managed loops and the linear-algebra provider.</summary>
    public static void ApplyThreads(int? threads)
    {
        if (threads is int t)
        {
            if (t < 1)
            {
                throw new XferException($"--threads must be at least 1; got {t}.");
            }

            Parallelism.Threads = t;
            Numerics.LinearAlgebra.Linalg.Provider.SetThreads(t);
        }
    }
}
