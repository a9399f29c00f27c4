namespace EqualFooting.Web.Hosting;

/// <summary>
/// Lets background work on a thread of its own take the CPU that requests leave idle. Between steps of the work,
/// <see cref="Wait"/> looks at the thread pool's queue: work queued there for want of a free thread is how a server
/// looks when requests keep all its cores busy. Finding any, it waits until the queue has stayed empty for
/// <c>calm</c> polls in a row, since a busy pool empties its queue for a moment many times a second. The wait is
/// bounded, so a flood slows such work down without stopping it.
/// </summary>
/// <remarks>
/// Not a lower thread priority (nice 19 on Linux), which is what this replaced: a thread inherits the nice value of the
/// thread that creates it, and the runtime creates threads from whichever thread needs one (a thread-pool worker to run
/// a continuation, the tiered compiler's or the background GC's worker), so some of those were left serving the whole
/// server at the lowest priority.
/// </remarks>
public sealed class GiveWay(Func<long> queued, TimeSpan poll, int calm, int mostPolls)
{
    /// <summary>
    /// Polls every millisecond, for three quiet ones in a row, at most 100 per step. In the <c>consultation-intake</c>
    /// benchmark's single posts (two cores kept busy), steps of about 6 ms waited about 40 ms each, leaving the work an
    /// eighth of a core.
    /// </summary>
    public static GiveWay ToRequests { get; } = new(() => ThreadPool.PendingWorkItemCount, TimeSpan.FromMilliseconds(1), 3, 100);

    /// <summary>Blocks the calling thread; returns how many polls it waited, from 0 (nothing queued) to <c>mostPolls</c>.</summary>
    public int Wait()
    {
        var polls = 0;
        if (queued() > 0)
        {
            for (var quiet = 0; quiet < calm && polls < mostPolls; polls++)
            {
                Thread.Sleep(poll);
                quiet = queued() > 0 ? 0 : quiet + 1;
            }
        }

        return polls;
    }
}
