using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Moderation;

/// <summary>Reporting comments, the moderators' queue, hiding and restoring in public, and the author's notice.</summary>
public abstract class ModerationTests(AppFactory app)
{
    private sealed record Setup(HttpClient Convener, JsonElement Process, int ConsultationId, HttpClient Author, long CommentId);

    private async Task<Setup> CommentedAsync()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var created = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft outcome document",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = "# Principles\n\nHuman rights apply online.",
        })).JsonAsync(HttpStatusCode.Created);
        var (author, _) = await app.SignedInAsync("Abusive Author");
        await (await author.JoinAsync(process, "Private sector", "Europe")).JsonAsync(HttpStatusCode.Created);
        var comment = await (await author.PostAsJsonAsync($"/api/consultations/{created.Id()}/comments", new { text = "Something abusive about a named person." })).JsonAsync(HttpStatusCode.Created);
        return new Setup(admin, process, created.Id(), author, comment.GetProperty("id").GetInt64());
    }

    private async Task<HttpClient> ParticipantAsync(JsonElement process, string group)
    {
        var (client, _) = await app.SignedInAsync();
        await (await client.JoinAsync(process, group, "Africa")).JsonAsync(HttpStatusCode.Created);
        return client;
    }

    [Fact]
    public async Task Reports_queue_up_by_stakeholder_group_and_a_moderator_hides_the_comment_in_public()
    {
        var s = await CommentedAsync();
        var reports = $"/api/comments/{s.CommentId}/reports";
        var civil = await ParticipantAsync(s.Process, "Civil society");
        var government = await ParticipantAsync(s.Process, "Government");
        var (unaffiliated, _) = await app.SignedInAsync();

        var first = await (await civil.PostAsJsonAsync(reports, new { reason = "Personal attack." })).JsonAsync(HttpStatusCode.Created);
        var twice = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => civil.PostAsJsonAsync(reports, new { reason = "Again." })));
        Assert.All(twice, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await (await government.PostAsJsonAsync(reports, new { reason = "Names a private person." })).JsonAsync(HttpStatusCode.Created);
        await (await unaffiliated.PostAsJsonAsync(reports, new { reason = "Abuse." })).JsonAsync(HttpStatusCode.Created);

        var queue = await (await s.Convener.GetAsync($"/api/processes/{s.Process.Id()}/moderation")).JsonAsync(HttpStatusCode.OK);
        var reported = Assert.Single(queue.GetProperty("open").EnumerateArray());
        Assert.Equal(3, reported.GetProperty("reports").GetInt32());
        var byGroup = reported.GetProperty("byStakeholderGroup");
        Assert.Equal((1, 1, 1), (byGroup.GetProperty("Civil society").GetInt32(), byGroup.GetProperty("Government").GetInt32(), byGroup.GetProperty("No affiliation").GetInt32()));
        Assert.Equal("Personal attack.", reported.GetProperty("reasons")[0].GetProperty("reason").GetString());
        Assert.True(first.GetProperty("id").GetInt64() > 0);

        var hidden = await (await s.Convener.PostAsJsonAsync($"/api/comments/{s.CommentId}/hide", new { reason = "Personal attack on a named person" })).JsonAsync(HttpStatusCode.OK);
        Assert.True(hidden.GetProperty("changed").GetBoolean());
        var again = await (await s.Convener.PostAsJsonAsync($"/api/comments/{s.CommentId}/hide", new { reason = "Again" })).JsonAsync(HttpStatusCode.OK);
        Assert.False(again.GetProperty("changed").GetBoolean());

        // Readers see the reason, not the text; the committee still sees the text; the record says who, what, why.
        var page = await app.Anonymous().GetStringAsync($"/consultations/{s.ConsultationId}");
        Assert.Contains("Hidden by the moderators: Personal attack on a named person", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Something abusive", page, StringComparison.Ordinal);
        var committee = await (await app.BrowserSignedInAsync(await ConvenerEmailAsync(s))).GetStringAsync($"/consultations/{s.ConsultationId}/committee");
        Assert.Contains("Something abusive", committee, StringComparison.Ordinal);
        var record = await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}/record");
        Assert.Contains("hid a comment", record, StringComparison.Ordinal);
        var entry = await app.WithDbAsync(db => db.Record.Where(r => r.Action == "comment.hidden" && r.ProcessId == s.Process.Id()).Select(r => r.Entry).SingleAsync());
        Assert.Contains("Personal attack on a named person", entry, StringComparison.Ordinal);
        Assert.Contains($"\"comment\":{s.CommentId}", entry, StringComparison.Ordinal);

        // The author is told, in their inbox; the queue has been settled.
        var inbox = await (await s.Author.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK);
        var notice = Assert.Single(inbox.EnumerateArray());
        Assert.Equal(("ContentHidden", "Personal attack on a named person"), (notice.GetProperty("kind").GetString(), notice.GetProperty("reason").GetString()));
        var settled = await (await s.Convener.GetAsync($"/api/processes/{s.Process.Id()}/moderation")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(settled.GetProperty("open").EnumerateArray());
        Assert.Single(settled.GetProperty("hidden").EnumerateArray());

        await (await s.Convener.PostAsJsonAsync($"/api/comments/{s.CommentId}/restore", new { reason = "Edited context shows it quotes a public statement" })).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("Something abusive", await app.Anonymous().GetStringAsync($"/consultations/{s.ConsultationId}"), StringComparison.Ordinal);
        Assert.Equal(2, (await (await s.Author.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Bad_input_and_permissions_on_moderation()
    {
        var s = await CommentedAsync();
        var participant = await ParticipantAsync(s.Process, "Civil society");
        var reports = $"/api/comments/{s.CommentId}/reports";

        await (await app.Anonymous().PostAsJsonAsync(reports, new { reason = "Abuse." })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await participant.PostAsJsonAsync(reports, new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await participant.PostAsJsonAsync(reports, new { reason = new string('x', 1001) })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await s.Author.PostAsJsonAsync(reports, new { reason = "My own." })).ProblemAsync(HttpStatusCode.Conflict);
        await (await participant.PostAsJsonAsync("/api/comments/999999999/reports", new { reason = "Abuse." })).ProblemAsync(HttpStatusCode.NotFound);
        await (await participant.PostJsonTextAsync(reports, "{\"reason\":3}")).ProblemAsync(HttpStatusCode.BadRequest, "reason");

        await (await participant.PostAsJsonAsync($"/api/comments/{s.CommentId}/hide", new { reason = "I dislike it" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsJsonAsync($"/api/comments/{s.CommentId}/hide", new { reason = "x" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await s.Convener.PostAsJsonAsync($"/api/comments/{s.CommentId}/hide", new { reason = "" })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await participant.PostAsJsonAsync($"/api/comments/{s.CommentId}/restore", new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await participant.GetAsync($"/api/processes/{s.Process.Id()}/moderation")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/moderation")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Anonymous().GetAsync("/api/account/me/notifications")).ProblemAsync(HttpStatusCode.Unauthorized);

        // A moderator (the role, not only conveners) may hide.
        var (moderator, email) = await app.SignedInAsync();
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email, role = "Moderator" })).JsonAsync(HttpStatusCode.OK);
        await (await moderator.PostAsJsonAsync($"/api/comments/{s.CommentId}/hide", new { reason = "Off topic abuse" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await app.WithDbAsync(db => db.CommentHidings.CountAsync(h => h.CommentId == s.CommentId)));
    }

    private Task<string> ConvenerEmailAsync(Setup s) =>
        app.WithDbAsync(db => db.RoleAssignments.Where(r => r.ProcessId == s.Process.Id()).Join(db.Users, r => r.AccountId, u => u.Id, (r, u) => u.Email!).FirstAsync());
}

public sealed class ModerationOnSqlite(SqliteApp app) : ModerationTests(app), IClassFixture<SqliteApp>;

public sealed class ModerationOnPostgres(PostgresApp app) : ModerationTests(app), IClassFixture<PostgresApp>;
