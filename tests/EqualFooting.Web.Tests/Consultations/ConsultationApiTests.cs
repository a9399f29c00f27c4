using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Consultations;

public abstract class ConsultationApiTests(AppFactory app)
{
    private const string Draft = "# Principles\n\nHuman rights apply online as offline.\n\nThe Internet should remain one unfragmented network.\n\nGovernance should be multistakeholder.";

    private sealed record Setup(HttpClient Convener, string ConvenerEmail, JsonElement Process, int ConsultationId, JsonElement Draft);

    private async Task<Setup> ConsultationAsync(string markdown = Draft)
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var created = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft outcome document",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown,
        })).JsonAsync(HttpStatusCode.Created);
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{created.Id()}/draft")).JsonAsync(HttpStatusCode.OK);
        return new Setup(admin, email, process, created.Id(), draft);
    }

    private async Task<HttpClient> ParticipantAsync(JsonElement process, string group = "Civil society", string region = "Africa")
    {
        var (client, _) = await app.SignedInAsync();
        await (await client.JoinAsync(process, group, region)).JsonAsync(HttpStatusCode.Created);
        return client;
    }

    private static int Paragraph(JsonElement draft, int number) =>
        draft.GetProperty("paragraphs").EnumerateArray().Single(p => p.GetProperty("number").GetInt32() == number).Id();

    [Fact]
    public async Task A_convener_opens_a_consultation_and_anyone_reads_the_draft_paragraph_by_paragraph()
    {
        var s = await ConsultationAsync();

        Assert.Equal(4, s.Draft.GetProperty("paragraphs").GetArrayLength());
        Assert.Equal("Human rights apply online as offline.", s.Draft.GetProperty("paragraphs")[1].GetProperty("text").GetString());
        Assert.True(s.Draft.GetProperty("consultation").GetProperty("isOpen").GetBoolean());
        var list = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/consultations")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Draft outcome document", Assert.Single(list.EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Only_conveners_open_consultations()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var participant = await ParticipantAsync(process);
        var body = new { title = "T", closesAt = DateTimeOffset.UtcNow.AddDays(1), markdown = "Text." };

        await (await app.Anonymous().PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", body)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await participant.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", body)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsJsonAsync("/api/processes/424242/consultations", body)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"closesAt\":\"FUTURE\",\"markdown\":\"Text.\"}", "title")]
    [InlineData("{\"title\":\"T\",\"markdown\":\"Text.\"}", "closesAt")]
    [InlineData("{\"title\":\"T\",\"closesAt\":\"2001-01-01T00:00:00Z\",\"markdown\":\"Text.\"}", "closesAt")]
    [InlineData("{\"title\":\"T\",\"opensAt\":\"FUTURE\",\"closesAt\":\"FUTURE\",\"markdown\":\"Text.\"}", "closesAt")]
    [InlineData("{\"title\":\"T\",\"closesAt\":\"FUTURE\",\"markdown\":\"  \"}", "markdown")]
    [InlineData("{\"title\":\"T\",\"closesAt\":\"not a date\",\"markdown\":\"Text.\"}", "closesAt")]
    public async Task Bad_consultations_are_400s_naming_the_field(string template, string field)
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var json = template.Replace("FUTURE", DateTimeOffset.UtcNow.AddDays(3).ToString("O"));

        var response = await admin.PostJsonTextAsync($"/api/processes/{process.Id()}/consultations", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_comment_is_counted_on_its_paragraph_by_stakeholder_group()
    {
        var s = await ConsultationAsync();
        var civil = await ParticipantAsync(s.Process, "Civil society");
        var business = await ParticipantAsync(s.Process, "Private sector", "Europe");
        var paragraph = Paragraph(s.Draft, 2);

        var comment = await (await civil.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { paragraphId = paragraph, text = "Add *access* to information." }))
            .JsonAsync(HttpStatusCode.Created);
        await (await business.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { paragraphId = paragraph, text = "Agreed." })).JsonAsync(HttpStatusCode.Created);
        await (await business.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "On the whole draft." })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(1, comment.GetProperty("versionNumber").GetInt32());
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/draft")).JsonAsync(HttpStatusCode.OK);
        var counts = draft.GetProperty("paragraphs")[1].GetProperty("comments");
        Assert.Equal(2, counts.GetProperty("total").GetInt32());
        Assert.Equal(["Private sector", "Civil society"], counts.GetProperty("byStakeholderGroup").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Equal(1, draft.GetProperty("wholeDraft").GetProperty("total").GetInt32());
        Assert.Equal(3, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "comment.submitted" && r.ActorAffiliationId != null)));
    }

    [Theory]
    [InlineData("{\"text\":\"\"}", "text")]
    [InlineData("{\"text\":\"   \"}", "text")]
    [InlineData("{\"text\":\"LONG\"}", "text")]
    [InlineData("{\"text\":\"Fine.\",\"paragraphId\":424242}", "paragraphId")]
    [InlineData("{\"text\":\"Fine.\",\"versionNumber\":9}", "versionNumber")]
    [InlineData("{\"text\":\"Fine.\",\"idempotencyKey\":\"KEY\"}", "idempotencyKey")]
    [InlineData("{\"text\":42}", "text")]
    [InlineData("{\"text\":\"Fine.\",\"paragraphId\":\"first\"}", "paragraphId")]
    public async Task Bad_comments_are_400s_naming_the_field(string template, string field)
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var json = template.Replace("LONG", new string('a', 10_001)).Replace("KEY", new string('k', 101));

        var response = await client.PostJsonTextAsync($"/api/consultations/{s.ConsultationId}/comments", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.ConsultationId)));
    }

    [Fact]
    public async Task A_comment_of_exactly_ten_thousand_characters_is_accepted()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);

        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = new string('a', 10_000) })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_paragraph_of_another_draft_is_a_400()
    {
        var s = await ConsultationAsync();
        var other = await ConsultationAsync("Only paragraph.\n\nSecond.\n\nThird.\n\nFourth.\n\nFifth.\n\nSixth.");
        var client = await ParticipantAsync(s.Process);
        var foreign = Paragraph(other.Draft, 6);

        var response = await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { paragraphId = foreign, text = "Wrong draft." });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "paragraphId");
    }

    [Fact]
    public async Task Commenting_needs_an_account_and_an_affiliation()
    {
        var s = await ConsultationAsync();
        var (outsider, _) = await app.SignedInAsync();

        await (await app.Anonymous().PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "Hi." })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await outsider.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "Hi." })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.PostAsJsonAsync("/api/consultations/424242/comments", new { text = "Hi." })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_closed_consultation_refuses_comments_with_a_409_until_extended()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);

        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/close", new { })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        var closed = await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/close", new { reason = "Enough input for the next version." })).JsonAsync(HttpStatusCode.OK);
        var refused = await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "Too late?" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/close", new { reason = "Again." })).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/extend", new { closesAt = DateTimeOffset.UtcNow.AddDays(2), reason = "Mine." })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/extend", new { closesAt = DateTimeOffset.UtcNow.AddDays(2) })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/extend", new { closesAt = DateTimeOffset.UtcNow.AddDays(-2), reason = "Past." })).ProblemAsync(HttpStatusCode.BadRequest, "closesAt");
        var extended = await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/extend", new { closesAt = DateTimeOffset.UtcNow.AddDays(2), reason = "Regional groups asked for more time." }))
            .JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "Thanks for the time." })).JsonAsync(HttpStatusCode.Created);

        Assert.False(closed.GetProperty("isOpen").GetBoolean());
        Assert.Equal("Enough input for the next version.", closed.GetProperty("closureReason").GetString());
        Assert.Contains("closed", refused.GetProperty("detail").GetString());
        Assert.True(extended.GetProperty("isOpen").GetBoolean());
        Assert.Equal("Regional groups asked for more time.", extended.GetProperty("extensionReason").GetString());
    }

    [Fact]
    public async Task A_resent_comment_is_stored_once_and_a_reused_key_with_other_text_is_a_409()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var url = $"/api/consultations/{s.ConsultationId}/comments";

        var first = await (await client.PostAsJsonAsync(url, new { text = "Same.", idempotencyKey = "k-1" })).JsonAsync(HttpStatusCode.Created);
        var again = await (await client.PostAsJsonAsync(url, new { text = "Same.", idempotencyKey = "k-1" })).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync(url, new { text = "Different.", idempotencyKey = "k-1" })).ProblemAsync(HttpStatusCode.Conflict, "idempotencyKey");

        Assert.Equal(first.Id(), again.Id());
        Assert.Equal(1, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.ConsultationId)));
    }

    [Fact]
    public async Task A_batch_is_stored_once_even_when_posted_twice_at_the_same_moment()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var paragraph = Paragraph(s.Draft, 3);
        var batch = new
        {
            comments = Enumerable.Range(0, 40).Select(i => new { paragraphId = i % 2 == 0 ? paragraph : (int?)null, text = $"Point {i}.", idempotencyKey = $"import-{i}" }).ToArray(),
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments/batch", batch)));

        var bodies = await Task.WhenAll(responses.Select(r => r.JsonAsync(HttpStatusCode.OK)));
        Assert.Equal(40, bodies.Sum(b => b.GetProperty("created").GetInt32()));
        Assert.Equal(40, bodies.Sum(b => b.GetProperty("repeated").GetInt32()));
        Assert.Equal(
            bodies[0].GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()),
            bodies[1].GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal(40, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.ConsultationId)));
    }

    [Theory]
    [InlineData("{}", "comments")]
    [InlineData("{\"comments\":[]}", "comments")]
    [InlineData("{\"comments\":[{\"text\":\"a\",\"idempotencyKey\":\"1\"},{\"text\":\"b\"}]}", "comments[1].idempotencyKey")]
    [InlineData("{\"comments\":[{\"text\":\"a\",\"idempotencyKey\":\"1\"},{\"text\":\"\",\"idempotencyKey\":\"2\"}]}", "comments[1].text")]
    [InlineData("{\"comments\":[{\"text\":\"a\",\"idempotencyKey\":\"1\",\"paragraphId\":424242}]}", "comments[0].paragraphId")]
    [InlineData("{\"comments\":[{\"text\":\"a\",\"idempotencyKey\":\"1\"},{\"text\":\"b\",\"idempotencyKey\":\"1\"}]}", "comments[1].idempotencyKey")]
    [InlineData("{\"comments\":{\"text\":\"a\"}}", "comments")]
    public async Task Bad_batches_are_refused_whole(string json, string field)
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);

        var response = await client.PostJsonTextAsync($"/api/consultations/{s.ConsultationId}/comments/batch", json);

        var problem = await response.JsonAsync(response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, response.StatusCode.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.ConsultationId)));
    }

    [Fact]
    public async Task A_batch_of_a_thousand_is_stored_in_one_go_and_recorded_once()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var batch = new { comments = Enumerable.Range(0, 1_000).Select(i => new { paragraphId = Paragraph(s.Draft, 1 + i % 4), text = $"Point {i}.", idempotencyKey = $"k{i}" }).ToArray() };

        var body = await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments/batch", batch)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1_000, body.GetProperty("created").GetInt32());
        Assert.Equal(1_000, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.ConsultationId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "comment.batch-submitted")));
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/draft")).JsonAsync(HttpStatusCode.OK);
        Assert.All(draft.GetProperty("paragraphs").EnumerateArray(), p => Assert.Equal(250, p.GetProperty("comments").GetProperty("total").GetInt32()));
    }

    [Fact]
    public async Task A_batch_over_a_thousand_is_a_400()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var batch = new { comments = Enumerable.Range(0, 1_001).Select(i => new { text = "x", idempotencyKey = $"k{i}" }).ToArray() };

        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments/batch", batch)).ProblemAsync(HttpStatusCode.BadRequest, "comments");
    }

    [Fact]
    public async Task The_committee_disposes_others_may_not_and_progress_and_uptake_follow()
    {
        var s = await ConsultationAsync();
        var (member, memberEmail) = await app.SignedInAsync("Committee member");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email = memberEmail, role = "CommitteeMember" })).JsonAsync(HttpStatusCode.OK);
        var civil = await ParticipantAsync(s.Process, "Civil society", "Africa");
        var gov = await ParticipantAsync(s.Process, "Government", "Europe");
        var a = await (await civil.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "Accept me." })).JsonAsync(HttpStatusCode.Created);
        var b = await (await gov.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "Consider me." })).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/consultations/{s.ConsultationId}/comments/{a.Id()}/disposition";

        await (await gov.PostAsJsonAsync(url, new { disposition = "Accepted", reason = "I like it." })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsJsonAsync(url, new { disposition = "Accepted", reason = "x" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await member.PostAsJsonAsync(url, new { disposition = "Maybe", reason = "x" })).ProblemAsync(HttpStatusCode.BadRequest, "disposition");
        await (await member.PostAsJsonAsync(url, new { reason = "x" })).ProblemAsync(HttpStatusCode.BadRequest, "disposition");
        await (await member.PostAsJsonAsync(url, new { disposition = "Accepted" })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await member.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments/424242/disposition", new { disposition = "Accepted", reason = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        var disposed = await (await member.PostAsJsonAsync(url, new { disposition = "Accepted", reason = "Added to paragraph 2." })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PostAsJsonAsync(url, new { disposition = "PartlyAccepted", reason = "Only in part, after review." })).JsonAsync(HttpStatusCode.OK);

        Assert.Single(disposed.GetProperty("dispositions").EnumerateArray());
        var progress = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/progress")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 2), (progress.GetProperty("disposed").GetInt32(), progress.GetProperty("total").GetInt32()));
        var partly = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/comments?disposition=PartlyAccepted")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(a.Id(), Assert.Single(partly.GetProperty("items").EnumerateArray()).Id());
        var open = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/comments?disposition=none")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(b.Id(), Assert.Single(open.GetProperty("items").EnumerateArray()).Id());

        var uptake = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/uptake")).JsonAsync(HttpStatusCode.OK);
        var civilLine = uptake.GetProperty("byStakeholderGroup").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "Civil society");
        Assert.Equal((1, 1), (civilLine.GetProperty("submitted").GetInt32(), civilLine.GetProperty("partlyAccepted").GetInt32()));
        Assert.Equal(2, uptake.GetProperty("total").GetProperty("submitted").GetInt32());
        var csv = await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/uptake.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("stakeholder_group,Civil society,1,1,0,1,0,0,0,1", text);
        Assert.Contains("region,Europe,1,0,0,0,0,0,0,", text);
    }

    [Fact]
    public async Task Comments_are_filtered_by_group_and_region_and_paged()
    {
        var s = await ConsultationAsync();
        var civil = await ParticipantAsync(s.Process, "Civil society", "Africa");
        var tech = await ParticipantAsync(s.Process, "Technical community", "Asia-Pacific");
        for (var i = 0; i < 3; i++)
        {
            await (await civil.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = $"Civil {i}" })).JsonAsync(HttpStatusCode.Created);
        }

        await (await tech.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "Tech" })).JsonAsync(HttpStatusCode.Created);
        var baseUrl = $"/api/consultations/{s.ConsultationId}/comments";

        var byGroup = await (await app.Anonymous().GetAsync($"{baseUrl}?stakeholderGroupId={s.Process.GroupId("Civil society")}&pageSize=2&page=2")).JsonAsync(HttpStatusCode.OK);
        var byRegion = await (await app.Anonymous().GetAsync($"{baseUrl}?regionId={s.Process.RegionId("Asia-Pacific")}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, byGroup.GetProperty("total").GetInt32());
        Assert.Equal("Civil 2", Assert.Single(byGroup.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal("Tech", Assert.Single(byRegion.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal("Technical community", byRegion.GetProperty("items")[0].GetProperty("stakeholderGroup").GetString());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=5000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("disposition=Maybe", "disposition")]
    [InlineData("disposition=7", "disposition")]
    [InlineData("version=0", "version")]
    [InlineData("page=abc", null)]
    public async Task Bad_comment_queries_are_400s(string query, string? field)
    {
        var s = await ConsultationAsync();

        await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/comments?{query}")).ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Replies_edits_and_withdrawals_follow_the_comment_rules()
    {
        var s = await ConsultationAsync();
        var author = await ParticipantAsync(s.Process);
        var other = await ParticipantAsync(s.Process, "Academia");
        var comment = await (await author.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "Frist point." })).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/consultations/{s.ConsultationId}/comments/{comment.Id()}";

        await (await other.PutAsJsonAsync(url, new { text = "Hijack." })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await author.PutAsJsonAsync(url, new { text = "" })).ProblemAsync(HttpStatusCode.BadRequest, "text");
        var edited = await (await author.PutAsJsonAsync(url, new { text = "First point." })).JsonAsync(HttpStatusCode.OK);
        var reply = await (await other.PostAsJsonAsync(url + "/replies", new { text = "Which point?" })).JsonAsync(HttpStatusCode.Created);
        await (await other.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments/{reply.Id()}/replies", new { text = "Nested." })).ProblemAsync(HttpStatusCode.BadRequest, "parentId");
        await (await other.PostAsync(url + "/withdraw", null)).ProblemAsync(HttpStatusCode.Forbidden);
        var withdrawn = await (await author.PostAsync(url + "/withdraw", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Frist point.", edited.GetProperty("edits")[0].GetProperty("text").GetString());
        Assert.Equal(comment.Id(), reply.GetProperty("parentId").GetInt32());
        Assert.Equal("", withdrawn.GetProperty("text").GetString());
        var list = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/comments")).JsonAsync(HttpStatusCode.OK);
        var tombstone = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.True(tombstone.TryGetProperty("withdrawnAt", out _));
        Assert.Equal("Which point?", Assert.Single(tombstone.GetProperty("replies").EnumerateArray()).GetProperty("text").GetString());
        var progress = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/progress")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, progress.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task After_the_close_comments_are_on_the_record_and_neither_edited_nor_withdrawn()
    {
        var s = await ConsultationAsync();
        var author = await ParticipantAsync(s.Process);
        var comment = await (await author.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { text = "In time." })).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/consultations/{s.ConsultationId}/comments/{comment.Id()}";
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/close", new { reason = "Enough input." })).JsonAsync(HttpStatusCode.OK);

        var edit = await (await author.PutAsJsonAsync(url, new { text = "Changed after the close." })).ProblemAsync(HttpStatusCode.Conflict);
        var withdraw = await (await author.PostAsync(url + "/withdraw", null)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("can no longer be edited or withdrawn", edit.GetProperty("detail").GetString());
        Assert.Contains("can no longer be edited or withdrawn", withdraw.GetProperty("detail").GetString());
        var uptake = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/uptake")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, uptake.GetProperty("total").GetProperty("submitted").GetInt32());
        var list = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/comments")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("In time.", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_new_version_keeps_paragraph_ids_and_old_comments_stay_on_their_version()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        var kept = Paragraph(s.Draft, 3);
        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { paragraphId = kept, text = "Say unfragmented and open." })).JsonAsync(HttpStatusCode.Created);

        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/versions", new { markdown = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/versions", new { markdown = "" })).ProblemAsync(HttpStatusCode.BadRequest, "markdown");
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/versions", new { markdown = Draft })).ProblemAsync(HttpStatusCode.Conflict, "markdown");
        var v2 = await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/versions",
            new { markdown = Draft.Replace("one unfragmented network", "one open, unfragmented network") + "\n\nA new closing paragraph." })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(2, v2.GetProperty("number").GetInt32());
        Assert.Equal(kept, v2.GetProperty("paragraphs")[2].Id());
        var draft2 = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/draft")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, draft2.GetProperty("paragraphs")[2].GetProperty("comments").GetProperty("total").GetInt32());
        var draft1 = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/draft?version=1")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, draft1.GetProperty("paragraphs")[2].GetProperty("comments").GetProperty("total").GetInt32());
        await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/draft?version=9")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { versionNumber = 1, paragraphId = kept, text = "Still on v1." })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_whole_consultation_exports_as_json_and_csv()
    {
        var s = await ConsultationAsync();
        var client = await ParticipantAsync(s.Process);
        await (await client.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { paragraphId = Paragraph(s.Draft, 2), text = "=HYPERLINK(\"x\"), with \"quotes\"\nand a line." }))
            .JsonAsync(HttpStatusCode.Created);

        var json = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/export")).JsonAsync(HttpStatusCode.OK);
        var csv = await (await app.Anonymous().GetAsync($"/api/consultations/{s.ConsultationId}/export.csv")).Content.ReadAsStringAsync();

        Assert.Equal(Draft, json.GetProperty("versions")[0].GetProperty("markdown").GetString());
        Assert.Equal("Civil society", json.GetProperty("comments")[0].GetProperty("stakeholderGroup").GetString());
        Assert.StartsWith("\uFEFFid,version,paragraph_id,paragraph_number", csv);
        Assert.Contains(",2,", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\"), with \"\"quotes\"\"\nand a line.\"", csv);
        await (await app.Anonymous().GetAsync("/api/consultations/424242/export")).ProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class ConsultationApiOnSqlite(SqliteApp app) : ConsultationApiTests(app), IClassFixture<SqliteApp>;

public sealed class ConsultationApiOnPostgres(PostgresApp app) : ConsultationApiTests(app), IClassFixture<PostgresApp>;
