namespace Xfer.Core;

/// <summary>
/// A progress report from a long-running library operation (scoring, probing, extraction, optimisation).
/// The library reports through <see cref="System.IProgress{T}"/>; the CLI renders it. Nothing in the library
/// writes to the console.
/// </summary>
/// <param name="Stage">What is running, e.g. "scoring" or "extract mobilenet-v2".</param>
/// <param name="Item">The current item, e.g. "candidate a / logme"; may be empty.</param>
/// <param name="Done">Units finished so far.</param>
/// <param name="Total">Units in all (0 when unknown).</param>
public sealed record ProgressUpdate(string Stage, string Item, double Done, double Total);
