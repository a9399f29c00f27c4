using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>A convener's steps that several tests share: an administrator opens a process of their own and a consultation in it.</summary>
public sealed class Convener(Site site, IPage page)
{
    public IPage Page { get; } = page;

    public Visitor Visitor { get; } = new(page);

    /// <summary>Registers, becomes an administrator and creates an open process; returns the process page's path.</summary>
    public async Task<string> OpenProcessAsync(string name)
    {
        await Visitor.RegisterAsync();
        await site.MakeAdministratorAsync(Visitor.Email);
        await Page.GotoAsync("/processes/new");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Page.GetByLabel("Description", new() { Exact = true }).FillAsync("A process opened by a browser test.");
        await Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Open" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        return new Uri(Page.Url).AbsolutePath;
    }

    /// <summary>Opens a consultation, closing next year, on the process page the convener is on; returns the draft page's path.</summary>
    public async Task<string> OpenConsultationAsync(string title, string markdown)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Open a consultation on a draft" }).ClickAsync();
        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await Page.GetByLabel("Closes at (UTC)").FillAsync($"{DateTime.UtcNow.Year + 1}-06-30T17:00");
        await Page.GetByLabel("Draft (Markdown; paragraphs are separated by blank lines)").FillAsync(markdown);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open the consultation" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        return new Uri(Page.Url).AbsolutePath;
    }
}
