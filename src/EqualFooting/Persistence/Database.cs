using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the store from configuration: <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>.</summary>
public static class Database
{
    public const string DefaultSqliteFile = "data/equalfooting.db";

    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return value.Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not \"{value}\"."),
        };
    }

    /// <summary>
    /// The connection string, with a relative SQLite file resolved against <paramref name="contentRoot"/> and its
    /// folder created, so a fresh clone runs with nothing configured.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.")
                : configured;
        }

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqliteFile}" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        // Writers queue on SQLite's single write lock; a generous wait turns contention into latency, not errors.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        builder.Pooling = true;
        return builder.ToString();
    }

    public static IServiceCollection AddEqualFootingDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = Provider(configuration);
        var connectionString = ConnectionString(configuration, provider, contentRoot);
        // Pooled: every request needs a context, and setting a new one up costs more than most of our queries. The
        // contexts keep no state of their own between requests; EF resets the change tracker when one goes back.
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<EqualFootingDb, PostgresEqualFootingDb>(o => Configure(o, provider, connectionString));
        }
        else
        {
            services.AddDbContextPool<EqualFootingDb, SqliteEqualFootingDb>(o => Configure(o, provider, connectionString));
        }

        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        // Single queries, said explicitly: a query including two collections is one consistent read (split queries
        // are not, outside a transaction), and saying so stops EF warning about it on ordinary page views.
        if (provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
        }
        else
        {
            options.UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(SqlitePragmas.Instance);
        }

        // A SQLite migration that rebuilds a table turns foreign keys off and on around the rebuild, which SQLite cannot
        // do inside a transaction; EF runs those two statements outside it by design and warns on every first start,
        // which a newcomer reads as an alarm. Nothing is wrong and nothing can be done about it: debug level.
        options.ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, Microsoft.Extensions.Logging.LogLevel.Debug)));
    }

    /// <summary>
    /// A SQLite connection of its own for one busy writer (the comment intake), open for the writer's lifetime: the
    /// usual settings, a page cache of 64 MiB instead of 2 so that the comment indexes stay in memory between
    /// transactions, journals of savepoints in memory, and no automatic checkpoints, which would stall every few commits of the writer while the WAL is
    /// copied into the database; the writer has them run on another connection meanwhile
    /// (<see cref="CheckpointAsync"/>). When the WAL starts over, its file is cut back to 64 MiB.
    /// </summary>
    public static async Task<SqliteConnection> OpenSqliteWriterAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // The savepoint of a batch journals the pages it touches; in memory, not in a temporary file.
        command.CommandText = SqlitePragmas.Pragmas + " PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";
        await command.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>A context on a connection the caller opened and owns (EF neither opens nor closes it).</summary>
    public static DbContextOptions<SqliteEqualFootingDb> SqliteOptions(SqliteConnection connection) =>
        new DbContextOptionsBuilder<SqliteEqualFootingDb>().UseSqlite(connection).Options;

    /// <summary>
    /// Copies what the WAL holds into the database without waiting for readers or blocking the writer. The WAL starts
    /// over only when a write begins after everything in it was copied and no reader still uses it.
    /// </summary>
    /// <returns>Whether everything was copied, and the frames the WAL holds.</returns>
    public static async Task<(bool Complete, long Frames)> CheckpointAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var result = await command.ExecuteReaderAsync(ct);

        // One row: busy (1 when it could not finish), frames in the WAL, frames copied into the database.
        return await result.ReadAsync(ct)
            ? (result.GetInt64(0) == 0 && result.GetInt64(1) == result.GetInt64(2), result.GetInt64(1))
            : (true, 0);
    }

    /// <summary>Applies migrations and, on SQLite, switches the file to write-ahead logging (a persistent setting of the file).</summary>
    public static async Task MigrateAsync(EqualFootingDb db, CancellationToken cancellationToken = default)
    {
        // Npgsql's migrator learns that the history table is missing by reading it and catching the failure
        // (npgsql/efcore.pg#3407), which EF logs as an error on every fresh PostgreSQL database: an alarm for nothing.
        // Creating the table first, if it is missing, leaves it nothing to catch.
        if (db.Database.IsNpgsql() && await db.Database.CanConnectAsync(cancellationToken))
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
            }
            catch (DbException)
            {
                // Another node created it at the same moment; the migrator, which takes a lock, carries on from here.
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>
/// Per-connection SQLite settings. synchronous=FULL makes a commit durable before we tell a user it succeeded;
/// WAL's default (NORMAL) may lose the last commits on power loss. The settings belong to the native connection and
/// survive its trips through the pool, so they are applied once per native connection rather than at every open (EF
/// opens the connection for each query, and five statements per query showed in the comment intake's profile).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || Applied.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Applied.AddOrUpdate(handle, Applied);
    }

    // Microsoft.Data.Sqlite runs "async" commands synchronously anyway; one path for both.
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }
}
