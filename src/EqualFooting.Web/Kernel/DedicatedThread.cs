namespace EqualFooting.Web.Kernel;

/// <summary>
/// Runs long CPU-bound work on a thread of its own instead of a thread-pool thread, which it would hold for seconds
/// while requests queue for it. Work nobody waits for gives way to requests with <see cref="GiveWay"/>.
/// </summary>
public static class DedicatedThread
{
    /// <summary>Completes with what <paramref name="work"/> returned or threw.</summary>
    public static Task<T> RunAsync<T>(string name, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
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
}
