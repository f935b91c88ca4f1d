// Writes Fixtures/io/xfer_written/* with the C# writer (Xfer.IO.NpyWriter), for check_xfer_written.py to load with numpy.
//
//   dotnet build Xfer.slnx && dotnet fsi tests/Xfer.Tests/Fixtures/io/write_xfer_fixtures.fsx
//   /usr/bin/python3 tests/Xfer.Tests/Fixtures/io/check_xfer_written.py
//
// NpyWriterTests.Xfer_written_fixtures_are_still_what_the_writer_produces keeps these bytes current.
#r "../../../../src/Xfer.Cli/bin/Debug/net10.0/Xfer.Core.dll"
#r "../../../../src/Xfer.Cli/bin/Debug/net10.0/Xfer.IO.dll"
#r "../../../../src/Xfer.Cli/bin/Debug/net10.0/System.Numerics.Tensors.dll"

open System.IO
open System.Collections.Generic
open Xfer.Core
open Xfer.IO

let dir = Path.Combine(__SOURCE_DIRECTORY__, "xfer_written")
Directory.CreateDirectory(dir) |> ignore
let out name = Path.Combine(dir, name)

// The same arrays as check_xfer_written.py expects (defined there independently).
NpyWriter.Write(out "f8_3x4.npy", [| 3; 4 |], [| for i in 0 .. 11 -> float i * 0.25 - 1.0 |], "<f8")
NpyWriter.Write(out "f4_3x4.npy", [| 3; 4 |], [| for i in 0 .. 11 -> float i * 0.1 - 0.55 |], "<f4")
NpyWriter.Write(out "i8_5.npy", [| 5 |], [| -4611686018427387904.0; -1.0; 0.0; 1.0; 9007199254740992.0 |], "<i8")
NpyWriter.Write(out "i4_2x3.npy", [| 2; 3 |], [| -2147483648.0; -7.0; 0.0; 5.0; 99.0; 2147483647.0 |], "<i4")
NpyWriter.Write(out "u1_2x2x2.npy", [| 2; 2; 2 |], [| for i in 0 .. 7 -> float (i * 36) |], "|u1")
NpyWriter.Write(out "scalar_f8.npy", [||], [| 2.75 |], "<f8")
let m = Matrix.FromRows([| [| 1.5; -2.25; 1e-300 |]; [| nan; infinity; 0.1 |] |])
NpyWriter.Write(out "matrix_f8.npy", m)
NpyWriter.Write(out "matrix_f4.npy", m, true)

let members () =
    [ KeyValuePair("features", NdArray("f", [| 4; 2 |], "<f4", [| 0.5; 1.0; 1.5; 2.0; 2.5; 3.0; 3.5; 4.0 |]))
      KeyValuePair("labels", NdArray("l", [| 4 |], "<i8", [| 0.0; 1.0; 1.0; 0.0 |]))
      KeyValuePair("scalar", NdArray("s", [||], "<f8", [| -0.5 |])) ]
NpyWriter.WriteNpz(out "stored.npz", ResizeArray(members ()), false)
NpyWriter.WriteNpz(out "deflated.npz", ResizeArray(members ()), true)
printfn "wrote %d files to %s" (Directory.GetFiles(dir).Length) dir
