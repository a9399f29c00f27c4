using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace EqualFooting.Bench;

/// <summary>
/// A session screen that speaks the SignalR JSON hub protocol over a bare WebSocket: the handshake, the
/// <c>Join</c> invocation and its completion, pings both ways, and <c>StateChanged</c> invocations, each parsed in full
/// with <see cref="Utf8JsonReader"/>. It is what a browser's signalr.js does on the wire, without the .NET client's
/// pipes and per-connection loops, so on a machine where the screens share the server's cores the figures say more
/// about the server than about the instrument. <c>--client hub</c> uses the .NET client instead.
/// </summary>
public sealed class WireScreen : IAsyncDisposable
{
    /// <summary>What a screen follows: the hub method that carries the changes, and where in its argument the number that grows with each change sits.</summary>
    public sealed record Follows(string Event, byte[][] Marker)
    {
        /// <summary>A session's screen: <c>StateChanged</c>, marked by the state's <c>sequence</c>.</summary>
        public static readonly Follows Session = new("StateChanged", ["sequence"u8.ToArray()]);

        /// <summary>A poll's screen: <c>ResultsChanged</c>, marked by the poll's <c>version</c> (one more per ballot).</summary>
        public static readonly Follows Poll = new("ResultsChanged", ["poll"u8.ToArray(), "version"u8.ToArray()]);
    }

    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Action<long> _onState;
    private readonly Action<long, byte[]>? _onStateRecord;
    private readonly Follows _follows;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(8192);
    private int _filled;
    private Task? _receiving;
    private Timer? _pinging;
    private TaskCompletionSource<long>? _joined;

    private WireScreen(Action<long> onState, Action<long, byte[]>? onStateRecord, Follows follows)
    {
        _onState = onState;
        _onStateRecord = onStateRecord;
        _follows = follows;
    }

    /// <summary>Connects, completes the handshake and joins the session; returns the screen and the sequence it joined at.</summary>
    /// <param name="onStateRecord">Also given every <c>StateChanged</c> record as it came, separator included (for one
    /// screen: the transport ceiling sends the same bytes).</param>
    /// <param name="follows">What the screen follows: a session's states (the default) or a poll's results.</param>
    public static async Task<(WireScreen Screen, long Sequence)> JoinAsync(Uri hub, int sessionId, Action<long> onState, CancellationToken ct, Action<long, byte[]>? onStateRecord = null, Follows? follows = null)
    {
        var screen = new WireScreen(onState, onStateRecord, follows ?? Follows.Session);
        try
        {
            var ws = new UriBuilder(hub) { Scheme = hub.Scheme == "https" ? "wss" : "ws" }.Uri;
            await screen._socket.ConnectAsync(ws, ct);
            await screen.SendAsync(Handshake, ct);
            screen._joined = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            screen._receiving = screen.ReceiveLoopAsync();

            // The server drops a client it has not heard from in 30 s (ClientTimeoutInterval); signalr.js pings every 15 s.
            screen._pinging = new Timer(_ => _ = screen.SendAsync(Ping, screen._stop.Token), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
            await screen.SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Join\",\"arguments\":[{sessionId}]}}\u001e"), ct);
            var sequence = await screen._joined.Task.WaitAsync(ct);
            return (screen, sequence);
        }
        catch
        {
            await screen.DisposeAsync();
            throw;
        }
    }

    private async Task SendAsync(byte[] message, CancellationToken ct)
    {
        try
        {
            await _sending.WaitAsync(ct);
            try
            {
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, ct);
            }
            finally
            {
                _sending.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException && _stop.IsCancellationRequested)
        {
            // Stopping: a ping racing the close has nowhere to go.
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var handshakeDone = false;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_filled == _buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    _buffer.AsSpan(0, _filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }

                var received = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    _joined?.TrySetException(new IOException("The server closed the connection before the join completed."));
                    return;
                }

                _filled += received.Count;

                // Records end with 0x1e and may arrive several to a frame or one across frames.
                var start = 0;
                int end;
                while ((end = Array.IndexOf(_buffer, RecordSeparator, start, _filled - start)) >= 0)
                {
                    var record = _buffer.AsSpan(start, end - start);
                    if (!handshakeDone)
                    {
                        handshakeDone = true;
                        if (!record.SequenceEqual("{}"u8))
                        {
                            _joined?.TrySetException(new IOException($"Handshake refused: {Encoding.UTF8.GetString(record)}"));
                            return;
                        }
                    }
                    else
                    {
                        Handle(record);
                    }

                    start = end + 1;
                }

                _buffer.AsSpan(start, _filled - start).CopyTo(_buffer);
                _filled -= start;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            _joined?.TrySetException(e);
        }
    }

    /// <summary>Reads one hub message: the Join completion (type 3) or a StateChanged invocation (type 1).</summary>
    private void Handle(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        int? type = null;
        string? target = null;
        long? sequence = null;
        string? error = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                target = reader.GetString();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.GetString();
            }
            else if (reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                sequence = MarkerIn(ref reader, _follows.Marker) ?? sequence;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        switch (type)
        {
            case 1 when target == _follows.Event && sequence is { } changed:
                _onState(changed);
                if (_onStateRecord is not null)
                {
                    var copy = new byte[record.Length + 1];
                    record.CopyTo(copy);
                    copy[^1] = RecordSeparator;
                    _onStateRecord(changed, copy);
                }

                break;
            case 3 when error is not null:
                _joined?.TrySetException(new IOException($"Join failed: {error}"));
                break;
            case 3 when sequence is { } joined:
                _joined?.TrySetResult(joined);
                break;
            case 7:
                _joined?.TrySetException(new IOException("The server closed the connection."));
                break;
        }
    }

    /// <summary>
    /// The number at <paramref name="path"/> (<c>sequence</c>, or <c>poll</c> then <c>version</c>) in the object the
    /// reader is on, or in the first element of an argument list.
    /// </summary>
    private static long? MarkerIn(ref Utf8JsonReader reader, byte[][] path)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return null;
        }

        long? marker = null;
        var depth = reader.CurrentDepth;
        var stateDepth = reader.TokenType == JsonTokenType.StartArray ? depth + 1 : depth;
        var matched = 0;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (marker is null && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == stateDepth + 1 + matched && reader.ValueTextEquals(path[matched]))
            {
                if (matched == path.Length - 1)
                {
                    reader.Read();
                    marker = reader.GetInt64();
                }
                else
                {
                    // A property's value sits at the property's depth; its own properties one deeper.
                    matched++;
                }
            }
        }

        return marker;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_pinging is not null)
        {
            await _pinging.DisposeAsync();
        }

        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // Aborting below ends it anyway.
            }
        }

        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving;
        }

        _socket.Dispose();
        _stop.Dispose();
        _sending.Dispose();
    }
}
