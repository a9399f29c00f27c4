using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class JoinProcessTests(Site site)
{
    private const string Group = "Technical community";
    private const string Region = "Africa";

    [Fact]
    public async Task A_new_account_joins_the_demo_process_and_is_counted_in_its_group_and_region()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var visitor = new Visitor(page);
        await visitor.RegisterAsync();
        await visitor.OpenDemoProcessAsync();

        var table = new ParticipationTable(page);
        var cellBefore = await table.CountAsync(Group, Region);
        var totalBefore = await table.TotalInCaptionAsync();
        var footerBefore = await table.CountAsync(ParticipationTable.Total, ParticipationTable.Total);
        Assert.Equal(totalBefore, footerBefore);

        await page.GetByRole(AriaRole.Link, new() { Name = "Join this process" }).ClickAsync();
        await page.GetByLabel("Stakeholder group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = Group });
        await page.GetByLabel("Region", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = Region });
        await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"You take part as {Group}, {Region}.");
        await Expect(table.WithTotal(totalBefore + 1)).ToBeVisibleAsync();
        await Expect(await table.CellAsync(Group, Region)).ToHaveTextAsync((cellBefore + 1).ToString());
        await Expect(await table.CellAsync(ParticipationTable.Total, ParticipationTable.Total)).ToHaveTextAsync((totalBefore + 1).ToString());
    }
}
