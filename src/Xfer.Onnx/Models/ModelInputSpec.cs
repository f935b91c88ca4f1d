namespace Xfer.Onnx.Models;

/// <summary>Interpolation used to resize images to a model's input size.</summary>
public enum Interpolation
{
    /// <summary>Bilinear with half-pixel centres (TensorFlow's resize_bilinear with half_pixel_centers=true, PIL's BILINEAR without antialias).</summary>
    Bilinear,

    /// <summary>Nearest neighbour.</summary>
    Nearest,
}

/// <summary>
/// How images must be prepared for one model: input size, channels, resize interpolation and the value
/// scaling the model was trained with. Described in one place per model (the model registry).
/// </summary>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Channels">Input channels (3 for RGB; grey images are replicated).</param>
/// <param name="Resize">Interpolation.</param>
/// <param name="Scale">Multiplier applied to pixels in [0, 1] (after dividing by the dataset's max value).</param>
/// <param name="Offset">Added after scaling: input = pixel01·Scale + Offset (e.g. Scale 2, Offset −1 for [−1, 1]).</param>
/// <param name="Description">Human-readable, e.g. "224×224 RGB, bilinear, [0,1]".</param>
public sealed record ModelInputSpec(int Height, int Width, int Channels, Interpolation Resize, double Scale, double Offset, string Description);
