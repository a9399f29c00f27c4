using EqualFooting.Persistence;
using EqualFooting.Record;
using EqualFooting.Web.Kernel;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests.Kernel;

/// <summary>
/// PostgreSQL hands out identity values at insert, not at commit; the process's version must follow commit order
/// instead, or a reader could cache a state under a version that misses a change committed later with a lower id.
/// Two writers are interleaved by hand: the first takes its place and holds its transaction open; the second asks for
/// its place, which must wait for the first to commit, so no reader ever sees the second's version without the first.
/// </summary>
public sealed class RecordOrderOnPostgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static readonly RecordAction<Dictionary<string, object?>> Touched = new("test.touched", "touched");

    [Fact]
    public async Task Places_follow_commit_order_and_no_reader_caches_a_state_missing_a_committed_change()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = (await admin.CreateProcessAsync()).Id();
        var before = await app.WithDbAsync(db => db.Processes.Where(p => p.Id == process).Select(p => p.Version).SingleAsync());

        await using var firstScope = app.Services.CreateAsyncScope();
        await using var secondScope = app.Services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var second = secondScope.ServiceProvider.GetRequiredService<EqualFootingDb>();

        // The first writer takes its place and keeps its transaction open.
        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        var firstEntry = RecordEntry.Create(Touched, process, null, DateTimeOffset.UtcNow, new Dictionary<string, object?> { ["writer"] = 1 });
        await RecordPlaces.PlaceAsync(first, [firstEntry], CancellationToken.None);
        first.Record.Add(firstEntry);
        await first.SaveChangesAsync();

        // The second writer asks for its place: it must wait for the first.
        var secondPid = 0;
        var secondWriter = Task.Run(async () =>
        {
            await using var transaction = await second.Database.BeginTransactionAsync();
            secondPid = await second.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            var entry = RecordEntry.Create(Touched, process, null, DateTimeOffset.UtcNow, new Dictionary<string, object?> { ["writer"] = 2 });
            await RecordPlaces.PlaceAsync(second, [entry], CancellationToken.None);
            second.Record.Add(entry);
            await second.SaveChangesAsync();
            await transaction.CommitAsync();
            return entry;
        });

        // Wait, without sleeping, until PostgreSQL reports the second writer blocked on a lock.
        var blocked = false;
        for (var poll = 0; poll < 100_000 && !blocked && !secondWriter.IsCompleted; poll++)
        {
            blocked = await app.WithDbAsync(db => db.Database
                .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE pid = {0} AND wait_event_type = 'Lock'", secondPid)
                .SingleAsync()) == 1;
            await Task.Yield();
        }

        Assert.True(blocked, "The second writer took its place while the first still held the process row.");

        // A reader now sees the version from before either writer, so it keys nothing on a state it cannot see.
        await using (var readerScope = app.Services.CreateAsyncScope())
        {
            var version = await readerScope.ServiceProvider.GetRequiredService<ProcessVersions>().OfAsync(process);
            Assert.Equal(before, version);
        }

        await firstTransaction.CommitAsync();
        var secondEntry = await secondWriter;

        Assert.Equal(before + 1, firstEntry.Sequence);
        Assert.Equal(before + 2, secondEntry.Sequence);
        await using var afterScope = app.Services.CreateAsyncScope();
        var after = await afterScope.ServiceProvider.GetRequiredService<ProcessVersions>().OfAsync(process);
        Assert.Equal(before + 2, after);
        var visible = await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == process && r.Sequence <= after));
        Assert.Equal((int)after, visible);
    }
}
