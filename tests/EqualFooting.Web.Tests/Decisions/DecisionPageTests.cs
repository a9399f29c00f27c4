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

    [Fact]
    public async Task The_chair_changes_the_rule_escalates_and_splits_from_the_page_and_bad_input_is_a_form_message()
    {
        var (admin, adminEmail) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync("At-Large working group");
        var chair = await app.BrowserSignedInAsync(adminEmail);
        var create = $"/processes/{process.Id()}/proposals/new";
        var form = await AppFactory.FormAsync(chair, create);
        form["Form.Title"] = "Accountability principles";
        form["Form.Question"] = "Adopt the principles?";
        form["Form.Kind"] = "Majority";
        form["Form.Threshold"] = "0.5";

        // Stuck after one round: the rule change below opens a second, after which it may be split.
        form["Form.EscalateAfterRounds"] = "1";
        var page = (await chair.PostAsync(create, new FormUrlEncodedContent(form))).Headers.Location!.OriginalString;
        var pid = int.Parse(page.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        var (member, memberEmail) = await app.SignedInAsync("Bo from business");
        await (await member.JoinAsync(process, "Private sector", "Europe")).JsonAsync(HttpStatusCode.Created);
        var browser = await app.BrowserSignedInAsync(memberEmail);
        var position = await AppFactory.FormAsync(browser, page);
        position["Stance"] = "Agree";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(page + "?handler=Position", new FormUrlEncodedContent(position))).StatusCode);

        // The rule form opens on the rule in force.
        var chairPage = await chair.GetStringAsync(page);
        Assert.Contains("<option value=\"Majority\" selected=\"selected\">", chairPage, StringComparison.Ordinal);

        // After a position, a change without a reason is refused on the page; with one it starts a new round.
        var rule = await AppFactory.FormAsync(chair, page);
        rule["Form.Kind"] = "StakeholderEqual";
        rule["Form.Threshold"] = "0.5";
        var noReason = await chair.PostAsync(page + "?handler=Rule", new FormUrlEncodedContent(rule));
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("changing the rule now needs a reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        rule["Reason"] = "Business is outnumbered here.";
        Assert.Equal(HttpStatusCode.Redirect, (await chair.PostAsync(page + "?handler=Rule", new FormUrlEncodedContent(rule))).StatusCode);
        Assert.Equal("StakeholderEqual", await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == pid).Select(p => p.RuleKind.ToString()).SingleAsync()));

        // A member may not change the rule from the page either.
        var memberRule = await AppFactory.FormAsync(browser, page);
        memberRule["Form.Kind"] = "Majority";
        memberRule["Reason"] = "I prefer counting heads.";
        var forbidden = await browser.PostAsync(page + "?handler=Rule", new FormUrlEncodedContent(memberRule));
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.Contains("/account/access-denied", forbidden.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("StakeholderEqual", await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == pid).Select(p => p.RuleKind.ToString()).SingleAsync()));

        // Escalating to someone who is not a facilitator is a form message.
        var escalate = await AppFactory.FormAsync(chair, page);
        escalate["Facilitator"] = "nobody@example.org";
        var notFacilitator = await chair.PostAsync(page + "?handler=Escalate", new FormUrlEncodedContent(escalate));
        Assert.Equal(HttpStatusCode.OK, notFacilitator.StatusCode);
        Assert.Contains("Name one of the process", await notFacilitator.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // One part is not a split; two are, each linked to the parent.
        var split = await AppFactory.FormAsync(chair, page);
        split["Parts"] = "Only one: Is one a split?";
        var one = await chair.PostAsync(page + "?handler=Split", new FormUrlEncodedContent(split));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("Split into 2 to 10 smaller proposals.", await one.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        split["Parts"] = "Transparency: Publish every board vote?\nReview: Review decisions within a year?";
        Assert.Equal(HttpStatusCode.Redirect, (await chair.PostAsync(page + "?handler=Split", new FormUrlEncodedContent(split))).StatusCode);
        var parts = await app.WithDbAsync(db => db.Proposals.Where(p => p.ParentId == pid).OrderBy(p => p.Id).Select(p => p.Title).ToListAsync());
        Assert.Equal(["Transparency", "Review"], parts);
    }
}

public sealed class DecisionPagesOnSqlite(SqliteApp app) : DecisionPageTests(app), IClassFixture<SqliteApp>;

public sealed class DecisionPagesOnPostgres(PostgresApp app) : DecisionPageTests(app), IClassFixture<PostgresApp>;
