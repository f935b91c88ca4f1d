using System;
using System.Collections.Generic;
using Xfer.Core;

namespace Xfer.IO;

/// <summary>
/// Reads arrays, feature matrices and labels from any supported file: <c>.npy</c>, <c>.npz</c> (<c>file.npz:name</c>
/// picks a member), CSV, and IDX (MNIST-style, plain or gzip). Every failure is an
/// <see cref="Core.Errors.InputFileException"/> naming the file and the problem.
/// </summary>
public static class DataFiles
{
    /// <summary>Reads one array. <paramref name="spec"/> is a path, or <c>path.npz:member</c>.</summary>
    public static NdArray ReadArray(string spec, CsvOptions? csv = null) => throw new NotImplementedException("DataFiles.ReadArray");

    /// <summary>Reads an N×D matrix (a 2-D array; higher-rank arrays are flattened after the first axis).</summary>
    /// <param name="spec">File spec.</param>
    /// <param name="role">What the matrix is, for messages ("features", "source probabilities").</param>
    /// <param name="csv">CSV options; the label column, if named, is excluded from the matrix.</param>
    public static Matrix ReadMatrix(string spec, string role, CsvOptions? csv = null) => throw new NotImplementedException("DataFiles.ReadMatrix");

    /// <summary>Reads N labels: integers (any integer dtype, or floats with integral values) or strings (CSV).</summary>
    public static ClassLabels ReadLabels(string spec, CsvOptions? csv = null) => throw new NotImplementedException("DataFiles.ReadLabels");

    /// <summary>The member names of an <c>.npz</c> archive.</summary>
    public static IReadOnlyList<string> NpzMembers(string path) => throw new NotImplementedException("DataFiles.NpzMembers");
}
