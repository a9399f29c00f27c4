using EqualFooting.Web.Hosting;
using EqualFooting.Web.Kernel;
using Microsoft.Extensions.Configuration;

namespace EqualFooting.Web.Tests.Sessions;

public class HubWritesTests
{
    [Fact]
    public void Hub_writes_share_the_per_account_budget_and_accounts_do_not_share_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimits:WritesPerMinute"] = "2" }).Build();
        using var writes = new HubWrites(configuration);

        Assert.True(writes.TryAcquire("ana"));
        Assert.True(writes.TryAcquire("ana"));
        Assert.False(writes.TryAcquire("ana"));
        Assert.True(writes.TryAcquire("bruno"));
    }
}
