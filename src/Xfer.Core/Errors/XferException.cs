using System;

namespace Xfer.Core.Errors;

/// <summary>
/// A problem the user can fix (bad file, bad option, inconsistent inputs). The CLI prints its message
/// as one line and exits with code 2; it never prints a stack trace for it.
/// </summary>
public class XferException : Exception
{
    /// <summary>Creates the exception with a complete, one-line message.</summary>
    public XferException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete, one-line message and its cause.</summary>
    public XferException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>An input file that cannot be read or does not have the expected content.</summary>
/// <remarks>The message always starts with the file path, so the user sees which file is wrong.</remarks>
public sealed class InputFileException : XferException
{
    /// <summary>Creates the exception; the message becomes <c>"{path}: {problem}"</c>.</summary>
    public InputFileException(string path, string problem)
        : base(path + ": " + problem)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Creates the exception with its cause.</summary>
    public InputFileException(string path, string problem, Exception inner)
        : base(path + ": " + problem, inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file (or <c>file.npz:member</c>) at fault.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}

/// <summary>A native library (OpenBLAS, LAPACKE, ONNX Runtime) could not be loaded or used.</summary>
public sealed class NativeDependencyException : XferException
{
    /// <summary>Creates the exception; the message should list what was tried and how to fix it.</summary>
    public NativeDependencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public NativeDependencyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A metric cannot be computed on these (valid) inputs, e.g. a class too small for a covariance.
/// The score table shows the reason in the metric's row instead of a number.
/// </summary>
public sealed class MetricUnavailableException : XferException
{
    /// <summary>Creates the exception with the reason shown to the user.</summary>
    public MetricUnavailableException(string reason)
        : base(reason)
    {
    }
}
