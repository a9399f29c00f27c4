using System.Net;
using System.Xml.Linq;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Record;

/// <summary>The Atom feed of a process's public events.</summary>
public abstract class RecordFeedTests(AppFactory app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_feed_lists_the_processs_public_events_newest_first()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync("Feed process");
        var (member, _) = await app.SignedInAsync("Feed Member");
        await (await member.JoinAsync(process, "Academia", "Europe")).JsonAsync(HttpStatusCode.Created);

        var response = await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("Feed process", feed.Element(Atom + "title")?.Value);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.NotEmpty(entries);
        Assert.Equal("participant.joined", entries[0].Element(Atom + "category")?.Attribute("term")?.Value);
        Assert.Contains("Academia", entries[0].Element(Atom + "summary")?.Value, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.Element(Atom + "updated")?.Value)));
    }

    [Fact]
    public async Task A_draft_process_has_no_public_feed_and_a_malformed_id_is_not_found()
    {
        var (admin, _) = await app.AdministratorAsync();
        var draft = await admin.CreateProcessAsync("Secret feed", "Draft");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/processes/{draft.Id()}/feed.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/processes/{draft.Id()}/feed.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/processes/987654/feed.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/processes/abc/feed.atom")).StatusCode);
    }
}

public sealed class RecordFeedOnSqlite(SqliteApp app) : RecordFeedTests(app), IClassFixture<SqliteApp>;

public sealed class RecordFeedOnPostgres(PostgresApp app) : RecordFeedTests(app), IClassFixture<PostgresApp>;
