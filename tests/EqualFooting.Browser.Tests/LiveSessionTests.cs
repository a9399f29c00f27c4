using EqualFooting.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>The live pages in a real browser: SignalR under the site's content security policy, and session.js swapping regions.</summary>
[Collection(SiteCollection.Name)]
public sealed class LiveSessionTests(Site site)
{
    [Fact]
    public async Task A_hand_raised_by_a_participant_appears_on_the_projector_without_reloading()
    {
        await using var room = await site.NewContextAsync();
        var projector = await room.NewPageAsync();
        await new Visitor(projector).OpenDemoProcessAsync();
        await projector.GetByRole(AriaRole.Link, new() { Name = DemoData.SessionTitle }).ClickAsync();
        await projector.GetByRole(AriaRole.Link, new() { Name = "Projector view" }).ClickAsync();
        await Expect(projector.GetByRole(AriaRole.Heading, new() { Name = "Next speakers" })).ToBeVisibleAsync();

        await using var own = await site.NewContextAsync();
        var page = await own.NewPageAsync();
        var visitor = new Visitor(page);
        await visitor.RegisterAsync();
        await visitor.OpenDemoProcessAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Join this process" }).ClickAsync();
        await page.GetByLabel("Stakeholder group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Academia" });
        await page.GetByLabel("Region", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Africa" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.SessionTitle }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise my hand" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Your hand is up");

        await Expect(projector.GetByRole(AriaRole.Main)).ToContainTextAsync(visitor.Name, new() { Timeout = 15_000 });
    }
}
