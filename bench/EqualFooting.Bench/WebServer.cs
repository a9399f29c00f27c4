using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EqualFooting.Bench;

/// <summary>
/// The Release build of EqualFooting.Web running as a separate process on a free loopback port, configured by
/// environment variables. Disposing stops it; its output is kept (the last lines) to explain a failure.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly bool _echo;
    private bool _disposed;

    private WebServer(Process process, Uri baseAddress, bool echo)
    {
        _process = process;
        BaseAddress = baseAddress;
        _echo = echo;
    }

    public Uri BaseAddress { get; }

    /// <summary>The web app's dll: <c>--web-dll PATH</c>, else the build the bench project made next to itself.</summary>
    public static string LocateDll(BenchOptions options)
    {
        var path = options.String("web-dll", "");
        if (path.Length == 0)
        {
            path = typeof(WebServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "EqualFooting.Web.dll")?.Value ?? "";
        }

        return File.Exists(path)
            ? path
            : throw new BenchFailedException($"The web app is not built at '{path}'. ./bench.sh builds it; or pass --web-dll PATH.");
    }

    /// <param name="echo">Print the server's output as it comes (for <c>--sql</c> and other diagnosis).</param>
    public static WebServer Start(string dll, IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments, bool echo)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");

        // The same dotnet host that runs the bench, so both use the same runtime whatever PATH says.
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            // The content root is the working directory: the build output holds appsettings.json.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/'));
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new WebServer(process, url, echo);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <c>/healthz</c> until it answers 200, the process exits, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitUntilHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var last = "no answer yet";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new BenchFailedException($"The web app exited with code {_process.ExitCode} before it was healthy.\n{Output()}");
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await http.GetAsync(new Uri(BaseAddress, "/healthz"), attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                last = "no answer within 2 s";
            }

            await Task.Delay(100, ct);
        }

        throw new BenchFailedException($"The web app was not healthy within {timeout.TotalSeconds:0} s (last: {last}).\n{Output()}");
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Stops the server in its tracks (SIGSTOP): it uses no CPU until <see cref="Resume"/>, for a benchmark that
    /// measures something else on the same machine meanwhile. Linux only, as the rest of the bench.
    /// </summary>
    public void Pause() => Signal(19, "SIGSTOP");

    /// <summary>Lets a paused server go on (SIGCONT).</summary>
    public void Resume() => Signal(18, "SIGCONT");

    private void Signal(int signal, string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new BenchFailedException($"Pausing the server needs Linux's {name}.");
        }

        if (Kill(_process.Id, signal) != 0)
        {
            throw new BenchFailedException($"{name} to the server (process {_process.Id}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>CPU time the server has used so far, user and system.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>
    /// CPU time used so far by the runtime's background JIT thread (tiered compilation), or null where /proc does not
    /// show it. The thread ends after a few idle seconds, taking its count with it; a count that does not grow means the
    /// JIT is idle either way.
    /// </summary>
    public TimeSpan? JitCpuTime()
    {
        try
        {
            var ticks = 0L;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
            {
                // The kernel keeps 15 characters of the thread name ".NET Tiered Compilation Worker".
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }

            // USER_HZ, the unit of these counts, is 100 on every Linux we run on.
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The last lines the server printed, for failure messages.</summary>
    public string Output() =>
        _output.IsEmpty ? "(the server printed nothing)" : "Server output (last lines):\n" + string.Join('\n', _output);

    public async ValueTask DisposeAsync()
    {
        // A benchmark may stop the server before the end of its run and dispose of it again when it cleans up.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped: nothing left to stop.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_echo)
        {
            Console.Error.WriteLine("[server] " + line);
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    // The OS picks a port that is free now; the server binds it a moment later. The window is tiny on a bench machine
    // and a lost race shows up as a clear startup failure, not a wrong figure.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
