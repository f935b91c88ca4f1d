namespace Xfer.Analysis.Pge;

/// <summary>How the shared layer's parameters are grouped into the "weight units" that are normalised one by one.</summary>
public enum PgeWeightUnit
{
    /// <summary>Default: each weight tensor is one unit (the D×H matrix W₁; with biases, b₁ is a second unit).</summary>
    Tensor,

    /// <summary>Each hidden (output) neuron is one unit: its D incoming weights (and its bias, with biases).</summary>
    Neuron,
}
