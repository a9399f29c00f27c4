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
}
