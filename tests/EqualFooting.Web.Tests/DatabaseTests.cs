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

    [Fact]
    public async Task Comments_keep_their_foreign_keys_to_author_group_and_region_without_indexes_of_their_own()
    {
        var (foreignKeys, indexes) = await app.WithDbAsync(db =>
        {
            var comment = db.Model.FindEntityType(typeof(EqualFooting.Consultations.Comment))!;
            return Task.FromResult((
                comment.GetForeignKeys().Select(k => string.Join(",", k.Properties.Select(p => p.Name))).ToHashSet(),
                comment.GetIndexes().Select(i => string.Join(",", i.Properties.Select(p => p.Name))).ToHashSet()));
        });

        foreach (var column in new[] { "AuthorParticipantId", "AffiliationId", "StakeholderGroupId", "RegionId" })
        {
            Assert.Contains(column, foreignKeys);
            Assert.DoesNotContain(column, indexes);
        }

        // Other foreign keys keep EF's index: replies are found by their parent, campaigns are deleted.
        Assert.Contains("ParentId", indexes);
        Assert.Contains("CampaignId", indexes);
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

    [Fact]
    public async Task Pooled_connections_keep_their_settings_though_they_are_applied_once_per_native_connection()
    {
        for (var i = 0; i < 20; i++)
        {
            var settings = await app.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                try
                {
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    var values = new List<long>();
                    foreach (var pragma in new[] { "synchronous", "foreign_keys", "busy_timeout" })
                    {
                        command.CommandText = $"PRAGMA {pragma};";
                        values.Add(Convert.ToInt64(await command.ExecuteScalarAsync()));
                    }

                    return values;
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            });

            Assert.Equal([2, 1, 30_000], settings);
        }
    }

    [Fact]
    public async Task The_paragraph_counts_and_the_paragraph_group_and_region_filters_read_the_listing_index_alone()
    {
        // The shapes of the draft page's counts and filtered totals. With no index led by the paragraph (ADR 007),
        // anything less than a covering index would read every comment row of the version.
        var plans = await app.WithDbAsync(async db =>
        {
            var version = db.Comments.Where(c => c.ParentId == null && c.WithdrawnAt == null && c.ConsultationId == 1 && c.VersionNumber == 1);
            var queries = new[]
            {
                version.GroupBy(c => new { c.ParagraphId, c.StakeholderGroupId }).Select(g => new { g.Key.ParagraphId, g.Key.StakeholderGroupId, Count = g.Count() }).ToQueryString(),
                version.Where(c => c.ParagraphId == 7).Select(c => c.Id).ToQueryString(),
                version.Where(c => c.StakeholderGroupId == 2 && c.RegionId == 3).Select(c => c.Id).ToQueryString(),
            };
            var found = new List<string>();
            await db.Database.OpenConnectionAsync();
            try
            {
                foreach (var sql in queries)
                {
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.CommandText = "EXPLAIN QUERY PLAN " + sql;
                    await using var reader = await command.ExecuteReaderAsync();
                    var steps = new List<string>();
                    while (await reader.ReadAsync())
                    {
                        steps.Add(reader.GetString(3));
                    }

                    found.Add(string.Join(" | ", steps));
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return found;
        });

        Assert.All(plans, plan => Assert.Contains("USING COVERING INDEX IX_Comments_Listing", plan));
    }
}

public sealed class DatabaseOnPostgres(PostgresApp app) : DatabaseTests(app), IClassFixture<PostgresApp>;
