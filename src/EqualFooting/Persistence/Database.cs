using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        if (provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory"));
        }
        else
        {
            options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);
        }
    }

    /// <summary>Applies migrations and, on SQLite, switches the file to write-ahead logging (a persistent setting of the file).</summary>
    public static async Task MigrateAsync(EqualFootingDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>
/// Per-connection SQLite settings. synchronous=FULL makes a commit durable before we tell a user it succeeded;
/// WAL's default (NORMAL) may lose the last commits on power loss.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
