using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// The ATLAS II table in a browser: three participants from three regions rate the seed's questions, a regional
/// breakout's rapporteur enters the value the group agreed, and the heatmap and the table show the means, the
/// group's value beside them and the divided flag. Set-up (session, breakout round, role) goes through the API.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class AssessmentGridTests(Site site)
{
    [Fact]
    public async Task Three_regions_and_a_breakout_consensus_fill_the_grid_and_the_heatmap_shows_a_divided_cell()
    {
        await using var convenerContext = await site.NewContextAsync();
        var convener = new Convener(site, await convenerContext.NewPageAsync());
        var processUrl = await convener.OpenProcessAsync("Grid " + Guid.NewGuid().ToString("N")[..6]);
        var processId = int.Parse(processUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        var raters = new List<(IBrowserContext Context, IPage Page)>();
        foreach (var region in new[] { "Africa", "Europe", "Latin America and Caribbean" })
        {
            var context = await site.NewContextAsync();
            var page = await context.NewPageAsync();
            var visitor = new Visitor(page);
            await visitor.RegisterAsync();
            await visitor.JoinAsync(processUrl, "Civil society", region);
            raters.Add((context, page));
        }

        // A session split by region; the convener holds the rapporteur's pen for the groups.
        var session = await convenerContext.APIRequest.PostAsync($"/api/processes/{processId}/sessions", new()
        {
            DataObject = new { title = "ATLAS II thematic group", startsAt = "2014-06-22T09:00:00Z", endsAt = "2014-06-22T10:30:00Z" },
        });
        var sessionId = (await session.JsonAsync())!.Value.GetProperty("id").GetInt32();
        Assert.Equal(200, (await convenerContext.APIRequest.PostAsync($"/api/sessions/{sessionId}/start", new() { DataObject = new { } })).Status);
        var round = await convenerContext.APIRequest.PostAsync($"/api/sessions/{sessionId}/breakouts", new() { DataObject = new { title = "Regional tables", questions = new[] { "The six questions" }, strategy = "ByRegion" } });
        Assert.Equal(201, round.Status);
        Assert.Equal(200, (await convenerContext.APIRequest.PostAsync($"/api/processes/{processId}/roles", new() { DataObject = new { email = convener.Visitor.Email, role = "Rapporteur" } })).Status);

        var page0 = convener.Page;
        await page0.GotoAsync($"/processes/{processId}/grids/new");
        await page0.GetByLabel("Anonymous answers (small cells hidden)").UncheckAsync();
        await page0.GetByLabel("Breakout round whose groups agree a value (optional)").SelectOptionAsync(new SelectOptionValue { Label = "Regional tables" });
        await page0.GetByRole(AriaRole.Button, new() { Name = "Open the grid" }).ClickAsync();
        await Expect(page0.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("ATLAS II");
        var gridUrl = new Uri(page0.Url).AbsolutePath;

        // "In some countries it's a 4 or a 5 and in some it's a 1."
        foreach (var ((_, page), rating) in raters.Zip(new[] { "0", "5", "4" }))
        {
            await page.GotoAsync(gridUrl);
            var first = page.GetByRole(AriaRole.Group, new() { Name = "1. Do governments in your region include outside groups" });
            await first.GetByLabel(rating, new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change my answers" })).ToBeVisibleAsync();
        }

        await page0.GotoAsync(gridUrl);
        await page0.GetByLabel("Agreed rating").First.SelectOptionAsync("2");
        await page0.GetByLabel("Note (optional)").First.FillAsync("We could not agree between 0 and 3 without saying a few words first.");
        await page0.GetByRole(AriaRole.Button, new() { Name = "Save the group's values" }).First.ClickAsync();

        var africa = page0.Locator("#grid-table tbody tr", new() { Has = page0.GetByRole(AriaRole.Rowheader, new() { Name = "Africa" }) });
        await Expect(africa).ToContainTextAsync("agreed by groups: 2 (n = 1)");
        var everyone = page0.Locator("#grid-table tbody tr.overall td").First;
        await Expect(everyone).ToContainTextAsync("3");
        await Expect(everyone).ToContainTextAsync("divided");
        var heat = page0.Locator("#grid-heatmap g.heat-cell[data-row='Everyone'][data-question='1']");
        await Expect(heat).ToHaveAttributeAsync("data-divided", "true");
        await Expect(heat).ToHaveAttributeAsync("data-mean", "3");
        await Expect(page0.Locator("#grid-heatmap g.heat-cell[data-row='Europe'][data-question='1']")).ToHaveAttributeAsync("data-mean", "5");
        await Expect(page0.Locator("#grid-consensus")).ToContainTextAsync("without saying a few words first");

        foreach (var (context, _) in raters)
        {
            await context.DisposeAsync();
        }
    }
}
