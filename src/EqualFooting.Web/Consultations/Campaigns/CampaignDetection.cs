using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Consultations;

/// <summary>
/// Runs campaign detection in the background as comments arrive. Use cases call <see cref="Signal"/> after their
/// commit; signals for a consultation that is already waiting are absorbed, and a run starts
/// <see cref="CampaignSettings.CampaignDetectionDelay"/> after the first of them, so a batch of 1,000 comments or a
/// flood of single ones makes one run (and one more if comments keep coming while it runs), never one per comment.
/// Runs are one at a time: detection is CPU-bound and the node has requests to serve. For the same reason a
/// consultation's next background run waits, after the last one ends, <see cref="RestFactor"/> times as long as that
/// run worked (not counting the time it gave way to requests): a run looks at every comment, so under a steady flood
/// back-to-back runs would keep a core busy and halve the rate at which comments can be taken in (the consultation-intake benchmark showed single posts at 906/s with
/// detection running continuously, 1,313/s without). At a rest of three run times, a run overlapping a flood still
/// cost batches a fifth of their rate (40,000–65,000 comments/s with detection, 55,000–64,000 without); at nine,
/// detection takes a tenth of the time. Campaigns then lag a flood by a few runs' time (about a minute at a million
/// comments), not more; the committee's "detect now" is there when they need them sooner. The rest bounds how much
/// of a core detection takes; that a run takes little of what requests need is <see cref="Kernel.GiveWay"/>, which it
/// waits on between steps of a few milliseconds.
/// <para>
/// Each node runs its own queue for the comments it received. Two nodes may run the same consultation at once; the
/// runs serialise on the consultation's claim in the database and the second finds the first's campaigns (see
/// <see cref="CampaignCommands"/>). A node that stops with signals waiting loses them; the next comment or the
/// committee's "detect now" catches up, since every run looks at all the comments.
/// </para>
/// </summary>
public sealed class CampaignDetection(
    IServiceScopeFactory scopes,
    IOptions<CampaignSettings> settings,
    TimeProvider clock,
    ILogger<CampaignDetection> log) : BackgroundService
{
    /// <summary>Consultations waiting at once; beyond this a signal is dropped (and logged) rather than piling up memory.</summary>
    public const int Capacity = 1_024;

    /// <summary>Background detection takes at most 1 / (1 + RestFactor) of the time for any one consultation.</summary>
    public const int RestFactor = 9;

    private readonly Channel<int> _queue = Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly ConcurrentDictionary<int, Waiting> _waiting = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _running = new();
    private readonly Dictionary<int, DateTimeOffset> _restUntil = [];

    /// <summary>Asks for a run over this consultation's comments; cheap and safe to call after every intake.</summary>
    public void Signal(int consultationId)
    {
        var mine = new Waiting(clock.GetUtcNow(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_waiting.TryAdd(consultationId, mine))
        {
            return;
        }

        if (!_queue.Writer.TryWrite(consultationId))
        {
            _waiting.TryRemove(KeyValuePair.Create(consultationId, mine));
            mine.Done.TrySetResult();
            log.LogWarning("Campaign detection queue full ({Capacity} consultations waiting); consultation {Consultation} will be looked at on its next comment.", Capacity, consultationId);
        }
    }

    /// <summary>
    /// Completes when no run for the consultation is waiting or under way that was asked for before this call: what a
    /// test (or an operator's tool) awaits instead of guessing how long detection takes.
    /// </summary>
    public Task IdleAsync(int consultationId) =>
        _waiting.TryGetValue(consultationId, out var waiting) ? waiting.Done.Task
        : _running.TryGetValue(consultationId, out var running) ? running.Task
        : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!_waiting.TryGetValue(id, out var waiting))
                {
                    continue;
                }

                var start = waiting.Since + settings.Value.CampaignDetectionDelay;
                if (_restUntil.Remove(id, out var rest) && rest > start)
                {
                    start = rest;
                }

                var wait = start - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }

                // Running before no longer waiting, so IdleAsync never sees neither; signals from now on queue a new run.
                _running[id] = waiting.Done;
                _waiting.TryRemove(KeyValuePair.Create(id, waiting));
                var began = clock.GetTimestamp();
                var gaveWay = TimeSpan.Zero;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<CampaignCommands>().DetectInBackgroundAsync(id, stoppingToken) is (var run, var waited))
                    {
                        gaveWay = waited;
                        log.LogInformation(
                            "Campaigns of consultation {Consultation}: {Campaigns} with {Members} members among {Comments} comments, found in {Seconds:0.0} s ({GaveWay:0.0} s of it giving way to requests).",
                            id, run.Campaigns, run.Members, run.Comments, clock.GetElapsedTime(began).TotalSeconds, waited.TotalSeconds);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    log.LogError(e, "Campaign detection failed for consultation {Consultation}.", id);
                }
                finally
                {
                    // The time it worked, not the time it waited for requests: a run that a flood held back has
                    // already taken little, and resting nine times its length would hold campaigns back for an hour.
                    var worked = clock.GetElapsedTime(began) - gaveWay;
                    _restUntil[id] = clock.GetUtcNow() + (worked > TimeSpan.Zero ? worked * RestFactor : TimeSpan.Zero);
                    _running.TryRemove(KeyValuePair.Create(id, waiting.Done));
                    waiting.Done.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var waiting in _waiting.Values)
            {
                waiting.Done.TrySetResult();
            }
        }
    }

    private sealed record Waiting(DateTimeOffset Since, TaskCompletionSource Done);
}
