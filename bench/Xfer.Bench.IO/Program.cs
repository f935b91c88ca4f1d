using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Xfer.Core;
using Xfer.IO;

// Reading speed of the data readers. Run in Release:
//   dotnet run -c Release --project bench/Xfer.Bench.IO [-- rows cols repeats]
// Writes temporary files (removed at the end), reads each `repeats` times after one warm-up read, and prints the best
// and median wall time. The page cache is warm: this measures parsing and conversion, not the disk.
int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20000;
int cols = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1024;
int repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

string dir = Path.Combine(Path.GetTempPath(), "xfer-bench-io-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(dir);
try
{
    var rng = new SeededRandom(7);
    var m = new Matrix(rows, cols);
    for (int i = 0; i < m.Data.Length; i++)
    {
        m.Data[i] = rng.NextGaussian();
    }

    string f4 = Path.Combine(dir, "features_f4.npy");
    string f8 = Path.Combine(dir, "features_f8.npy");
    string npz = Path.Combine(dir, "features.npz");
    string csv = Path.Combine(dir, "features.csv");
    NpyWriter.Write(f4, m, float32: true);
    NpyWriter.Write(f8, m);
    NpyWriter.WriteNpz(npz, [new("features", new NdArray("m", [rows, cols], "<f4", m.Data))], compress: true);
    int csvRows = Math.Min(rows, 2000);
    using (var w = new StreamWriter(csv, false, new UTF8Encoding(false)))
    {
        for (int i = 0; i < csvRows; i++)
        {
            w.WriteLine(string.Join(",", m.Data.Skip(i * cols).Take(cols).Select(v => ((float)v).ToString("R", CultureInfo.InvariantCulture))) + "," + (i % 10).ToString(CultureInfo.InvariantCulture));
        }
    }

    Console.WriteLine($"xfer IO read benchmark: {rows}×{cols}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
    Time("raw File.ReadAllBytes (f4 file)", f4, p => File.ReadAllBytes(p).Length);
    Time(".npy <f4 → float64 matrix", f4, p => DataFiles.ReadMatrix(p, "features").Rows);
    Time(".npy <f8 → float64 matrix", f8, p => DataFiles.ReadMatrix(p, "features").Rows);
    Time(".npz deflated <f4 member", npz, p => DataFiles.ReadMatrix(p, "features").Rows);
    Time($"CSV {csvRows}×{cols + 1} (float text + label)", csv, p => DataFiles.ReadMatrix(p, "features").Rows);
    const string mnist = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
    if (File.Exists(mnist))
    {
        Time("IDX gzip Fashion-MNIST train images 60000×784", mnist, p => DataFiles.ReadMatrix(p, "features").Rows);
    }
}
finally
{
    Directory.Delete(dir, true);
}

void Time(string what, string path, Func<string, int> read)
{
    read(path); // warm-up: JIT and page cache
    var times = new List<double>();
    for (int r = 0; r < repeats; r++)
    {
        GC.Collect();
        var sw = Stopwatch.StartNew();
        read(path);
        times.Add(sw.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    double mb = new FileInfo(path).Length / 1e6;
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-48} {1,8:F1} MB  best {2,8:F1} ms  median {3,8:F1} ms  ({4:F0} MB/s of file)",
        what, mb, times[0], times[times.Count / 2], mb / (times[0] / 1000)));
}
