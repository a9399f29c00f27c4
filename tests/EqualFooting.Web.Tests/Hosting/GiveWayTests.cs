using EqualFooting.Web.Hosting;
using EqualFooting.Web.Kernel;

namespace EqualFooting.Web.Tests.Hosting;

public sealed class GiveWayTests
{
    [Fact]
    public void With_nothing_queued_the_work_goes_on_at_once()
    {
        var asked = 0;
        var giveWay = new GiveWay(() => { asked++; return 0; }, TimeSpan.FromMilliseconds(1), calm: 3, mostPolls: 100);

        Assert.Equal(0, giveWay.Wait());
        Assert.Equal(1, asked);
    }

    [Fact]
    public void Finding_work_queued_it_waits_until_the_queue_has_stayed_empty_for_the_calm_polls()
    {
        // Queued at first; empty twice, busy again, then empty three times in a row.
        var queue = new Queue<long>([7, 3, 0, 0, 1, 0, 0, 0, 9]);
        var giveWay = new GiveWay(queue.Dequeue, TimeSpan.FromMilliseconds(1), calm: 3, mostPolls: 100);

        Assert.Equal(7, giveWay.Wait());
        Assert.Equal([9L], queue);
    }

    [Fact]
    public void A_queue_that_never_empties_holds_the_work_back_only_so_long()
    {
        var giveWay = new GiveWay(() => 1, TimeSpan.FromMilliseconds(1), calm: 3, mostPolls: 4);

        Assert.Equal(4, giveWay.Wait());
        Assert.Equal(4, giveWay.Wait());
    }
}
