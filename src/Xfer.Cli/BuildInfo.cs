using System.Linq;
using System.Reflection;

namespace Xfer.Cli;

/// <summary>Version and commit of this build, for <c>xfer --version</c>, <c>xfer info</c> and every report.</summary>
public static class BuildInfo
{
    /// <summary>The informational version, e.g. "0.1.0+3f2a9c1" (commit appended at build time when git is available).</summary>
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The commit part of <see cref="Version"/>, or "unknown".</summary>
    public static string Commit => Version.Contains('+') ? Version.Split('+').Last() : "unknown";
}
