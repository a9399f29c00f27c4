using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EqualFooting.Persistence;

// Used only by `dotnet ef migrations add` (see scripts/add-migration.sh); no database is opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEqualFootingDb>
{
    public SqliteEqualFootingDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteEqualFootingDb>();
        Database.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new SqliteEqualFootingDb(options.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEqualFootingDb>
{
    public PostgresEqualFootingDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresEqualFootingDb>();
        Database.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=design_time");
        return new PostgresEqualFootingDb(options.Options);
    }
}
