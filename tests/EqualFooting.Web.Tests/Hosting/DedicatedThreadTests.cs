using EqualFooting.Web.Hosting;
using EqualFooting.Web.Kernel;

namespace EqualFooting.Web.Tests.Hosting;

public sealed class DedicatedThreadTests
{
    [Fact]
    public async Task Work_runs_on_a_thread_of_its_own_and_its_result_comes_back()
    {
        var (name, pooled) = await DedicatedThread.RunAsync("Test work", () => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));

        Assert.Equal("Test work", name);
        Assert.False(pooled);
    }

    [Fact]
    public async Task What_the_work_throws_reaches_the_caller_and_a_cancelled_run_is_cancelled()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => DedicatedThread.RunAsync<int>("Test work", () => throw new InvalidOperationException("no")));

        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var run = DedicatedThread.RunAsync("Test work", () =>
        {
            cancel.Token.ThrowIfCancellationRequested();
            return 1;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(run.IsCanceled);
    }
}
