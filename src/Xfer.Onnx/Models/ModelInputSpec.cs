namespace Xfer.Onnx.Models;

/// <summary>
/// Interpolation used to resize images to a model's input size. Each value reproduces one TensorFlow/tfjs resize
/// exactly (tfjs-backend-cpu 4.22 <c>ResizeBilinear</c> / <c>ResizeNearestNeighbor</c>, which follow TensorFlow's
/// kernels): see <see cref="ImageResize"/>.
/// </summary>
public enum Interpolation
{
    /// <summary>Bilinear with half-pixel centres: TF's resize_bilinear(align_corners=false, half_pixel_centers=true),
    /// i.e. TF 2's <c>tf.image.resize(method="bilinear")</c> without antialiasing; source = (dst + ½)·in/out − ½.</summary>
    Bilinear,

    /// <summary>Nearest neighbour with half-pixel centres: TF's resize_nearest_neighbor(align_corners=false,
    /// half_pixel_centers=true); source = min(⌊(dst + ½)·in/out⌋, in − 1).</summary>
    Nearest,

    /// <summary>Bilinear with aligned corners: TF's resize_bilinear(align_corners=true, half_pixel_centers=false), as
    /// tfjs's <c>tf.image.resizeBilinear(x, size, true)</c> that nsfwjs uses; source = dst·(in − 1)/(out − 1), so the
    /// corner pixels of input and output coincide.</summary>
    BilinearAlignCorners,
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
