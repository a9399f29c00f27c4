using System.Net;
using System.Net.Http.Json;
using EqualFooting.Persistence;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Conversations;

public sealed class TightVotesApp() : AppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:VotesPerMinute", "3");
    }
}

public sealed class VoteRateLimitTests(TightVotesApp app) : IClassFixture<TightVotesApp>
{
    [Fact]
    public async Task Votes_past_the_budget_get_429_through_the_api_and_the_form_while_other_writes_go_on()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var conversation = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/conversations", new { title = "Limits", moderation = "after" }))
            .JsonAsync(HttpStatusCode.Created);
        var url = $"/api/processes/{process.Id()}/conversations/{conversation.Id()}";
        var (voter, email) = await app.SignedInAsync();
        await (await voter.JoinAsync(process, "Civil society", "Africa")).JsonAsync(HttpStatusCode.Created);
        var statements = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statements.Add((await (await voter.PostAsJsonAsync($"{url}/statements", new { text = $"Statement {i}." })).JsonAsync(HttpStatusCode.Created)).Id());
        }

        for (var i = 0; i < 3; i++)
        {
            await (await voter.PutAsJsonAsync($"{url}/statements/{statements[i]}/vote", new { choice = "agree" })).JsonAsync(HttpStatusCode.OK);
        }

        await (await voter.PutAsJsonAsync($"{url}/statements/{statements[3]}/vote", new { choice = "agree" })).ProblemAsync(HttpStatusCode.TooManyRequests);
        var page = $"/processes/{process.Id()}/conversations/{conversation.Id()}";
        var browser = await app.BrowserSignedInAsync(email);
        var form = await AppFactory.FormAsync(browser, page);
        form["statementId"] = statements[4].ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["choice"] = "agree";
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.PostAsync($"{page}?handler=Vote", new FormUrlEncodedContent(form))).StatusCode);

        // Another account has its own budget; adding a statement is not a vote.
        var (other, _) = await app.SignedInAsync();
        await (await other.JoinAsync(process, "Government", "Europe")).JsonAsync(HttpStatusCode.Created);
        await (await other.PutAsJsonAsync($"{url}/statements/{statements[3]}/vote", new { choice = "disagree" })).JsonAsync(HttpStatusCode.OK);
        form["Text"] = "Still heard.";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"{page}?handler=Statement", new FormUrlEncodedContent(form))).StatusCode);
        Assert.Equal(3, await app.WithDbAsync(db => db.StatementVotes.CountAsync(v => v.ConversationId == conversation.Id() && statements.Take(5).Contains(v.StatementId) && v.Choice == EqualFooting.Conversations.VoteChoice.Agree)));
    }
}
