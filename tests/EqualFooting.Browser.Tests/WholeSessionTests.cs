using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// A whole session in a real browser, as the issue describes it: a moderator and two participants, each in their own
/// browser context, from a raised hand to the compiled breakout report. Every wait is on something a person would see.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class WholeSessionTests(Site site)
{
    [Fact]
    public async Task A_moderator_and_two_participants_run_a_session_from_a_raised_hand_to_the_breakout_report()
    {
        // The moderator: an administrator, who schedules a new session in the demo process. (A process of the test's
        // own would come first on the home page, which other tests of this site read in order.)
        await using var moderatorContext = await site.NewContextAsync();
        var moderator = await moderatorContext.NewPageAsync();
        var chair = new Visitor(moderator);
        await chair.RegisterAsync();
        await site.MakeAdministratorAsync(chair.Email);
        await chair.OpenDemoProcessAsync();
        var processUrl = moderator.Url;
        var sessionUrl = await chair.StartSessionAsync("Local multistakeholder models");

        // Two participants, each in their own browser, join from Africa and from Europe.
        await using var amaraContext = await site.NewContextAsync();
        var amaraPage = await amaraContext.NewPageAsync();
        var amara = await JoinAsync(amaraPage, processUrl, "Civil society", "Africa");
        await using var ingridContext = await site.NewContextAsync();
        var ingridPage = await ingridContext.NewPageAsync();
        var ingrid = await JoinAsync(ingridPage, processUrl, "Government", "Europe");

        // Hands go up; the moderator's console shows them without a reload.
        foreach (var page in new[] { amaraPage, ingridPage })
        {
            await page.GotoAsync(sessionUrl);
            await page.GetByRole(AriaRole.Button, new() { Name = "Raise my hand" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Your hand is up");
        }

        await Expect(moderator.GetByRole(AriaRole.Button, new() { Name = $"Give the floor to {amara.Name}" })).ToBeVisibleAsync();

        // The floor, and a timer that runs on everyone's screen.
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Give the floor to the next speaker" }).ClickAsync();
        await Expect(moderator.GetByRole(AriaRole.Region, new() { Name = "Who has the floor" })).ToContainTextAsync(Running());
        foreach (var page in new[] { amaraPage, ingridPage })
        {
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Who has the floor" })).ToContainTextAsync(amara.Name);
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Who has the floor" })).ToContainTextAsync(Running());
        }

        // Someone in the room without a device is added, and the moderator gives them the floor out of turn, with a reason.
        const string delegateName = "Delegate at the back";
        // The console also has a form for remote hubs with the same labels; this one is for the room.
        var inRoom = moderator.GetByRole(AriaRole.Region, new() { Name = "Add someone in the room without a device" });
        await inRoom.GetByLabel("Name", new() { Exact = true }).FillAsync(delegateName);
        await inRoom.GetByLabel("Stakeholder group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Private sector" });
        await inRoom.GetByLabel("Region", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Asia-Pacific" });
        await inRoom.GetByRole(AriaRole.Button, new() { Name = "Add to the queue" }).ClickAsync();
        await moderator.GetByLabel($"Reason for giving {delegateName} the floor out of turn").FillAsync("Business has not spoken this session.");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Give the floor out of turn" }).ClickAsync();
        await Expect(moderator.GetByRole(AriaRole.Region, new() { Name = "Floor given out of turn" })).ToContainTextAsync($"{delegateName} instead of {ingrid.Name}: Business has not spoken this session.");
        await Expect(ingridPage.GetByRole(AriaRole.Region, new() { Name = "Who has the floor" })).ToContainTextAsync(delegateName);

        // The queue closes, and the participants see it close.
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Close the queue" }).ClickAsync();
        await Expect(moderator.GetByRole(AriaRole.Button, new() { Name = "Reopen the queue" })).ToBeVisibleAsync();
        await Expect(amaraPage.GetByRole(AriaRole.Region, new() { Name = "Speaking queue" })).ToContainTextAsync("The queue is closed.");

        // Breakout groups by region, with the same questions for all: the demo's room has people from all five regions.
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Breakout groups" }).ClickAsync();
        await moderator.GetByLabel("Questions for every group, one a line").FillAsync("Do governments involve outside groups in deciding?\nAre stakeholder groups segregated?");
        await moderator.GetByLabel("By region: one group per region present").CheckAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Split into breakout groups" }).ClickAsync();
        await Expect(moderator.GetByRole(AriaRole.Main)).ToContainTextAsync("0 of 5 groups reported");
        var roundUrl = moderator.Url;

        // Each participant's session page shows their group and the questions as soon as the room is split.
        await Expect(amaraPage.GetByRole(AriaRole.Region, new() { Name = "Your breakout group" })).ToContainTextAsync("You are in Africa.");
        await Expect(ingridPage.GetByRole(AriaRole.Region, new() { Name = "Your breakout group" })).ToContainTextAsync("Are stakeholder groups segregated?");

        // The rapporteur's view follows the reports as they come in.
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Rapporteur's view" }).ClickAsync();
        await Expect(moderator.GetByRole(AriaRole.Main)).ToContainTextAsync("0 of 5 groups reported");

        await WriteReportAsync(amaraPage, "Africa", "Governments consult late and decide alone.");
        await Expect(moderator.GetByRole(AriaRole.Region, new() { Name = "Reports received" })).ToContainTextAsync("1 of 5 groups reported");

        // Europe is reminded; Ingrid sees the reminder on her session page without reloading.
        await ingridPage.GotoAsync(sessionUrl);
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Send a reminder to Europe" }).ClickAsync();
        await Expect(ingridPage.GetByRole(AriaRole.Region, new() { Name = "Your breakout group" })).ToContainTextAsync("Reminder: the rapporteur is waiting for your group's report.");

        await WriteReportAsync(ingridPage, "Europe", "Stakeholder groups meet, but **separately**.");
        await Expect(moderator.GetByRole(AriaRole.Region, new() { Name = "Reports received" })).ToContainTextAsync("2 of 5 groups reported");
        var compiled = moderator.GetByRole(AriaRole.Region, new() { Name = "Compiled report" });
        await Expect(compiled).ToContainTextAsync("Governments consult late and decide alone.");
        await Expect(compiled).ToContainTextAsync("Stakeholder groups meet, but separately.");
        await Expect(compiled.GetByRole(AriaRole.Link, new() { Name = "Download as Markdown" })).ToHaveAttributeAsync("href", new Regex("/report\\.md$"));

        // The print-ready page carries the compiled report for the browser's "Save as PDF".
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Print-ready page" }).ClickAsync();
        await Expect(moderator.GetByRole(AriaRole.Heading, new() { Name = "Africa" })).ToBeVisibleAsync();
        await Expect(moderator.GetByRole(AriaRole.Heading, new() { Name = "Questions" })).ToBeVisibleAsync();
        Assert.StartsWith(roundUrl, moderator.Url, StringComparison.Ordinal);
    }

    /// <summary>A timer past 0:00: it is counting, whether the server rendered it or the script has ticked it on.</summary>
    [GeneratedRegex(@"Time spoken:\s*(?!0:00)\d+:\d\d")]
    private static partial Regex Running();

    private static async Task<Visitor> JoinAsync(IPage page, string processUrl, string group, string region)
    {
        var visitor = new Visitor(page);
        await visitor.RegisterAsync();
        await visitor.JoinAsync(processUrl, group, region);
        return visitor;
    }

    private static async Task WriteReportAsync(IPage page, string group, string text)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Write your group's report" }).ClickAsync();
        await page.GetByLabel($"Report of {group} (Markdown)").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and send to the rapporteur" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = group, Exact = true })).ToContainTextAsync("Reported");
    }
}
