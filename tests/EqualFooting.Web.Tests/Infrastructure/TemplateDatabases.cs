using EqualFooting.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Infrastructure;

/// <summary>
/// One migrated database per provider for the whole test run, copied for each test app: running every migration for
/// each of the suite's apps cost more than most of their tests. The app still runs its migrations at start, and finds
/// nothing left to do; tests of a first start on an empty store use <see cref="StartingDatabase.Empty"/>.
/// </summary>
public static class TemplateDatabases
{
    private static readonly Lazy<string> SqliteTemplate = new(CreateSqlite, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<string> PostgresTemplate = new(CreatePostgres, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new SQLite file holding the migrated schema, at <paramref name="path"/>.</summary>
    public static void CopySqlite(string path) => File.Copy(SqliteTemplate.Value, path);

    /// <summary>The name of the migrated PostgreSQL database to give CREATE DATABASE … TEMPLATE.</summary>
    public static string PostgresName => PostgresTemplate.Value;

    private static string CreateSqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"equalfooting-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        var options = new DbContextOptionsBuilder<SqliteEqualFootingDb>();
        Database.Configure(options, DatabaseProvider.Sqlite, connectionString);
        using (var db = new SqliteEqualFootingDb(options.Options))
        {
            Database.MigrateAsync(db).GetAwaiter().GetResult();
        }

        // Back to a plain journal so the copy is the one file, whole; each app's first connection turns WAL on again
        // (the mode is stored in the file, and the app's migration step sets it).
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            command.ExecuteNonQuery();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    private static string CreatePostgres()
    {
        var connectionString = PostgresServer.CreateDatabase();
        var options = new DbContextOptionsBuilder<PostgresEqualFootingDb>();
        Database.Configure(options, DatabaseProvider.Postgres, connectionString);
        using (var db = new PostgresEqualFootingDb(options.Options))
        {
            Database.MigrateAsync(db).GetAwaiter().GetResult();
        }

        // A template may have no open connection while it is copied, and the pool would keep one.
        using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
    }
}
