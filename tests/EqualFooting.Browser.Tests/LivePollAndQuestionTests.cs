using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// A session's room in a browser (issue 12): a participant votes in a live poll and, with the page left open, reads
/// the show of hands the moderator types for the people without a device; a question from the floor is upvoted by
/// another account and marked answered by the intervention that answered it. Set-up (session, poll, the turn at the
/// floor) goes through the API.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class LivePollAndQuestionTests(Site site)
{
    [Fact]
    public async Task A_live_poll_shows_the_moderator_s_hand_counts_to_a_participant_and_an_upvoted_question_is_answered_by_an_intervention()
    {
        await using var convenerContext = await site.NewContextAsync();
        var convener = new Convener(site, await convenerContext.NewPageAsync());
        var processUrl = await convener.OpenProcessAsync("Room " + Guid.NewGuid().ToString("N")[..6]);
        var processId = int.Parse(processUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        await using var askerContext = await site.NewContextAsync();
        var askerPage = await askerContext.NewPageAsync();
        var asker = new Visitor(askerPage);
        await asker.RegisterAsync();
        await asker.JoinAsync(processUrl, "Civil society", "Africa");
        await using var voterContext = await site.NewContextAsync();
        var voterPage = await voterContext.NewPageAsync();
        var voter = new Visitor(voterPage);
        await voter.RegisterAsync();
        await voter.JoinAsync(processUrl, "Technical community", "Europe");

        var session = await convenerContext.APIRequest.PostAsync($"/api/processes/{processId}/sessions", new()
        {
            DataObject = new { title = "Open microphone", startsAt = "2014-06-22T09:00:00Z", endsAt = "2014-06-22T10:30:00Z" },
        });
        var sessionId = (await session.JsonAsync())!.Value.GetProperty("id").GetInt32();
        Assert.Equal(200, (await convenerContext.APIRequest.PostAsync($"/api/sessions/{sessionId}/start", new() { DataObject = new { } })).Status);
        var poll = await convenerContext.APIRequest.PostAsync($"/api/sessions/{sessionId}/polls", new()
        {
            DataObject = new { question = "Should the session's messages go to the plenary?", kind = "SingleChoice", options = new[] { "Yes", "No" }, anonymous = false, resultsWhileOpen = true },
        });
        Assert.Equal(201, poll.Status);
        var pollUrl = $"/polls/{(await poll.JsonAsync())!.Value.GetProperty("id").GetInt32()}";

        // The participant votes and stays on the poll's page.
        await voterPage.GotoAsync(pollUrl);
        await voterPage.GetByRole(AriaRole.Radio, new() { Name = "Yes" }).CheckAsync();
        await voterPage.GetByRole(AriaRole.Button, new() { Name = "Vote", Exact = true }).ClickAsync();
        await Expect(voterPage.Locator("#live-poll-results")).ToContainTextAsync("1 ballots");

        // The moderator types the show of hands of the governments' table.
        var moderatorPage = convener.Page;
        await moderatorPage.GotoAsync(pollUrl);
        var handCount = moderatorPage.Locator("form.hand-count");
        await handCount.GetByLabel("Stakeholder group").SelectOptionAsync(new SelectOptionValue { Label = "Government" });
        await handCount.GetByLabel("Yes", new() { Exact = true }).FillAsync("12");
        await handCount.GetByLabel("No", new() { Exact = true }).FillAsync("3");
        await handCount.GetByRole(AriaRole.Button, new() { Name = "Save the count" }).ClickAsync();

        // The participant's open page shows the hand counts, kept apart from the ballots, without a reload.
        var hands = voterPage.Locator("#tally-hands");
        await Expect(hands).ToContainTextAsync("Hand counts in the room");
        var government = hands.Locator("tr", new() { Has = voterPage.GetByRole(AriaRole.Rowheader, new() { Name = "Government", Exact = true }) }).First;
        await Expect(government).ToContainTextAsync("15");
        await Expect(government).ToContainTextAsync("12");
        await Expect(voterPage.Locator("#tally-ballots")).ToContainTextAsync("Technical community");

        // A question from the floor, upvoted by another account.
        var questions = $"/processes/{processId}/questions?session={sessionId}";
        await askerPage.GotoAsync(questions);
        await askerPage.GetByLabel("Your question").FillAsync("Who follows up the plenary's messages next year?");
        await askerPage.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        await voterPage.GotoAsync(questions);
        var question = voterPage.Locator("li[data-question-id]", new() { HasText = "Who follows up the plenary's messages next year?" });
        await question.GetByRole(AriaRole.Button, new() { Name = "Upvote" }).ClickAsync();
        await Expect(question.Locator("[data-votes]")).ToContainTextAsync("1");
        await Expect(question).ToContainTextAsync("Technical community: 1");

        // The asker is given the floor; the moderator marks the question answered by that intervention.
        Assert.Equal(200, (await askerContext.APIRequest.PostAsync($"/api/sessions/{sessionId}/hands", new() { DataObject = new { remote = false } })).Status);
        Assert.Equal(200, (await convenerContext.APIRequest.PostAsync($"/api/sessions/{sessionId}/floor", new() { DataObject = new { } })).Status);
        await moderatorPage.GotoAsync(questions);
        var toAnswer = moderatorPage.Locator("li[data-question-id]", new() { HasText = "Who follows up the plenary's messages next year?" });
        await toAnswer.GetByLabel("Answered by intervention number").FillAsync("1");
        await toAnswer.GetByRole(AriaRole.Button, new() { Name = "Mark answered" }).ClickAsync();

        await voterPage.ReloadAsync();
        var answered = voterPage.Locator("li[data-question-id]", new() { HasText = "Who follows up the plenary's messages next year?" });
        var link = answered.GetByRole(AriaRole.Link, new() { Name = "Answered in intervention 1" });
        await Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"/sessions/{sessionId}#intervention-1$"));
        await link.ClickAsync();
        await Expect(voterPage.Locator("#intervention-1")).ToContainTextAsync("Civil society");
    }
}
