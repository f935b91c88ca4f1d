namespace Xfer.IO.Elements;

/// <summary>The numeric family of an array element.</summary>
public enum ElementKind
{
    /// <summary>IEEE 754 binary floating point (float16, float32, float64).</summary>
    Float,

    /// <summary>Two's-complement signed integer.</summary>
    SignedInteger,

    /// <summary>Unsigned integer.</summary>
    UnsignedInteger,

    /// <summary>Boolean stored as one byte (0 = false, anything else = true).</summary>
    Boolean,
}
