namespace Xfer.Onnx.Extraction;

/// <summary>How an extracted layer's per-image output is reduced before it is stored.</summary>
public enum LayerPooling
{
    /// <summary>Store the whole per-image output, flattened in C order (H·W·C values for a convolutional layer).</summary>
    None,

    /// <summary>
    /// Global average pooling: store one value per channel, the mean over every spatial position. This is what the
    /// pooled feature of a block is in the layer-selection literature (TransRate, Huang et al. 2022, scores the
    /// globally pooled output of each block) and what Keras' GlobalAveragePooling2D computes. Layers that are already
    /// vectors (rank 1 per image) are stored as they are.
    /// </summary>
    Average,
}
