using EqualFooting.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>The live pages in a real browser: SignalR under the site's content security policy, and session.js swapping regions.</summary>
[Collection(SiteCollection.Name)]
public sealed class LiveSessionTests(Site site)
{
    private const string WarningText = "Time is nearly up: please conclude.";

    /// <summary>
    /// The participant's page runs on Playwright's clock, so the test moves its time on instead of waiting: the page's
    /// timer counts from the server's reading by that clock, and the server's messages still arrive as they come.
    /// </summary>
    [Fact]
    public async Task Pausing_the_speaker_stops_the_timer_on_a_participants_screen_and_the_time_warning_is_announced_once()
    {
        await using var moderatorContext = await site.NewContextAsync();
        var moderator = await moderatorContext.NewPageAsync();
        var chair = new Visitor(moderator);
        await chair.RegisterAsync();
        await site.MakeAdministratorAsync(chair.Email);
        await chair.OpenDemoProcessAsync();
        var processUrl = moderator.Url;

        // A short turn, with the warning in its last 10 seconds.
        var sessionUrl = await chair.StartSessionAsync("Short turns", secondsPerTurn: 20, warnSeconds: 10);

        await using var speakerContext = await site.NewContextAsync();
        var speaker = await speakerContext.NewPageAsync();
        var amara = new Visitor(speaker);
        await amara.RegisterAsync();
        await amara.JoinAsync(processUrl, "Civil society", "Africa");
        await speaker.Clock.InstallAsync();
        await speaker.GotoAsync(sessionUrl);
        await speaker.GetByRole(AriaRole.Button, new() { Name = "Raise my hand" }).ClickAsync();
        await Expect(speaker.GetByRole(AriaRole.Main)).ToContainTextAsync("Your hand is up");

        // Count every change of the status line from here on: the warning must be said once, not at every tick.
        var line = speaker.Locator("[data-timer-announce]");
        await line.EvaluateAsync("line => { window.announcements = 0; new MutationObserver(() => window.announcements++).observe(line, { childList: true, characterData: true, subtree: true }); }");

        await moderator.GetByRole(AriaRole.Button, new() { Name = "Give the floor to the next speaker" }).ClickAsync();
        var floor = speaker.GetByRole(AriaRole.Region, new() { Name = "Who has the floor" });
        await Expect(floor).ToContainTextAsync(amara.Name);

        // Paused: the participant's screen says so, and its clock stands still however long the page's time runs.
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Pause the speaker's time" }).ClickAsync();
        await Expect(floor).ToContainTextAsync("The speaker's time is paused.");
        var clock = floor.Locator("[data-timer-clock]");
        var stopped = await clock.TextContentAsync();
        await speaker.Clock.RunForAsync(20_000);
        await Expect(clock).ToHaveTextAsync(stopped!);
        await Expect(line).ToBeEmptyAsync();

        // Resumed: the clock runs again from where it stopped, and 12 seconds on it is in the turn's last 10.
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Resume the speaker's time" }).ClickAsync();
        await Expect(floor).Not.ToContainTextAsync("The speaker's time is paused.");
        await speaker.Clock.RunForAsync(12_000);
        await Expect(clock).Not.ToHaveTextAsync(stopped!);
        await Expect(line).ToHaveTextAsync(WarningText);
        await Expect(floor.Locator("#live-timer").GetByText(WarningText)).ToBeVisibleAsync();

        // More ticks within the warning change nothing in the status line.
        await speaker.Clock.RunForAsync(2_000);
        Assert.Equal(1, await speaker.EvaluateAsync<int>("() => window.announcements"));
        await Expect(line).ToHaveTextAsync(WarningText);
    }

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
