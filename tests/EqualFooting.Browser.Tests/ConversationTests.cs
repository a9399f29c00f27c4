using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// A conversation voted on from six browsers in three stakeholder groups, who fall into two opinion camps that
/// both agree with one statement: the map shows two opinion groups and that statement as bridging.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ConversationTests(Site site)
{
    private const string Bridge = "Everyone should be able to take part remotely.";

    private static readonly string[] Split =
    [
        "The IGF should issue binding recommendations.",
        "The IGF should stay a forum without negotiated outcomes.",
        "National IGFs should set the global agenda.",
        "The global agenda should be set by a steering group.",
    ];

    [Fact]
    public async Task Votes_from_several_stakeholder_groups_give_a_map_with_two_groups_and_a_bridging_statement()
    {
        await using var convenerContext = await site.NewContextAsync();
        var opener = new Convener(site, await convenerContext.NewPageAsync());
        var processUrl = await opener.OpenProcessAsync("Conversation " + Guid.NewGuid().ToString("N")[..6]);
        var processId = int.Parse(processUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var created = await convenerContext.APIRequest.PostAsync($"/api/processes/{processId}/conversations", new() { DataObject = new { title = "What should the IGF become?", moderation = "after" } });
        Assert.Equal(201, created.Status);
        var conversationId = (await created.JsonAsync())!.Value.GetProperty("id").GetInt32();
        var url = $"/processes/{processId}/conversations/{conversationId}";

        string[] groups = ["Civil society", "Government", "Private sector"];
        for (var p = 0; p < 6; p++)
        {
            await using var context = await site.NewContextAsync();
            var page = await context.NewPageAsync();
            var visitor = new Visitor(page);
            await visitor.RegisterAsync();
            await visitor.JoinAsync(processUrl, groups[p % 3], p % 2 == 0 ? "Africa" : "Europe");
            await page.GotoAsync(url);
            if (p == 0)
            {
                foreach (var text in Split.Prepend(Bridge))
                {
                    await page.GetByLabel("Add a statement").FillAsync(text);
                    await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
                    await Expect(page.GetByLabel("Add a statement")).ToBeEmptyAsync();
                }
            }

            // The page serves one statement at a time; each camp agrees with its half of the split statements and
            // passes on one of the other camp's, so that no two participants sit at the same place.
            var campA = p < 3;
            for (var vote = 0; vote < 5; vote++)
            {
                var statement = page.Locator("blockquote.statement");
                var text = await statement.InnerTextAsync();
                var i = Array.IndexOf(Split, text);
                var choice = i < 0 ? "Agree" : i == p % 3 + 1 ? "Pass / unsure" : (i % 2 == 0) == campA ? "Agree" : "Disagree";
                await page.GetByRole(AriaRole.Button, new() { Name = choice, Exact = true }).ClickAsync();
                await Expect(statement.Or(page.GetByText("You have voted on every statement."))).Not.ToHaveTextAsync(text);
            }

            await Expect(page.GetByText("You have voted on every statement.")).ToBeVisibleAsync();
        }

        await site.RefreshOpinionMapAsync(conversationId);
        var reader = opener.Page;
        await reader.GotoAsync(url);

        await Expect(reader.Locator("svg.opinion-map circle")).ToHaveCountAsync(6);
        var table = reader.GetByRole(AriaRole.Table, new() { Name = "Opinion groups by stakeholder group and region" });
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(table).ToContainTextAsync("Government: 1");
        var bridging = reader.GetByRole(AriaRole.Table, new() { Name = "Bridging statements: agreed in every opinion group and every stakeholder group" });
        await Expect(bridging.Locator("tbody tr").First).ToContainTextAsync(Bridge);
        await Expect(bridging.Locator("tbody tr").First).ToContainTextAsync("Government:");

        await reader.GetByRole(AriaRole.Link, new() { Name = "Colour by stakeholder group" }).ClickAsync();
        await Expect(reader.Locator(".legend")).ToContainTextAsync("Private sector");
    }
}
