using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Xfer.Numerics.Interop;

/// <summary>Names and search locations of the native libraries behind the native linear-algebra provider.</summary>
/// <remarks>
/// Debian 12 ships CBLAS in <c>libopenblas.so.0</c> (package libopenblas0-pthread; it does not export
/// <c>LAPACKE_*</c>) and LAPACKE in <c>liblapacke.so.3</c> (package liblapacke), which links
/// <c>liblapack.so.3</c>; the alternatives system points that at OpenBLAS's LAPACK.
/// </remarks>
internal static class Libraries
{
    /// <summary>The OpenBLAS soname (CBLAS and the openblas_* control functions).</summary>
    public const string OpenBlas = "libopenblas.so.0";

    /// <summary>The LAPACKE soname (the C interface to LAPACK).</summary>
    public const string Lapacke = "liblapacke.so.3";

    /// <summary>The C library, for <c>dladdr</c> (which file a loaded symbol lives in).</summary>
    public const string LibC = "libc.so.6";

    /// <summary>Debian's multiarch directory for this process, e.g. <c>/usr/lib/x86_64-linux-gnu</c>.</summary>
    public static string MultiarchDirectory => "/usr/lib/" + RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 => "aarch64-linux-gnu",
        Architecture.Arm => "arm-linux-gnueabihf",
        Architecture.X86 => "i386-linux-gnu",
        Architecture.RiscV64 => "riscv64-linux-gnu",
        Architecture.LoongArch64 => "loongarch64-linux-gnu",
        Architecture.Ppc64le => "powerpc64le-linux-gnu",
        Architecture.S390x => "s390x-linux-gnu",
        _ => "x86_64-linux-gnu",
    };

    /// <summary>Where to look for OpenBLAS, in order: the loader's search path, then Debian's pthread build, then the alternatives link.</summary>
    public static IReadOnlyList<string> OpenBlasCandidates =>
    [
        OpenBlas,
        MultiarchDirectory + "/openblas-pthread/" + OpenBlas,
        MultiarchDirectory + "/" + OpenBlas,
    ];

    /// <summary>Where to look for LAPACKE, in order: the loader's search path, then the multiarch directory.</summary>
    public static IReadOnlyList<string> LapackeCandidates =>
    [
        Lapacke,
        MultiarchDirectory + "/" + Lapacke,
    ];
}
