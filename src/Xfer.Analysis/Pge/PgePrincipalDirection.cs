namespace Xfer.Analysis.Pge;

/// <summary>Which vector represents a unit's gradients before normalisation.</summary>
public enum PgePrincipalDirection
{
    /// <summary>Default: the expectation (mean) of the unit's mini-batch gradients over batches and restarts.</summary>
    Expectation,

    /// <summary>
    /// The top right singular vector of the matrix whose rows are the unit's mini-batch gradients (uncentred), with its sign
    /// chosen to agree with the expectation. Stores every batch gradient: memory R·T·(parameters)·8 bytes.
    /// </summary>
    TopSingularVector,
}
