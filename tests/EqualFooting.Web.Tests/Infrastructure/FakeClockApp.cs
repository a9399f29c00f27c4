using EqualFooting.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EqualFooting.Web.Tests.Infrastructure;

/// <summary>
/// The app with a clock the test moves: a sense of the room's minute passes without waiting for it. Moving it walks
/// every periodic timer of the app through each of its ticks (the poll sweep's is one second), so tests move it by what
/// they need, not by days: a day cost half a minute of ticks.
/// </summary>
public abstract class FakeClockApp(DatabaseProvider provider) : AppFactory(provider)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class FakeClockSqliteApp() : FakeClockApp(DatabaseProvider.Sqlite);

public sealed class FakeClockPostgresApp() : FakeClockApp(DatabaseProvider.Postgres);
