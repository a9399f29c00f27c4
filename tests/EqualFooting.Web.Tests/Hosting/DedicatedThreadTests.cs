using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Tests.Hosting;

public sealed class DedicatedThreadTests
{
    [Fact]
    public async Task Work_runs_on_a_thread_of_its_own_and_its_result_comes_back()
    {
        var (name, pooled) = await DedicatedThread.RunAsync("Test work", lowest: false, () => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));

        Assert.Equal("Test work", name);
        Assert.False(pooled);
    }

    [Fact]
    public async Task Lowest_priority_work_runs_at_nice_19_on_Linux_and_leaves_the_caller_as_it_was()
    {
        var before = DedicatedThread.Nice();
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(before);
            return;
        }

        var inside = await DedicatedThread.RunAsync("Test work", lowest: true, DedicatedThread.Nice);
        var normal = await DedicatedThread.RunAsync("Test work", lowest: false, DedicatedThread.Nice);

        Assert.Equal(19, inside);
        Assert.Equal(before, normal);
        Assert.Equal(before, DedicatedThread.Nice());
    }

    [Fact]
    public async Task What_the_work_throws_reaches_the_caller_and_a_cancelled_run_is_cancelled()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => DedicatedThread.RunAsync<int>("Test work", lowest: true, () => throw new InvalidOperationException("no")));

        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var run = DedicatedThread.RunAsync("Test work", lowest: true, () =>
        {
            cancel.Token.ThrowIfCancellationRequested();
            return 1;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(run.IsCanceled);
    }
}
