using System.Runtime.InteropServices;

namespace EqualFooting.Web.Hosting;

/// <summary>
/// Runs long CPU-bound work on a thread of its own instead of a thread-pool thread, which it would hold for seconds,
/// optionally at the lowest scheduling priority: work nobody waits for then takes the CPU that requests leave idle
/// rather than competing with them for it, however many cores the machine has.
/// </summary>
public static class DedicatedThread
{
    /// <summary>Completes with what <paramref name="work"/> returned or threw.</summary>
    /// <param name="lowest">
    /// Run at the lowest priority: nice 19 on Linux (a thread's own setting there), the lowest thread priority elsewhere.
    /// Do not hold a lock or a database transaction that others wait for in such work: it may wait a long time for a core.
    /// </param>
    public static Task<T> RunAsync<T>(string name, bool lowest, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                if (lowest)
                {
                    Lower();
                }

                done.TrySetResult(work());
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>The calling thread's nice value on Linux; null elsewhere.</summary>
    public static int? Nice() => OperatingSystem.IsLinux() ? getpriority(PrioProcess, gettid()) : null;

    /// <summary>
    /// Where the priority cannot be lowered (refused, or a C library without these calls), the work runs at normal
    /// priority: harder on requests, not wrong, so it must not fail for it.
    /// </summary>
    private static void Lower()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                _ = setpriority(PrioProcess, gettid(), 19);
            }
            else
            {
                Thread.CurrentThread.Priority = ThreadPriority.Lowest;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException)
        {
        }
    }

    private const int PrioProcess = 0;

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the project: three calls that
    // take and return ints need no marshalling either way.
    [DllImport("libc")]
    private static extern int setpriority(int which, int who, int priority);

    [DllImport("libc")]
    private static extern int getpriority(int which, int who);

    [DllImport("libc")]
    private static extern int gettid();
}
