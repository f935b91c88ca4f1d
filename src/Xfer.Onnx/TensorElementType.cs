namespace Xfer.Onnx;

/// <summary>Element type of a tensor, with the values of ONNX's <c>TensorProto.DataType</c> (and ONNX Runtime's <c>ONNXTensorElementDataType</c>).</summary>
public enum TensorElementType
{
    /// <summary>Not a tensor, or not known.</summary>
    Undefined = 0,

    /// <summary>float32.</summary>
    Float = 1,

    /// <summary>uint8.</summary>
    UInt8 = 2,

    /// <summary>int8.</summary>
    Int8 = 3,

    /// <summary>uint16.</summary>
    UInt16 = 4,

    /// <summary>int16.</summary>
    Int16 = 5,

    /// <summary>int32.</summary>
    Int32 = 6,

    /// <summary>int64.</summary>
    Int64 = 7,

    /// <summary>string.</summary>
    String = 8,

    /// <summary>bool.</summary>
    Bool = 9,

    /// <summary>float16.</summary>
    Float16 = 10,

    /// <summary>float64.</summary>
    Double = 11,

    /// <summary>uint32.</summary>
    UInt32 = 12,

    /// <summary>uint64.</summary>
    UInt64 = 13,

    /// <summary>complex64.</summary>
    Complex64 = 14,

    /// <summary>complex128.</summary>
    Complex128 = 15,

    /// <summary>bfloat16.</summary>
    BFloat16 = 16,
}
