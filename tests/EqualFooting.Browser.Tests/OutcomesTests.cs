using System.Text;
using System.Text.Json;
using EqualFooting.Web.Outcomes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// Outcomes by form, without the API but for set-up: a rapporteur drafts a session report and the moderator publishes
/// it; a message is published with its provenance; a commitment with two regional milestones is recorded, one of them
/// overdue; an indicator CSV is uploaded and its chart and table read; advice is sent and its response recorded.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class OutcomesTests(Site site)
{
    [Fact]
    public async Task A_process_follows_up_from_report_to_advice()
    {
        await using var convenerContext = await site.NewContextAsync();
        var convener = new Convener(site, await convenerContext.NewPageAsync());
        var processUrl = await convener.OpenProcessAsync("Outcomes " + Guid.NewGuid().ToString("N")[..6]);
        var processId = int.Parse(processUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var session = await convenerContext.APIRequest.PostAsync($"/api/processes/{processId}/sessions", new()
        {
            DataObject = new { title = "Port 25 management", startsAt = "2009-03-10T14:00:00Z", endsAt = "2009-03-10T15:30:00Z", room = "Room 1" },
        });
        Assert.Equal(201, session.Status);
        var sessionId = (await session.JsonAsync())!.Value.GetProperty("id").GetInt32();

        await using var rapporteurContext = await site.NewContextAsync();
        var rapporteur = await rapporteurContext.NewPageAsync();
        var rapporteurVisitor = new Visitor(rapporteur);
        await rapporteurVisitor.RegisterAsync();
        await using var moderatorContext = await site.NewContextAsync();
        var moderator = await moderatorContext.NewPageAsync();
        var moderatorVisitor = new Visitor(moderator);
        await moderatorVisitor.RegisterAsync();
        foreach (var (email, role) in new[] { (rapporteurVisitor.Email, "Rapporteur"), (moderatorVisitor.Email, "Moderator") })
        {
            var assigned = await convenerContext.APIRequest.PostAsync($"/api/processes/{processId}/roles", new() { DataObject = new { email, role } });
            Assert.Equal(200, assigned.Status);
        }

        // The rapporteur drafts; the moderator publishes.
        await rapporteur.GotoAsync($"/sessions/{sessionId}/report");
        await rapporteur.GetByLabel("Summary").FillAsync("Blocking port 25 on residential lines cut spam from Brazilian addresses.");
        await rapporteur.GetByLabel("Areas of agreement").FillAsync("All parties agree to a time frame.");
        await rapporteur.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await Expect(rapporteur.Locator("#report-status")).ToContainTextAsync("Draft, not yet published");
        await Expect(rapporteur.GetByRole(AriaRole.Button, new() { Name = "Publish the report" })).ToHaveCountAsync(0);

        await moderator.GotoAsync($"/sessions/{sessionId}/report");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Publish the report" }).ClickAsync();
        await Expect(moderator.Locator("#report-status")).ToContainTextAsync("Published");
        await Expect(moderator.GetByRole(AriaRole.Table, new() { Name = "Attendance by stakeholder group" })).ToBeVisibleAsync();

        // A message with its provenance.
        var page = convener.Page;
        await page.GotoAsync($"/processes/{processId}/outcomes");
        await Expect(page.Locator("#reports")).ToContainTextAsync("Port 25 management");
        await page.Locator("#message-title").FillAsync("Manage port 25");
        await page.Locator("#message-text").FillAsync("ISPs should block outbound port 25 on residential lines.");
        await page.GetByLabel("Session: Port 25 management").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the message" }).ClickAsync();
        await Expect(page.Locator("article.message").First.GetByRole(AriaRole.Link, new() { Name = $"Session {sessionId}" })).ToBeVisibleAsync();

        // A commitment with two regional milestones, the first long past.
        await page.Locator("#commitment-title").FillAsync("Port 25 rollout");
        await page.Locator("#commitment-org").FillAsync("Anatel");
        await page.Locator("#commitment-due").FillAsync("2099-12-31");
        await page.Locator("#milestone-title-0").FillAsync("South-east rollout");
        await page.Locator("#milestone-due-0").FillAsync("2010-06-30");
        await page.Locator("#milestone-region-0").SelectOptionAsync(new SelectOptionValue { Label = "Latin America and Caribbean" });
        await page.Locator("#milestone-title-1").FillAsync("European partners");
        await page.Locator("#milestone-due-1").FillAsync("2099-06-30");
        await page.Locator("#milestone-region-1").SelectOptionAsync(new SelectOptionValue { Label = "Europe" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the commitment" }).ClickAsync();
        var commitment = page.Locator("article.commitment").First;
        await Expect(commitment).ToContainTextAsync("1 overdue milestone(s)");
        await Expect(commitment.Locator("tr.overdue")).ToContainTextAsync("South-east rollout");

        // An indicator from CSV, read as a chart and a table.
        await page.Locator("#indicator-name").FillAsync("Brazilian addresses on spam blacklists");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the indicator" }).ClickAsync();
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "blacklists.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("date,value\n2009-01-01,410000\n2011-01-01,120000\n2013-01-01,15000\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page.Locator("svg.indicator-chart polyline")).ToHaveCountAsync(1);
        var values = page.GetByRole(AriaRole.Table, new() { Name = "Brazilian addresses on spam blacklists" });
        await Expect(values.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(values.Locator("tbody tr").Nth(2)).ToContainTextAsync("2013-01-01");

        // Advice sent, then answered.
        await page.GotoAsync($"/processes/{processId}/outcomes");
        await page.Locator("#advice-title").FillAsync("Port 25 recommendation");
        await page.Locator("#advice-recipient").FillAsync("Anatel");
        await page.Locator("#advice-text").FillAsync("Adopt the port 25 management plan.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the advice" }).ClickAsync();
        await page.GetByLabel("Sent on").FillAsync("2009-04-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark sent" }).ClickAsync();
        var row = page.Locator("#advice tbody tr").First;
        await row.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Partly accepted" });
        await row.GetByLabel("Response date").FillAsync("2009-09-15");
        await row.GetByLabel("Response", new() { Exact = true }).FillAsync("Adopted for residential lines only.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Record the response" }).ClickAsync();
        await Expect(page.Locator("#advice tbody tr").First).ToContainTextAsync("Partly accepted");
        await Expect(page.Locator("#advice-tally")).ToContainTextAsync("Sent: 1. Accepted: 0, partly: 1");
    }

    /// <summary>
    /// The newer parts: the paged full lists, a decision with its positions by stakeholder group, by region and by both,
    /// the Atom feed, the advice register across processes, and an owner chosen among the participants who is told of
    /// an overdue milestone in their inbox. Set-up through the API; what is checked is read in the browser.
    /// </summary>
    [Fact]
    public async Task Lists_decisions_by_region_the_feed_the_register_and_an_owner_told_of_an_overdue_milestone()
    {
        await using var convenerContext = await site.NewContextAsync();
        var convener = new Convener(site, await convenerContext.NewPageAsync());
        var processName = "Follow-up " + Guid.NewGuid().ToString("N")[..6];
        var processUrl = await convener.OpenProcessAsync(processName);
        var processId = int.Parse(processUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var api = convenerContext.APIRequest;
        var process = (await (await api.GetAsync($"/api/processes/{processId}")).JsonAsync())!.Value;
        int Id(string list, string name) => process.GetProperty(list).EnumerateArray().Single(x => x.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();

        // Two participants: one in Europe, one in Latin America; the first will own the commitment.
        var voters = new List<(IBrowserContext Context, Visitor Visitor)>();
        foreach (var (group, region) in new[] { ("Civil society", "Europe"), ("Technical community", "Latin America and Caribbean") })
        {
            var context = await site.NewContextAsync();
            var visitor = new Visitor(await context.NewPageAsync());
            await visitor.RegisterAsync();
            Ok(await context.APIRequest.PostAsync($"/api/processes/{processId}/participants", new() { DataObject = new { stakeholderGroupId = Id("stakeholderGroups", group), regionId = Id("regions", region) } }));
            voters.Add((context, visitor));
        }

        try
        {
            for (var i = 1; i <= OutcomeQueries.Shown + 2; i++)
            {
                Ok(await api.PostAsync($"/api/processes/{processId}/messages", new() { DataObject = new { title = $"Message {i}", text = "Revisit in a year." } }));
            }

            var proposals = $"/api/processes/{processId}/proposals";
            var proposal = (await Ok(await api.PostAsync(proposals, new() { DataObject = new { title = "Block port 25", question = "Block outbound port 25?", rule = new { kind = "majority" }, appealWindowDays = 14 } })).JsonAsync())!.Value.GetProperty("id").GetInt32();
            Ok(await voters[0].Context.APIRequest.PutAsync($"{proposals}/{proposal}/positions/me", new() { DataObject = new { stance = "agree" } }));
            Ok(await voters[1].Context.APIRequest.PutAsync($"{proposals}/{proposal}/positions/me", new() { DataObject = new { stance = "disagree", reason = "Too soon" } }));
            Ok(await api.PostAsync($"{proposals}/{proposal}/close", new() { DataObject = new { } }));
            var advice = (await Ok(await api.PostAsync($"/api/processes/{processId}/advice", new() { DataObject = new { title = "Port 25 advice " + processName, text = "Block it.", recipient = "Anatel" } })).JsonAsync())!.Value.GetProperty("id").GetInt32();
            Ok(await api.PostAsync($"/api/processes/{processId}/advice/{advice}/sent", new() { DataObject = new { sentOn = "2010-01-04" } }));
            Ok(await api.PostAsync($"/api/processes/{processId}/advice/{advice}/response", new() { DataObject = new { status = "accepted", respondedOn = "2010-03-01" } }));

            // The decision, by stakeholder group and by region side by side, and by both on demand.
            var page = convener.Page;
            await page.GotoAsync($"/processes/{processId}/outcomes");
            var decision = page.Locator($"#decision-{proposal}");
            await Expect(decision.GetByRole(AriaRole.Table, new() { Name = "Positions by stakeholder group", Exact = true }).Locator("tbody tr")).ToHaveCountAsync(2);
            var byRegion = decision.GetByRole(AriaRole.Table, new() { Name = "Positions by region", Exact = true });
            await Expect(byRegion.GetByRole(AriaRole.Row, new() { Name = "Europe" })).ToContainTextAsync("1");
            await Expect(byRegion.Locator("tbody tr")).ToHaveCountAsync(2);
            await decision.GetByText("Positions by stakeholder group and region").First.ClickAsync();
            var both = decision.GetByRole(AriaRole.Table, new() { Name = "Positions by stakeholder group and region", Exact = true });
            await Expect(both.Locator("tbody tr").Filter(new() { HasText = "Technical community" })).ToContainTextAsync("Latin America and Caribbean");

            // The Atom feed is linked and lists the new items.
            var feedLink = page.GetByRole(AriaRole.Link, new() { Name = "Outcomes feed (Atom)" });
            await Expect(feedLink).ToHaveAttributeAsync("type", "application/atom+xml");
            var feed = await api.GetAsync((await feedLink.GetAttributeAsync("href"))!);
            Assert.Equal(200, feed.Status);
            Assert.Contains("Block port 25", await feed.TextAsync(), StringComparison.Ordinal);

            // A commitment owned by a participant chosen by name, its milestone long overdue.
            await page.Locator("#commitment-title").FillAsync("Port 25 rollout");
            await page.Locator("#commitment-org").FillAsync("Anatel");
            await page.GetByLabel("Owner among the participants (told of overdue milestones)").SelectOptionAsync(new SelectOptionValue { Label = voters[0].Visitor.Name });
            await page.Locator("#commitment-due").FillAsync("2099-12-31");
            await page.Locator("#milestone-title-0").FillAsync("South-east rollout");
            await page.Locator("#milestone-due-0").FillAsync("2010-06-30");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the commitment" }).ClickAsync();
            var commitment = page.Locator("article.commitment").First;
            await Expect(commitment.Locator("dd.owners")).ToContainTextAsync(voters[0].Visitor.Name);
            await Expect(commitment.Locator("tr.overdue")).ToContainTextAsync(voters[0].Visitor.Name);

            // The paged full list of messages, from the page's link.
            await page.GetByRole(AriaRole.Link, new() { Name = $"All {OutcomeQueries.Shown + 2} messages" }).ClickAsync();
            await Expect(page.Locator("#list-position")).ToContainTextAsync($"({OutcomeQueries.Shown + 2} in all)");
            await Expect(page.Locator("article.message")).ToHaveCountAsync(OutcomeQueries.Shown + 2);

            // The advice register across processes counts this process's advice as heeded.
            await page.GotoAsync("/advice");
            await Expect(page.Locator("#advice-by-process").GetByRole(AriaRole.Row, new() { Name = processName })).ToContainTextAsync("100");

            // The reminders sweep (run here at a set time, as a node does every quarter of an hour) tells the owner.
            await site.Services.GetRequiredService<OutcomeReminderSweep>().SweepAsync(TimeProvider.System.GetUtcNow());
            var owner = await voters[0].Context.NewPageAsync();
            await owner.GotoAsync("/account/inbox");
            await Expect(owner.Locator("li.notice-milestoneoverdue")).ToContainTextAsync("South-east rollout");
            await owner.Locator("li.notice-milestoneoverdue a").First.ClickAsync();
            await Expect(owner.Locator("article.commitment").Filter(new() { HasText = "Port 25 rollout" })).ToBeVisibleAsync();
        }
        finally
        {
            foreach (var (context, _) in voters)
            {
                await context.DisposeAsync();
            }
        }
    }

    private static IAPIResponse Ok(IAPIResponse response)
    {
        Assert.True(response.Ok, $"{response.Url} answered {response.Status}");
        return response;
    }
}
