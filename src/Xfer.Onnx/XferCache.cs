using System;
using System.IO;

namespace Xfer.Onnx;

/// <summary>
/// The cache directory shared with <c>scripts/setup.sh</c>: <c>$XFER_CACHE</c>, else <c>$HOME/.cache/xfer</c>.
/// Layout: <c>onnxruntime/&lt;version&gt;/libonnxruntime.so.1</c> and <c>models/nsfwjs-&lt;version&gt;/</c> (written by
/// setup), <c>models/converted/</c> (TF.js models converted to ONNX) and <c>features/</c> (extraction results).
/// </summary>
public static class XferCache
{
    /// <summary>The environment variable that moves the cache.</summary>
    public const string EnvironmentVariable = "XFER_CACHE";

    /// <summary>The cache root (not created by this property).</summary>
    public static string Root
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(env))
            {
                return Path.GetFullPath(env);
            }

            string home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h
                ? h
                : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".cache", "xfer");
        }
    }

    /// <summary>A path under the cache root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
