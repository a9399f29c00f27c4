using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Decisions;

/// <summary>Statements the At-Large way through the API and the pages: a consultation's versions, a ratification vote within a window, sending; with bad input and authorisation.</summary>
public abstract class StatementTests(AppFactory app)
{
    private sealed record Setup(HttpClient Convener, string ConvenerEmail, JsonElement Process, int ConsultationId, string Base);

    private async Task<Setup> SetupAsync()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync("At-Large Advisory Committee");
        var consultation = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "ALAC statement on the new gTLD round",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = "# Statement\n\nThe ALAC supports a new round.\n\nApplicant support must come first.",
        })).JsonAsync(HttpStatusCode.Created);
        return new Setup(admin, email, process, consultation.Id(), $"/api/processes/{process.Id()}/statements");
    }

    private async Task<HttpClient> MemberAsync(JsonElement process, string group, string? name = null)
    {
        var (client, _) = await app.SignedInAsync(name);
        await (await client.JoinAsync(process, group, "Europe")).JsonAsync(HttpStatusCode.Created);
        return client;
    }

    [Fact]
    public async Task A_statement_is_ratified_from_the_consultations_second_version_and_sent()
    {
        var s = await SetupAsync();
        var created = await (await s.Convener.PostAsJsonAsync(s.Base, new { title = "ALAC statement on the new gTLD round", recipient = "ICANN Board", consultationId = s.ConsultationId })).JsonAsync(HttpStatusCode.Created);
        var sid = created.Id();
        Assert.Equal("Drafting", created.GetProperty("status").GetString());

        // Comments folded into a second version; that is the one put to the members.
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/versions", new { markdown = "# Statement\n\nThe ALAC supports a new round.\n\nApplicant support must come first, with a fee waiver." })).JsonAsync(HttpStatusCode.Created);
        await (await s.Convener.PostAsJsonAsync($"{s.Base}/{sid}/send", new { via = "E-mail to the Board" })).ProblemAsync(HttpStatusCode.Conflict);
        var vote = await (await s.Convener.PostAsJsonAsync($"{s.Base}/{sid}/ratification", new { rule = new { kind = "majority", threshold = 0.5 }, windowDays = 7 })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, vote.GetProperty("versionNumber").GetInt32());
        var proposal = vote.GetProperty("proposalId").GetInt32();
        await (await s.Convener.PostAsJsonAsync($"{s.Base}/{sid}/ratification", new { rule = new { kind = "majority" }, windowDays = 7 })).ProblemAsync(HttpStatusCode.Conflict);

        var members = new[] { await MemberAsync(s.Process, "Civil society"), await MemberAsync(s.Process, "Academia"), await MemberAsync(s.Process, "Technical community") };
        var positions = $"/api/processes/{s.Process.Id()}/proposals/{proposal}/positions/me";
        await (await members[0].PutAsJsonAsync(positions, new { stance = "agree" })).JsonAsync(HttpStatusCode.OK);
        await (await members[1].PutAsJsonAsync(positions, new { stance = "agree" })).JsonAsync(HttpStatusCode.OK);
        await (await members[2].PutAsJsonAsync(positions, new { stance = "disagree" })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/proposals/{proposal}/close", new { })).JsonAsync(HttpStatusCode.OK);

        await (await s.Convener.PostAsJsonAsync($"{s.Base}/{sid}/ratification", new { rule = new { kind = "majority" }, windowDays = 7 })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Convener.PostAsJsonAsync($"{s.Base}/{sid}/send", new { via = " " })).ProblemAsync(HttpStatusCode.BadRequest, "via");
        await (await members[0].PostAsJsonAsync($"{s.Base}/{sid}/send", new { via = "E-mail" })).ProblemAsync(HttpStatusCode.Forbidden);
        var sent = await (await s.Convener.PostAsJsonAsync($"{s.Base}/{sid}/send", new { via = "E-mail to the ICANN Board secretariat" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Sent", sent.GetProperty("status").GetString());
        await (await s.Convener.PostAsJsonAsync($"{s.Base}/{sid}/send", new { via = "Again" })).ProblemAsync(HttpStatusCode.Conflict);

        var view = await (await app.Anonymous().GetAsync($"{s.Base}/{sid}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Sent", view.GetProperty("statement").GetProperty("status").GetString());
        Assert.Equal(2, view.GetProperty("versions").GetArrayLength());
        var ratification = Assert.Single(view.GetProperty("ratifications").EnumerateArray());
        Assert.Equal(2, ratification.GetProperty("version").GetInt32());
        Assert.Equal("Adopted", ratification.GetProperty("outcome").GetString());
        Assert.Equal(2, view.GetProperty("latestVote").GetProperty("total").GetProperty("agree").GetInt32());
        var listed = Assert.Single((await (await app.Anonymous().GetAsync(s.Base)).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("Sent", listed.GetProperty("status").GetString());

        var html = await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}/statements/{sid}");
        Assert.Contains($"href=\"/consultations/{s.ConsultationId}?version=2\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/consultations/{s.ConsultationId}/uptake\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"statement-tally\"", html, StringComparison.Ordinal);
        Assert.Contains("E-mail to the ICANN Board secretariat", html, StringComparison.Ordinal);

        var actions = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action.StartsWith("statement.")).Select(r => r.Action).ToListAsync());
        Assert.Equal(["statement.drafted", "statement.put-to-ratification", "statement.sent"], actions.Order());
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field_and_positions_after_the_window_are_409()
    {
        var s = await SetupAsync();
        await (await s.Convener.PostAsJsonAsync(s.Base, new { title = "T", recipient = "Board" })).ProblemAsync(HttpStatusCode.BadRequest, "consultationId");
        await (await s.Convener.PostAsJsonAsync(s.Base, new { title = " ", recipient = "Board", consultationId = s.ConsultationId })).ProblemAsync(HttpStatusCode.BadRequest, "title");
        await (await s.Convener.PostAsJsonAsync(s.Base, new { title = "T", recipient = "", consultationId = s.ConsultationId })).ProblemAsync(HttpStatusCode.BadRequest, "recipient");
        await (await s.Convener.PostAsJsonAsync(s.Base, new { title = "T", recipient = "Board", consultationId = 999_999 })).ProblemAsync(HttpStatusCode.BadRequest, "consultationId");
        var other = await s.Convener.CreateProcessAsync("Another process");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{other.Id()}/statements", new { title = "T", recipient = "Board", consultationId = s.ConsultationId })).ProblemAsync(HttpStatusCode.BadRequest, "consultationId");

        var sid = (await (await s.Convener.PostAsJsonAsync(s.Base, new { title = "T", recipient = "Board", consultationId = s.ConsultationId })).JsonAsync(HttpStatusCode.Created)).Id();
        var ratify = $"{s.Base}/{sid}/ratification";
        await (await s.Convener.PostAsJsonAsync(ratify, new { windowDays = 7 })).ProblemAsync(HttpStatusCode.BadRequest, "rule");
        await (await s.Convener.PostAsJsonAsync(ratify, new { rule = new { kind = "majority", threshold = 1.5 }, windowDays = 7 })).ProblemAsync(HttpStatusCode.BadRequest, "threshold");
        await (await s.Convener.PostAsJsonAsync(ratify, new { rule = new { kind = "majority" }, windowDays = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "windowDays");
        await (await s.Convener.PostAsJsonAsync(ratify, new { rule = new { kind = "majority" }, windowDays = 61 })).ProblemAsync(HttpStatusCode.BadRequest, "windowDays");
        await (await s.Convener.PostAsJsonAsync($"{s.Base}/999999/ratification", new { rule = new { kind = "majority" }, windowDays = 7 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync($"{s.Base}/999999")).ProblemAsync(HttpStatusCode.NotFound);

        var proposal = (await (await s.Convener.PostAsJsonAsync(ratify, new { rule = new { kind = "majority" }, windowDays = 3 })).JsonAsync(HttpStatusCode.Created)).GetProperty("proposalId").GetInt32();
        var member = await MemberAsync(s.Process, "Civil society");
        var positions = $"/api/processes/{s.Process.Id()}/proposals/{proposal}/positions/me";
        await (await member.PutAsJsonAsync(positions, new { stance = "agree" })).JsonAsync(HttpStatusCode.OK);
        await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == proposal).ExecuteUpdateAsync(u => u.SetProperty(p => p.PositionsCloseAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await (await member.PutAsJsonAsync(positions, new { stance = "disagree" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_conveners_and_moderators_start_ratify_and_send_statements()
    {
        var s = await SetupAsync();
        var member = await MemberAsync(s.Process, "Civil society");
        var anonymous = app.Anonymous();
        var body = new { title = "T", recipient = "Board", consultationId = s.ConsultationId };
        await (await anonymous.PostAsJsonAsync(s.Base, body)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await member.PostAsJsonAsync(s.Base, body)).ProblemAsync(HttpStatusCode.Forbidden);

        var sid = (await (await s.Convener.PostAsJsonAsync(s.Base, body)).JsonAsync(HttpStatusCode.Created)).Id();
        var ratify = new { rule = new { kind = "majority" }, windowDays = 7 };
        await (await anonymous.PostAsJsonAsync($"{s.Base}/{sid}/ratification", ratify)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await member.PostAsJsonAsync($"{s.Base}/{sid}/ratification", ratify)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.PostAsJsonAsync($"{s.Base}/{sid}/send", new { via = "E-mail" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await member.PostAsJsonAsync($"{s.Base}/{sid}/send", new { via = "E-mail" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.WithDbAsync(db => db.StatementRatifications.CountAsync(r => r.StatementId == sid)));
    }

    [Fact]
    public async Task Two_conveners_putting_a_statement_to_the_members_at_once_open_one_vote()
    {
        var s = await SetupAsync();
        var sid = (await (await s.Convener.PostAsJsonAsync(s.Base, new { title = "T", recipient = "Board", consultationId = s.ConsultationId })).JsonAsync(HttpStatusCode.Created)).Id();
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, 4).Select(async _ =>
        {
            await start.Task;
            return await s.Convener.PostAsJsonAsync($"{s.Base}/{sid}/ratification", new { rule = new { kind = "majority" }, windowDays = 7 });
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(tasks);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(1, await app.WithDbAsync(db => db.StatementRatifications.CountAsync(r => r.StatementId == sid)));
    }

    [Fact]
    public async Task The_statement_seat_and_proxy_forms_work_without_javascript_and_show_their_errors()
    {
        var s = await SetupAsync();
        var convener = await app.BrowserSignedInAsync(s.ConvenerEmail);
        var processId = s.Process.Id();

        // A statement without a consultation is a form message; with one, the page follows.
        var create = $"/processes/{processId}/statements/new";
        var form = await AppFactory.FormAsync(convener, create);
        form["Title"] = "ALAC advice on DNS abuse";
        form["Recipient"] = "ICANN Board";
        var refused = await convener.PostAsync(create, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose the consultation", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        form["ConsultationId"] = s.ConsultationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await convener.PostAsync(create, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;

        var ratify = await AppFactory.FormAsync(convener, page);
        ratify["Form.Kind"] = "Majority";
        ratify["Form.Threshold"] = "0.5";
        ratify["WindowDays"] = "0";
        var bad = await convener.PostAsync(page + "?handler=Ratify", new FormUrlEncodedContent(ratify));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("The ratification window is 1 to 60 days.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        ratify["WindowDays"] = "5";
        ratify["Form.ProxiesAllowed"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await convener.PostAsync(page + "?handler=Ratify", new FormUrlEncodedContent(ratify))).StatusCode);
        var proposal = await app.WithDbAsync(db => db.StatementRatifications.Where(r => r.Proposal.ProcessId == processId).Select(r => r.ProposalId).SingleAsync());

        // Seats: a malformed date is a message; a member cannot appoint.
        var seats = $"/processes/{processId}/seats";
        var (memberClient, memberEmail) = await app.SignedInAsync("Mei the member");
        await (await memberClient.JoinAsync(s.Process, "Academia", "Asia-Pacific")).JsonAsync(HttpStatusCode.Created);
        var (holderClient, _) = await app.SignedInAsync("Hugo the holder");
        var holder = (await (await holderClient.JoinAsync(s.Process, "Civil society", "Europe")).JsonAsync(HttpStatusCode.Created)).Id();
        var seat = await AppFactory.FormAsync(convener, seats);
        seat["ParticipantId"] = holder.ToString(System.Globalization.CultureInfo.InvariantCulture);
        seat["StakeholderGroupId"] = s.Process.GroupId("Civil society").ToString(System.Globalization.CultureInfo.InvariantCulture);
        seat["From"] = "not a date";
        seat["Until"] = "2099-01-01";
        var badSeat = await convener.PostAsync(seats + "?handler=Seat", new FormUrlEncodedContent(seat));
        Assert.Equal(HttpStatusCode.OK, badSeat.StatusCode);
        Assert.Contains("A term has a start (a date).", await badSeat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        seat["From"] = "2020-01-01";
        Assert.Equal(HttpStatusCode.Redirect, (await convener.PostAsync(seats + "?handler=Seat", new FormUrlEncodedContent(seat))).StatusCode);
        Assert.Contains("Hugo the holder", await app.Anonymous().GetStringAsync(seats), StringComparison.Ordinal);

        var member = await app.BrowserSignedInAsync(memberEmail);
        var memberSeat = await AppFactory.FormAsync(member, $"/processes/{processId}/proposals/{proposal}");
        foreach (var (k, v) in seat.Where(kv => kv.Key != "__RequestVerificationToken"))
        {
            memberSeat[k] = v;
        }

        var denied = await member.PostAsync(seats + "?handler=Seat", new FormUrlEncodedContent(memberSeat));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/access-denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.SeatHolders.CountAsync(x => x.ProcessId == processId)));

        // The member names the seat holder as proxy from the proposal page; naming nobody is a message.
        var proposalPage = $"/processes/{processId}/proposals/{proposal}";
        var proxyForm = await AppFactory.FormAsync(member, proposalPage);
        Assert.Contains("Name my proxy", await member.GetStringAsync(proposalPage), StringComparison.Ordinal);
        var noProxy = await member.PostAsync(proposalPage + "?handler=Proxy", new FormUrlEncodedContent(proxyForm));
        Assert.Equal(HttpStatusCode.OK, noProxy.StatusCode);
        Assert.Contains("Name the participant who carries your position.", await noProxy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        proxyForm["To"] = holder.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostAsync(proposalPage + "?handler=Proxy", new FormUrlEncodedContent(proxyForm))).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.ProposalProxies.CountAsync(x => x.ProposalId == proposal && x.ToParticipantId == holder)));
    }

    [Fact]
    public async Task Proposal_pages_and_the_api_name_people_only_as_the_privacy_settings_allow()
    {
        var s = await SetupAsync();
        var processId = s.Process.Id();
        var proposal = (await (await s.Convener.PostAsJsonAsync($"/api/processes/{processId}/proposals", new { title = "P", question = "Q?", rule = new { kind = "majority" }, appealWindowDays = 14 })).JsonAsync(HttpStatusCode.Created)).Id();
        var dissenter = await MemberAsync(s.Process, "Civil society", "Zaneta Quillfeather");
        var supporter = await MemberAsync(s.Process, "Academia", "Orrin Vasquez-Pell");
        var positions = $"/api/processes/{processId}/proposals/{proposal}/positions/me";
        await (await dissenter.PutAsJsonAsync(positions, new { stance = "disagree", reason = "Too broad." })).JsonAsync(HttpStatusCode.OK);
        await (await supporter.PutAsJsonAsync(positions, new { stance = "agree" })).JsonAsync(HttpStatusCode.OK);
        var a = await MemberAsync(s.Process, "Government");
        await (await a.PutAsJsonAsync(positions, new { stance = "agree" })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{processId}/proposals/{proposal}/close", new { })).JsonAsync(HttpStatusCode.OK);
        await (await dissenter.PostAsJsonAsync($"/api/processes/{processId}/proposals/{proposal}/minority-views", new { text = "We dissent." })).JsonAsync(HttpStatusCode.Created);
        await (await dissenter.PostAsJsonAsync($"/api/processes/{processId}/proposals/{proposal}/appeals", new { grounds = "Not enough notice." })).JsonAsync(HttpStatusCode.Created);

        var page = $"/processes/{processId}/proposals/{proposal}";
        var api = $"/api/processes/{processId}/proposals/{proposal}";
        Assert.Contains("Zaneta Quillfeather", await app.Anonymous().GetStringAsync(page), StringComparison.Ordinal);

        await (await s.Convener.PutAsJsonAsync($"/api/processes/{processId}/privacy", new { names = "Nothing", countryPublic = false, organisationPublic = false, minimumCellSize = 5 })).JsonAsync(HttpStatusCode.OK);
        foreach (var text in new[] { await app.Anonymous().GetStringAsync(page), await app.Anonymous().GetStringAsync(api) })
        {
            Assert.DoesNotContain("Zaneta Quillfeather", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Orrin Vasquez-Pell", text, StringComparison.Ordinal);
            Assert.Contains("We dissent.", text, StringComparison.Ordinal);
        }
    }
}

public sealed class StatementsOnSqlite(SqliteApp app) : StatementTests(app), IClassFixture<SqliteApp>;

public sealed class StatementsOnPostgres(PostgresApp app) : StatementTests(app), IClassFixture<PostgresApp>;
