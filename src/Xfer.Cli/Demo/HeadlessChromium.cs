using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Xfer.Cli.Demo;

/// <summary>One chart as the browser drew it.</summary>
/// <param name="Id">The chart element's id.</param>
/// <param name="Marks">SVG/canvas elements inside it (paths, rects, lines, text, canvas).</param>
/// <param name="Width">Rendered width in CSS pixels.</param>
/// <param name="Height">Rendered height in CSS pixels.</param>
public sealed record RenderedChart(string Id, int Marks, double Width, double Height)
{
    /// <summary>True when the chart has drawn marks of non-zero size.</summary>
    public bool Rendered => Marks > 0 && Width > 0 && Height > 0;
}

/// <summary>What headless Chromium saw when loading a report.</summary>
/// <param name="Charts">Every <c>div.chart</c> of the page.</param>
/// <param name="ConsoleErrors">console.error calls, uncaught exceptions and browser log errors.</param>
/// <param name="NetworkRequests">http(s) requests the page made (a self-contained page makes none).</param>
/// <param name="RenderState">The page's own verdict: the value of <c>data-charts-rendered</c>, or "failed: …", or "timeout".</param>
/// <param name="Screenshot">Where the full-page PNG was written, or null.</param>
public sealed record BrowserCheck(IReadOnlyList<RenderedChart> Charts, IReadOnlyList<string> ConsoleErrors, IReadOnlyList<string> NetworkRequests, string RenderState, string? Screenshot)
{
    /// <summary>No errors, no network, and every chart drawn.</summary>
    public bool Passed => ConsoleErrors.Count == 0 && NetworkRequests.Count == 0 && Charts.All(c => c.Rendered) && !RenderState.StartsWith("failed", StringComparison.Ordinal) && RenderState != "timeout";
}

/// <summary>
/// Loads a page in headless Chromium through the DevTools protocol (a WebSocket; no driver needed) and reports console
/// errors, network requests, what each chart drew, and a full-page screenshot. Used by <c>xfer demo</c> to check its
/// report and by the report's browser test.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>Chromium's executable (XFER_CHROMIUM, else chromium or chromium-browser on PATH), or null.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("XFER_CHROMIUM") is { Length: > 0 } env)
        {
            return File.Exists(env) ? env : null;
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome" })
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>Loads <paramref name="htmlPath"/>, waits for the charts (at most <paramref name="timeout"/>), and writes a screenshot when <paramref name="screenshotPath"/> is given.</summary>
    public static BrowserCheck Check(string chromium, string htmlPath, string? screenshotPath, TimeSpan timeout)
        => CheckAsync(chromium, htmlPath, screenshotPath, timeout).GetAwaiter().GetResult();

    private static async Task<BrowserCheck> CheckAsync(string chromium, string htmlPath, string? screenshotPath, TimeSpan timeout)
    {
        string profile = Directory.CreateTempSubdirectory("xfer-chromium-").FullName;
        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--remote-debugging-port=0", "--window-size=1280,900", "--user-data-dir=" + profile, "about:blank" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + chromium);
        using var cts = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(30));
        try
        {
            string browserUrl = await ReadDevToolsUrl(process, cts.Token).ConfigureAwait(false);
            var port = new Uri(browserUrl).Port;
            using var http = new HttpClient();
            string list = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list"), cts.Token).ConfigureAwait(false);
            string pageUrl = JsonNode.Parse(list)!.AsArray().First(t => (string?)t!["type"] == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
            using var session = await DevToolsSession.Connect(new Uri(pageUrl), cts.Token).ConfigureAwait(false);
            await session.Send("Runtime.enable", null, cts.Token).ConfigureAwait(false);
            await session.Send("Log.enable", null, cts.Token).ConfigureAwait(false);
            await session.Send("Network.enable", null, cts.Token).ConfigureAwait(false);
            await session.Send("Page.enable", null, cts.Token).ConfigureAwait(false);
            await session.Send("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri }, cts.Token).ConfigureAwait(false);

            string state = "timeout";
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < timeout)
            {
                var value = await session.Evaluate(
                    "document.readyState === 'complete' && document.body ? (document.body.getAttribute('data-charts-rendered') ?? (document.body.hasAttribute('data-charts-failed') ? 'failed: ' + document.body.getAttribute('data-charts-failed') : (document.querySelector('div.chart') ? null : 'no charts'))) : null",
                    cts.Token).ConfigureAwait(false);
                if (value is JsonValue v && v.TryGetValue(out string? s) && s is not null)
                {
                    state = s;
                    break;
                }

                await Task.Delay(200, cts.Token).ConfigureAwait(false);
            }

            var charts = await session.Evaluate(
                "JSON.stringify(Array.from(document.querySelectorAll('div.chart')).map(function (el) { var r = el.getBoundingClientRect(); " +
                "return { id: el.id, marks: el.querySelectorAll('svg path, svg rect, svg line, svg text, canvas').length, width: r.width, height: r.height }; }))",
                cts.Token).ConfigureAwait(false);
            var rendered = JsonNode.Parse(charts!.GetValue<string>())!.AsArray()
                .Select(c => new RenderedChart((string)c!["id"]!, (int)c["marks"]!, (double)c["width"]!, (double)c["height"]!)).ToList();

            string? shot = null;
            if (screenshotPath is not null)
            {
                var metrics = await session.Send("Page.getLayoutMetrics", null, cts.Token).ConfigureAwait(false);
                var size = metrics!["cssContentSize"] ?? metrics["contentSize"];
                double width = Math.Min((double)size!["width"]!, 4000), height = Math.Min((double)size["height"]!, 30000);
                var png = await session.Send("Page.captureScreenshot", new JsonObject
                {
                    ["format"] = "png",
                    ["captureBeyondViewport"] = true,
                    ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
                }, cts.Token).ConfigureAwait(false);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshotPath))!);
                await File.WriteAllBytesAsync(screenshotPath, Convert.FromBase64String((string)png!["data"]!), cts.Token).ConfigureAwait(false);
                shot = screenshotPath;
            }

            return new BrowserCheck(rendered, session.Errors.ToList(), session.Requests.ToList(), state, shot);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A helper process may still hold a file for a moment; the profile is in the temp directory.
            }
        }
    }

    /// <summary>Chromium prints "DevTools listening on ws://…" on stderr once the debugging port is open.</summary>
    private static async Task<string> ReadDevToolsUrl(Process process, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        while (true)
        {
            string? line = await process.StandardError.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                throw new InvalidOperationException("Chromium exited before opening its debugging port: " + seen.ToString().Trim());
            }

            int at = line.IndexOf("ws://", StringComparison.Ordinal);
            if (line.Contains("DevTools listening on", StringComparison.Ordinal) && at >= 0)
            {
                // Keep draining stderr so Chromium never blocks on a full pipe.
                _ = Task.Run(async () => { while (await process.StandardError.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is not null) { } }, CancellationToken.None);
                _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is not null) { } }, CancellationToken.None);
                return line[at..].Trim();
            }

            seen.AppendLine(line);
        }
    }

    /// <summary>A minimal DevTools protocol client: commands with ids, and the events a report check needs.</summary>
    private sealed class DevToolsSession : IDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
        private int _nextId;

        public ConcurrentQueue<string> Errors { get; } = new();

        public ConcurrentQueue<string> Requests { get; } = new();

        public static async Task<DevToolsSession> Connect(Uri url, CancellationToken cancellationToken)
        {
            var session = new DevToolsSession();
            session._socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await session._socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
            _ = Task.Run(() => session.Receive(cancellationToken), CancellationToken.None);
            return session;
        }

        public async Task<JsonNode?> Send(string method, JsonObject? parameters, CancellationToken cancellationToken)
        {
            int id = Interlocked.Increment(ref _nextId);
            var done = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = done;
            var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            using (cancellationToken.Register(() => done.TrySetCanceled(cancellationToken)))
            {
                return await done.Task.ConfigureAwait(false);
            }
        }

        public async Task<JsonNode?> Evaluate(string expression, CancellationToken cancellationToken)
        {
            var result = await Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, cancellationToken).ConfigureAwait(false);
            return result?["result"]?["value"];
        }

        public void Dispose() => _socket.Dispose();

        private async Task Receive(CancellationToken cancellationToken)
        {
            var buffer = new byte[1 << 16];
            var message = new MemoryStream();
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var r = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    message.Write(buffer, 0, r.Count);
                    if (!r.EndOfMessage)
                    {
                        continue;
                    }

                    var node = JsonNode.Parse(message.ToArray());
                    message.SetLength(0);
                    Dispatch(node!);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // The browser closed or the check ended.
            }

            foreach (var p in _pending.Values)
            {
                p.TrySetException(new InvalidOperationException("the DevTools connection closed"));
            }
        }

        private void Dispatch(JsonNode node)
        {
            if (node["id"] is JsonNode idNode && _pending.TryRemove((int)idNode, out var done))
            {
                if (node["error"] is JsonNode error)
                {
                    done.TrySetException(new InvalidOperationException("DevTools: " + error.ToJsonString()));
                }
                else
                {
                    done.TrySetResult(node["result"]);
                }

                return;
            }

            var p = node["params"];
            switch ((string?)node["method"])
            {
                case "Runtime.consoleAPICalled" when (string?)p!["type"] is "error" or "assert":
                    Errors.Enqueue("console.error: " + string.Join(" ", p["args"]!.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString() ?? string.Empty)));
                    break;
                case "Runtime.exceptionThrown":
                    var d = p!["exceptionDetails"];
                    Errors.Enqueue("exception: " + (d?["exception"]?["description"]?.ToString() ?? d?["text"]?.ToString()));
                    break;
                case "Log.entryAdded" when (string?)p!["entry"]!["level"] == "error":
                    Errors.Enqueue("log: " + p["entry"]!["text"]);
                    break;
                case "Network.requestWillBeSent":
                    string url = (string?)p!["request"]!["url"] ?? string.Empty;
                    if (url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
                    {
                        Requests.Enqueue(url);
                    }

                    break;
            }
        }
    }
}
