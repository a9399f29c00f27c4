using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Consultations;

/// <summary>
/// Comment intake under retries and concurrency: submissions from many requests are stored together (group commit),
/// yet each keeps its own idempotency, its own answer and its own record entry.
/// </summary>
public abstract class CommentIntakeTests(AppFactory app)
{
    private sealed record Setup(JsonElement Process, int ConsultationId, int ParagraphId);

    private async Task<Setup> ConsultationAsync()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var created = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft for intake",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = "First paragraph.\n\nSecond paragraph.",
        })).JsonAsync(HttpStatusCode.Created);
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{created.Id()}/draft")).JsonAsync(HttpStatusCode.OK);
        return new Setup(process, created.Id(), draft.GetProperty("paragraphs")[1].Id());
    }

    private async Task<HttpClient> ParticipantAsync(JsonElement process, string group = "Civil society", string region = "Africa")
    {
        var (client, _) = await app.SignedInAsync();
        await (await client.JoinAsync(process, group, region)).JsonAsync(HttpStatusCode.Created);
        return client;
    }

    private static object Batch(int paragraphId, IEnumerable<int> keys, Func<int, string>? text = null) => new
    {
        comments = keys.Select(i => new { paragraphId, text = text?.Invoke(i) ?? $"Point {i}.", idempotencyKey = $"k{i}" }).ToArray(),
    };

    private static long[] Ids(JsonElement body) => body.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToArray();

    [Fact]
    public async Task The_same_batch_retried_four_times_at_once_is_stored_once_and_recorded_once()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var batch = Batch(s.ParagraphId, Enumerable.Range(0, 200));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments/batch", batch)));

        var bodies = await Task.WhenAll(responses.Select(r => r.JsonAsync(HttpStatusCode.OK)));
        Assert.Equal(200, bodies.Sum(b => b.GetProperty("created").GetInt32()));
        Assert.Equal(600, bodies.Sum(b => b.GetProperty("repeated").GetInt32()));
        Assert.All(bodies, b => Assert.Equal(Ids(bodies[0]), Ids(b)));
        Assert.Equal(200, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.ConsultationId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "comment.batch-submitted")));
    }

    [Fact]
    public async Task A_batch_mixing_new_and_already_stored_comments_stores_only_the_new_and_records_them()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var url = $"/api/consultations/{s.ConsultationId}/comments/batch";
        var first = await (await client.PostAsJsonAsync(url, Batch(s.ParagraphId, Enumerable.Range(0, 10)))).JsonAsync(HttpStatusCode.OK);

        var second = await (await client.PostAsJsonAsync(url, Batch(s.ParagraphId, Enumerable.Range(5, 10)))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((5, 5), (second.GetProperty("created").GetInt32(), second.GetProperty("repeated").GetInt32()));
        Assert.Equal(Ids(first)[5..], Ids(second)[..5]);
        Assert.All(second.GetProperty("comments").EnumerateArray().Take(5), c => Assert.False(c.GetProperty("created").GetBoolean()));
        Assert.Equal(15, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.ConsultationId)));
        var entries = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action == "comment.batch-submitted").OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, entries.Count);
        using var last = JsonDocument.Parse(entries[1].Entry);
        var data = last.RootElement.GetProperty("data");
        Assert.Equal(5, data.GetProperty("count").GetInt32());
        Assert.Equal(Ids(second)[5..], data.GetProperty("comments").EnumerateArray().Select(c => c.GetInt64()).ToArray());
        Assert.NotNull(entries[1].ActorAffiliationId);
    }

    [Fact]
    public async Task A_reused_key_with_other_text_in_the_middle_of_a_batch_refuses_the_whole_batch()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var url = $"/api/consultations/{s.ConsultationId}/comments/batch";
        await (await client.PostAsJsonAsync(url, Batch(s.ParagraphId, Enumerable.Range(0, 5)))).JsonAsync(HttpStatusCode.OK);

        var response = await client.PostAsJsonAsync(url, Batch(s.ParagraphId, [10, 11, 2, 12], i => i == 2 ? "Changed my mind." : $"Point {i}."));

        await response.ProblemAsync(HttpStatusCode.Conflict, "comments[2].idempotencyKey");
        Assert.Equal(5, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.ConsultationId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "comment.batch-submitted")));
    }

    [Fact]
    public async Task The_same_comment_posted_eight_times_at_once_is_created_once()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { paragraphId = s.ParagraphId, text = "Once.", idempotencyKey = "only" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync(r.StatusCode)).GetProperty("id").GetInt64()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.ConsultationId)));
    }

    [Fact]
    public async Task Comments_stored_together_keep_each_author_group_and_record_entry()
    {
        var s = await ConsultationAsync();
        var groups = new[] { "Government", "Private sector", "Civil society", "Technical community", "Academia" };
        var clients = await Task.WhenAll(groups.Select(g => ParticipantAsync(s.Process, g, "Europe")));

        var responses = await Task.WhenAll(clients.Select((c, i) =>
            c.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { paragraphId = s.ParagraphId, text = $"From {groups[i]}." })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/draft")).JsonAsync(HttpStatusCode.OK);
        var byGroup = draft.GetProperty("paragraphs")[1].GetProperty("comments").GetProperty("byStakeholderGroup").EnumerateArray()
            .ToDictionary(g => g.GetProperty("name").GetString()!, g => g.GetProperty("count").GetInt32());
        Assert.All(groups, g => Assert.Equal(1, byGroup[g]));
        var entries = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action == "comment.submitted").ToListAsync());
        Assert.Equal(5, entries.Select(e => e.ActorAccountId).Distinct().Count());
        Assert.All(entries, e => Assert.NotNull(e.ActorAffiliationId));
    }

    [Fact]
    public async Task Cached_counts_and_pages_follow_every_new_comment()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var url = $"/api/consultations/{s.ConsultationId}";
        await (await client.PostAsJsonAsync(url + "/comments", new { paragraphId = s.ParagraphId, text = "One." })).JsonAsync(HttpStatusCode.Created);
        var before = await (await app.Anonymous().GetAsync(url + "/draft")).JsonAsync(HttpStatusCode.OK);
        var listBefore = await (await app.Anonymous().GetAsync(url + "/comments")).JsonAsync(HttpStatusCode.OK);
        var pageBefore = await app.Anonymous().GetStringAsync($"/consultations/{s.ConsultationId}");

        await (await client.PostAsJsonAsync(url + "/comments", new { paragraphId = s.ParagraphId, text = "Two." })).JsonAsync(HttpStatusCode.Created);

        var after = await (await app.Anonymous().GetAsync(url + "/draft")).JsonAsync(HttpStatusCode.OK);
        var listAfter = await (await app.Anonymous().GetAsync(url + "/comments")).JsonAsync(HttpStatusCode.OK);
        var pageAfter = await app.Anonymous().GetStringAsync($"/consultations/{s.ConsultationId}");
        Assert.Equal(1, before.GetProperty("paragraphs")[1].GetProperty("comments").GetProperty("total").GetInt32());
        Assert.Equal(2, after.GetProperty("paragraphs")[1].GetProperty("comments").GetProperty("total").GetInt32());
        Assert.Equal(2, after.GetProperty("consultation").GetProperty("comments").GetInt32());
        Assert.Equal((1, 2), (listBefore.GetProperty("total").GetInt32(), listAfter.GetProperty("total").GetInt32()));
        Assert.DoesNotContain("<p>Two.</p>", pageBefore);
        Assert.Contains("<p>Two.</p>", pageAfter);
    }

    [Fact]
    public async Task The_draft_page_shows_one_page_of_comments_with_a_link_to_the_next()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments/batch", Batch(s.ParagraphId, Enumerable.Range(0, 120))))
            .JsonAsync(HttpStatusCode.OK);

        var first = await app.Anonymous().GetStringAsync($"/consultations/{s.ConsultationId}");
        var third = await app.Anonymous().GetStringAsync($"/consultations/{s.ConsultationId}?page=3");

        Assert.Equal(50, first.Split("class=\"comment\"").Length - 1);
        Assert.Contains("rel=\"next\"", first);
        Assert.Equal(20, third.Split("class=\"comment\"").Length - 1);
        Assert.Contains("<p>Point 119.</p>", third);
        Assert.DoesNotContain("rel=\"next\"", third);
    }

    [Fact]
    public async Task The_committee_page_reaches_a_later_page_of_comments()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments/batch", Batch(s.ParagraphId, Enumerable.Range(0, 120))))
            .JsonAsync(HttpStatusCode.OK);
        var convener = await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.ProcessId == s.Process.Id())
            .Join(db.Users, r => r.AccountId, u => u.Id, (r, u) => u.Email!).FirstAsync());
        var pages = await app.BrowserSignedInAsync(convener);

        var first = await pages.GetStringAsync($"/consultations/{s.ConsultationId}/committee");
        var third = await pages.GetStringAsync($"/consultations/{s.ConsultationId}/committee?page=3");

        Assert.Contains("<p>Point 0.</p>", first);
        Assert.Contains("<p>Point 119.</p>", third);
        Assert.DoesNotContain("<p>Point 0.</p>", third);
    }
}

public sealed class CommentIntakeOnSqlite(SqliteApp app) : CommentIntakeTests(app), IClassFixture<SqliteApp>;

public sealed class CommentIntakeOnPostgres(PostgresApp app) : CommentIntakeTests(app), IClassFixture<PostgresApp>;
