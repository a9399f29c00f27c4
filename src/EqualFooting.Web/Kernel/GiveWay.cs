namespace EqualFooting.Web.Kernel;

/// <summary>
/// Lets background work on a thread of its own take the CPU that requests leave idle. Between steps of the work,
/// <see cref="Wait"/> asks how much work is waiting (<c>queued</c>): work queued in the thread pool for want of a free
/// thread is how a server looks when requests keep all its cores busy. Finding any, it waits until nothing has been
/// waiting for <c>calm</c> polls in a row, since a busy pool empties its queue for a moment many times a second. The
/// wait is bounded, so a flood slows such work down without stopping it.
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
    /// Gives way to requests queued in the thread pool and to what <paramref name="alsoWaiting"/> counts (work done on
    /// threads of its own, such as the comment writer's, which the pool's queue does not show). Polls every millisecond,
    /// for three quiet ones in a row, at most 100 per step.
    /// </summary>
    public static GiveWay ToRequests(Func<long> alsoWaiting) =>
        new(() => ThreadPool.PendingWorkItemCount + alsoWaiting(), TimeSpan.FromMilliseconds(1), 3, 100);

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
