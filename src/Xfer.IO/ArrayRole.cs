namespace Xfer.IO;

/// <summary>What an array is used for; picks the default member of an <c>.npz</c> archive that holds several arrays.</summary>
public enum ArrayRole
{
    /// <summary>No preference: only a single-member archive can be read without a member name.</summary>
    Any,

    /// <summary>An N×D feature matrix (member <c>features</c>, <c>feature</c>, <c>feats</c>, <c>x</c>, <c>embeddings</c>, <c>data</c>).</summary>
    Features,

    /// <summary>N labels (member <c>labels</c>, <c>label</c>, <c>y</c>, <c>targets</c>, <c>target</c>).</summary>
    Labels,

    /// <summary>N×Cs source-model probabilities (member <c>probs</c>, <c>probabilities</c>, <c>source_probs</c>, <c>preds</c>, <c>predictions</c>).</summary>
    SourceProbabilities,

    /// <summary>N×Cs source-model logits (member <c>logits</c>, <c>source_logits</c>, <c>outputs</c>, <c>output</c>).</summary>
    SourceLogits,
}
