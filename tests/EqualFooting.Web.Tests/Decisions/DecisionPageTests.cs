using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Decisions;

/// <summary>The proposal pages without JavaScript: reading is public, forms post with antiforgery and show their errors.</summary>
public abstract class DecisionPageTests(AppFactory app)
{
    [Fact]
    public async Task A_proposal_is_put_positions_are_taken_and_the_comparison_is_shown_without_javascript()
    {
        var (admin, adminEmail) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync("CGI.br council");
        var chair = await app.BrowserSignedInAsync(adminEmail);
        var create = $"/processes/{process.Id()}/proposals/new";

        // Bad input: a threshold outside 0–1 is a form message, not a 500.
        var form = await AppFactory.FormAsync(chair, create);
        form["Form.Title"] = "Port 25 management";
        form["Form.Question"] = "Block outbound port 25 on residential lines?";
        form["Form.Kind"] = "Majority";
        form["Form.Threshold"] = "1.5";
        var refused = await chair.PostAsync(create, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("between 0 and 1", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        form["Form.Threshold"] = "0.5";
        form["Form.Links"] = "consultation 4";
        var created = await chair.PostAsync(create, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;

        var (member, memberEmail) = await app.SignedInAsync("Ana from academia");
        await (await member.JoinAsync(process, "Academia", "Latin America and Caribbean")).JsonAsync(HttpStatusCode.Created);
        var browser = await app.BrowserSignedInAsync(memberEmail);
        var position = await AppFactory.FormAsync(browser, page);
        position["Stance"] = "maybe";
        var bad = await browser.PostAsync(page + "?handler=Position", new FormUrlEncodedContent(position));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Choose agree, disagree, abstain or block.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        position["Stance"] = "Agree";
        position["Reason"] = "Spam from our network falls.";
        var taken = await browser.PostAsync(page + "?handler=Position", new FormUrlEncodedContent(position));
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);

        var html = await app.Anonymous().GetStringAsync(page);
        Assert.Contains("id=\"comparison\"", html, StringComparison.Ordinal);
        Assert.Contains("Ana from academia", html, StringComparison.Ordinal);
        Assert.Contains("Spam from our network falls.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/consultations/4\"", html, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.ProposalPositions.CountAsync(p => p.ParticipantId > 0 && p.Stance == Deliberation.Stance.Agree && db.Proposals.Any(x => x.Id == p.ProposalId && x.ProcessId == process.Id()))));

        // The chair closes from the page; the process page lists the proposal with its outcome.
        var close = await AppFactory.FormAsync(chair, page);
        Assert.Equal(HttpStatusCode.Redirect, (await chair.PostAsync(page + "?handler=Close", new FormUrlEncodedContent(close))).StatusCode);
        var processPage = await app.Anonymous().GetStringAsync($"/processes/{process.Id()}");
        Assert.Contains("Port 25 management", processPage, StringComparison.Ordinal);
        Assert.Contains("Adopted", processPage, StringComparison.Ordinal);

        // A member may not put proposals: the page sends them to the access-denied page.
        var denied = await browser.GetAsync(create);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/access-denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

public sealed class DecisionPagesOnSqlite(SqliteApp app) : DecisionPageTests(app), IClassFixture<SqliteApp>;

public sealed class DecisionPagesOnPostgres(PostgresApp app) : DecisionPageTests(app), IClassFixture<PostgresApp>;
