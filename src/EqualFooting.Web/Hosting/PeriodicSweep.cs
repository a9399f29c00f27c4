namespace EqualFooting.Web.Hosting;

/// <summary>
/// The loop every background sweep shares: wait <see cref="Period"/> on the <see cref="TimeProvider"/> (or until
/// <see cref="Wake"/>), run <see cref="RunOnceAsync"/>, log a failure and carry on, so one bad pass never stops the
/// next. A sweep is written so that several nodes running it at once do each thing once; the loop adds no lock.
/// </summary>
public abstract class PeriodicSweep(TimeProvider clock, ILogger log) : BackgroundService
{
    // Counts wake-ups; one pending is enough, since a pass handles everything there is.
    private readonly SemaphoreSlim _woken = new(0);

    protected TimeProvider Clock { get; } = clock;

    protected ILogger Log { get; } = log;

    /// <summary>How long the loop waits between passes when nobody wakes it.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>What the log calls this sweep ("The notices sweep").</summary>
    protected abstract string Name { get; }

    /// <summary>Whether the sweep runs on this node at all (its settings may turn it off).</summary>
    protected virtual bool Enabled => true;

    /// <summary>Whether the first pass runs at start rather than one period later.</summary>
    protected virtual bool RunAtStart => false;

    /// <summary>One pass; the sweep logs what it did.</summary>
    protected abstract Task RunOnceAsync(CancellationToken ct);

    /// <summary>Runs the next pass now rather than at the end of the period; a wake during a pass runs one more.</summary>
    public void Wake()
    {
        if (_woken.CurrentCount == 0)
        {
            _woken.Release();
        }
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Period, Clock);
        Task<bool>? tick = null;
        Task? woken = null;
        try
        {
            if (RunAtStart)
            {
                await PassAsync(stoppingToken);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                // A wait that lost the race stays pending for the next round: a PeriodicTimer takes one waiter at a
                // time, and a semaphore wait dropped would swallow a wake-up.
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                woken ??= _woken.WaitAsync(stoppingToken);
                var first = await Task.WhenAny(tick, woken);
                await first;
                if (first == tick)
                {
                    if (!tick.Result)
                    {
                        return;
                    }

                    tick = null;
                }
                else
                {
                    woken = null;
                }

                await PassAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.LogError(e, "{Sweep} failed; the next pass tries again.", Name);
        }
    }

    public override void Dispose()
    {
        _woken.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
