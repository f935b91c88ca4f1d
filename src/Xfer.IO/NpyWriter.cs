using System;
using System.Collections.Generic;
using Xfer.Core;

namespace Xfer.IO;

/// <summary>Writes <c>.npy</c> (format 1.0, little-endian, C order) and <c>.npz</c> files atomically.</summary>
public static class NpyWriter
{
    /// <summary>Writes a matrix as <c>&lt;f8</c> (or <c>&lt;f4</c> with <paramref name="float32"/>).</summary>
    public static void Write(string path, Matrix matrix, bool float32 = false) => throw new NotImplementedException("NpyWriter.Write");

    /// <summary>Writes an array with the given dtype (<c>&lt;f4</c>, <c>&lt;f8</c>, <c>&lt;i8</c>, <c>&lt;i4</c>, <c>|u1</c>).</summary>
    public static void Write(string path, int[] shape, ReadOnlySpan<double> values, string dtype) => throw new NotImplementedException("NpyWriter.Write");

    /// <summary>Writes several named arrays into one <c>.npz</c> (zip of <c>name.npy</c> members; deflated when <paramref name="compress"/>).</summary>
    public static void WriteNpz(string path, IReadOnlyList<KeyValuePair<string, NdArray>> arrays, bool compress = false) => throw new NotImplementedException("NpyWriter.WriteNpz");
}
