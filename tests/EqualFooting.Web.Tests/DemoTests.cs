using System.Net;
using EqualFooting.Consultations;
using EqualFooting.Persistence;
using EqualFooting.Web.Demo;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EqualFooting.Web.Tests;

/// <summary>The demo loaded on a first start: a process with participants, a live session and an open consultation.</summary>
public abstract class DemoTests(AppFactory app)
{
    [Fact]
    public async Task The_demo_consultation_has_two_versions_comments_from_every_group_and_region_and_dispositions()
    {
        var consultation = await app.WithDbAsync(db => db.Consultations.SingleAsync(c => c.Title == DemoConsultation.Title));
        var comments = await app.WithDbAsync(db => db.Comments.Where(c => c.ConsultationId == consultation.Id).ToListAsync());

        Assert.Equal(2, consultation.LatestVersion);
        Assert.True(consultation.IsOpen(DateTimeOffset.UtcNow));
        Assert.InRange(comments.Count, 30, 60);
        Assert.Equal(6, comments.Select(c => c.StakeholderGroupId).Distinct().Count());
        Assert.Equal(5, comments.Select(c => c.RegionId).Distinct().Count());
        Assert.InRange(comments.Count(c => c.CurrentDisposition is not null), 15, comments.Count - 5);
        Assert.Contains(comments, c => c.CurrentDisposition?.Disposition == Disposition.Accepted);
        Assert.Contains(comments, c => c.CurrentDisposition?.Disposition == Disposition.NotAccepted);

        var campaigns = CampaignDetector.Detect(comments.Select(c => new CampaignInput(c.Id, c.Text)).ToList());
        Assert.Equal(5, Assert.Single(campaigns).MemberIds.Count);

        var compare = await app.Anonymous().GetStringAsync($"/consultations/{consultation.Id}/compare?from=1&to=2");
        Assert.Contains("Added to paragraph 3 in version 2.", compare);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/consultations/{consultation.Id}/uptake")).StatusCode);
    }

    [Fact]
    public async Task Loading_again_as_on_a_restart_adds_nothing()
    {
        async Task<(int, int, int, int)> CountAsync() => await app.WithDbAsync(async db =>
            (await db.Processes.CountAsync(), await db.Consultations.CountAsync(), await db.Comments.CountAsync(), await db.Record.CountAsync()));
        var before = await CountAsync();

        await app.WithDbAsync(async db =>
        {
            await DemoData.LoadIfEmptyAsync(db, TimeProvider.System);
            return 0;
        });

        Assert.Equal(before, await CountAsync());
    }
}

public sealed class DemoOnSqliteApp() : AppFactory(DatabaseProvider.Sqlite, StartingDatabase.Empty)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Enabled", "true");
    }
}

public sealed class DemoOnPostgresApp() : AppFactory(DatabaseProvider.Postgres, StartingDatabase.Empty)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Enabled", "true");
    }
}

public sealed class DemoOnSqlite(DemoOnSqliteApp app) : DemoTests(app), IClassFixture<DemoOnSqliteApp>;

public sealed class DemoOnPostgres(DemoOnPostgresApp app) : DemoTests(app), IClassFixture<DemoOnPostgresApp>;
