using EqualFooting.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>Steps several tests share, done with the mouse and by label, as a sighted visitor would.</summary>
public sealed class Visitor(IPage page)
{
    public const string Password = "correct horse battery staple";

    public string Name { get; } = "Ada " + Guid.NewGuid().ToString("N")[..8];

    // Unique per test so tests sharing one database never collide on the unique email rule.
    public string Email { get; } = $"ada.{Guid.NewGuid():N}@example.org";

    public async Task RegisterAsync()
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name", new() { Exact = true }).FillAsync(Name);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Joins a process from its page, speaking for the given stakeholder group and region.</summary>
    public async Task JoinAsync(string processUrl, string group, string region)
    {
        await page.GotoAsync(processUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Join this process" }).ClickAsync();
        await page.GetByLabel("Stakeholder group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = group });
        await page.GetByLabel("Region", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = region });
        await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"You take part as {group}, {region}.");
    }

    public async Task OpenDemoProcessAsync()
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.ProcessName, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = DemoData.ProcessName, Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>
    /// From a process's page, schedules a session (a fresh title, 9:00 to 11:00 UTC) and starts it; returns the
    /// session's public page. The turn's seconds and the warning are left to the process's defaults unless given.
    /// </summary>
    public async Task<string> StartSessionAsync(string title, int? secondsPerTurn = null, int? warnSeconds = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Schedule a session" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title + " " + Guid.NewGuid().ToString("N")[..6]);
        await page.GetByLabel("Starts (UTC)").FillAsync("2026-11-23T09:00");
        await page.GetByLabel("Ends (UTC)").FillAsync("2026-11-23T11:00");
        if (secondsPerTurn is { } seconds)
        {
            await page.GetByLabel("Seconds per turn, when the agenda item sets none (empty for no limit)").FillAsync(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (warnSeconds is { } warn)
        {
            await page.GetByLabel("Warn this many seconds before a turn's time runs out (empty for 30)").FillAsync(warn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the session" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close the queue" })).ToBeVisibleAsync();
        return page.Url.Replace("/console", "", StringComparison.Ordinal);
    }
}
