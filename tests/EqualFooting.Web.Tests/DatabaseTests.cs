using EqualFooting.Persistence;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests;

public abstract class DatabaseTests(AppFactory app)
{
    [Fact]
    public async Task The_migrations_match_the_model()
    {
        // Fails when someone changed the model without running scripts/add-migration.sh for both providers.
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())));
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}

public sealed class DatabaseOnSqlite(SqliteApp app) : DatabaseTests(app), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task SQLite_runs_in_WAL_mode_with_full_synchronous_writes()
    {
        var (journal, synchronous) = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            var mode = (string)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA synchronous;";
            var sync = Convert.ToInt64(await command.ExecuteScalarAsync());
            return (mode, sync);
        });

        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous); // 2 = FULL
        Assert.Equal(DatabaseProvider.Sqlite, app.Provider);
    }
}

public sealed class DatabaseOnPostgres(PostgresApp app) : DatabaseTests(app), IClassFixture<PostgresApp>;
