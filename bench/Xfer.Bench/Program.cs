using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Xfer.Bench;

// In-process (no generated project per benchmark: faster, works offline and on .NET versions newer than the
// toolchain knows), with a time limit long enough for the managed SVD (about a minute per call). One invocation
// per iteration: every operation here takes tens of milliseconds or more.
var job = Job.Default
    .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true))
    .WithLaunchCount(1)
    .WithWarmupCount(1)
    .WithIterationCount(5)
    .WithInvocationCount(1)
    .WithUnrollFactor(1);
var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddColumn(new GflopsColumn())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(LinearAlgebraBenchmarks).Assembly).Run(args, config);
