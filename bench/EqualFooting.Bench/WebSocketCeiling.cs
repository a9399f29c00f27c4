using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

[assembly: HostingStartup(typeof(EqualFooting.Bench.WebSocketCeiling))]

namespace EqualFooting.Bench;

/// <summary>
/// The transport ceiling of session-fanout: a plain WebSocket endpoint in the web app's own process, on the app's
/// Kestrel, with no SignalR behind it. The bench loads itself into the server it starts (a startup hook, then this
/// hosting startup, both named in the server's environment by <see cref="ServerEnvironment"/>), which maps
/// <see cref="PathBase"/> ahead of the app's pipeline: the app's code is unchanged and its own requests pass one path
/// comparison more. A server started without those variables has no such endpoint.
/// </summary>
/// <remarks>
/// The endpoint speaks just enough of the SignalR JSON hub protocol for the bench's screens, <see cref="WireScreen"/>
/// or a .NET <c>HubConnection</c>, to connect to it unchanged: the handshake, a completion for <c>Join</c> naming the
/// sequence to start from, a ping when it has sent nothing for SignalR's keep-alive interval, and the messages the
/// bench hands it, sent as they are. <c>POST {PathBase}/messages?base=S</c> takes those messages (records ending in
/// 0x1e, the k-th carrying sequence S + k); <c>POST {PathBase}/broadcast/k</c> sends the k-th to every joined socket
/// (<see cref="WebSocket.SendAsync(ReadOnlyMemory{byte}, WebSocketMessageType, bool, CancellationToken)"/> on each,
/// all started before any is awaited) and answers with the number of sockets once every send has completed, as the
/// app's API answers once SignalR has handed the state to every connection.
/// </remarks>
public sealed class WebSocketCeiling : IHostingStartup
{
    public const string PathBase = "/bench-ceiling";

    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] HandshakeDone = Encoding.UTF8.GetBytes("{}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Connection, byte> _joined = new();
    private byte[][] _messages = [];
    private long _baseSequence;
    private int _keepingAlive;

    /// <summary>The server's environment that loads the endpoint into it.</summary>
    public static IReadOnlyDictionary<string, string> ServerEnvironment() => new Dictionary<string, string>
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(WebSocketCeiling).Assembly.Location,
        ["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = typeof(WebSocketCeiling).Assembly.GetName().Name!,
    };

    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new Filter()));

    /// <summary>Maps the endpoint ahead of everything the app maps; requests to other paths pass straight on.</summary>
    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var ceiling = new WebSocketCeiling();
            var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            app.Map(PathBase, branch =>
            {
                branch.UseWebSockets();
                branch.Run(context => ceiling.HandleAsync(context, stopping));
            });
            next(app);
        };
    }

    private async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/ws" && context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await ServeAsync(new Connection(socket, stopping), stopping);
        }
        else if (path == "/messages" && HttpMethods.IsPost(context.Request.Method))
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var bytes = body.ToArray();
            var messages = new List<byte[]>();
            for (int start = 0, end; (end = Array.IndexOf(bytes, RecordSeparator, start)) >= 0; start = end + 1)
            {
                messages.Add(bytes[start..(end + 1)]);
            }

            _baseSequence = long.Parse(context.Request.Query["base"].ToString(), CultureInfo.InvariantCulture);
            _messages = [.. messages];
            await context.Response.WriteAsync(messages.Count.ToString(CultureInfo.InvariantCulture), context.RequestAborted);
        }
        else if (path.StartsWith("/broadcast/", StringComparison.Ordinal) && HttpMethods.IsPost(context.Request.Method)
            && int.TryParse(path["/broadcast/".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= _messages.Length)
        {
            var message = _messages[k - 1];
            var sends = new List<Task>();
            var sent = 0;
            foreach (var connection in _joined.Keys)
            {
                var send = connection.SendAsync(message);
                sent++;
                if (!send.IsCompletedSuccessfully)
                {
                    sends.Add(send.AsTask());
                }
            }

            await Task.WhenAll(sends);
            await context.Response.WriteAsync(sent.ToString(CultureInfo.InvariantCulture), context.RequestAborted);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>One screen: the handshake, its Join, then whatever it sends (pings) until it closes.</summary>
    private async Task ServeAsync(Connection connection, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        var filled = 0;
        var handshake = false;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var received = await connection.Socket.ReceiveAsync(buffer.AsMemory(filled), stopping);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                filled += received.Count;
                var start = 0;
                int end;
                while ((end = Array.IndexOf(buffer, RecordSeparator, start, filled - start)) >= 0)
                {
                    if (!handshake)
                    {
                        handshake = true;
                        await connection.SendAsync(HandshakeDone);
                    }
                    else if (JoinInvocation(buffer.AsSpan(start, end - start)) is { } invocationId)
                    {
                        var completion = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                            $"{{\"type\":3,\"invocationId\":{JsonSerializer.Serialize(invocationId)},\"result\":{{\"sequence\":{_baseSequence}}}}}\u001e"));
                        await connection.SendAsync(completion);
                        _joined.TryAdd(connection, 0);
                        StartKeepingAlive(stopping);
                    }

                    start = end + 1;
                }

                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }

            if (connection.Socket.State == WebSocketState.CloseReceived)
            {
                await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, stopping);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The screen went away or the server is stopping.
        }
        finally
        {
            _joined.TryRemove(connection, out _);
        }
    }

    /// <summary>The invocation id of a <c>Join</c> invocation; null for anything else (pings, other calls).</summary>
    private static string? JoinInvocation(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        string? id = null;
        var join = false;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                id = reader.GetString();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                join = reader.ValueTextEquals("Join"u8);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return join ? id : null;
    }

    /// <summary>SignalR's keep-alive, for clients (the .NET one) that drop a server they have not heard from for a while.</summary>
    private void StartKeepingAlive(CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref _keepingAlive, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            try
            {
                while (await timer.WaitForNextTickAsync(stopping))
                {
                    foreach (var connection in _joined.Keys.Where(c => c.Idle > KeepAlive))
                    {
                        _ = connection.SendAsync(Ping).AsTask();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The server is stopping.
            }
        }, stopping);
    }

    /// <summary>A joined socket; one send at a time, as SignalR writes to a connection under a lock.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore's wait handle is never asked for, so it holds nothing to dispose.")]
    private sealed class Connection(WebSocket socket, CancellationToken stopping)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);
        private long _lastSent = System.Diagnostics.Stopwatch.GetTimestamp();

        public WebSocket Socket { get; } = socket;

        public TimeSpan Idle => System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSent));

        public ValueTask SendAsync(byte[] message)
        {
            if (!_sending.Wait(0))
            {
                return SlowAsync(message);
            }

            ValueTask send;
            try
            {
                send = Socket.SendAsync(message.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, stopping);
            }
            catch
            {
                _sending.Release();
                throw;
            }

            if (send.IsCompletedSuccessfully)
            {
                Sent();
                return default;
            }

            return FinishAsync(send);
        }

        private async ValueTask SlowAsync(byte[] message)
        {
            await _sending.WaitAsync(stopping);
            try
            {
                await Socket.SendAsync(message.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, stopping);
            }
            finally
            {
                Sent();
            }
        }

        private async ValueTask FinishAsync(ValueTask send)
        {
            try
            {
                await send;
            }
            finally
            {
                Sent();
            }
        }

        private void Sent()
        {
            Volatile.Write(ref _lastSent, System.Diagnostics.Stopwatch.GetTimestamp());
            _sending.Release();
        }
    }
}
