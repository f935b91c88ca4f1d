using System;
using System.IO;
using Google.Protobuf;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Onnx.Proto;

namespace Xfer.Onnx;

/// <summary>Reads and writes ONNX model files (protobuf <see cref="ModelProto"/>).</summary>
public static class OnnxModelFile
{
    /// <summary>Parses an ONNX file; a file that is not a valid ONNX model gives one clear error naming it.</summary>
    public static ModelProto Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, "file not found.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            var model = ModelProto.Parser.ParseFrom(stream);
            if (model.Graph is null)
            {
                throw new InputFileException(path, "not an ONNX model (no graph).");
            }

            return model;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InputFileException(path, "not an ONNX model (protobuf parse error: " + e.Message + ").", e);
        }
    }

    /// <summary>Writes a model atomically.</summary>
    public static void Write(string path, ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.Write(path, s => model.WriteTo(s));
    }
}
