using EqualFooting.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// The join flow with the keyboard alone: every control is reached by Tab in reading order, and operated with Enter,
/// Space, typing and the arrow keys. A mouse or <c>Fill</c> would hide a control that a keyboard user cannot reach.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class KeyboardTests(Site site)
{
    [Fact]
    public async Task Registering_and_joining_work_with_the_keyboard_alone_in_reading_order()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var visitor = new Visitor(page);
        var keys = new Keys(page);

        // Straight through the header here: the skip link would put #main in the address, the redirect after
        // registering keeps a fragment, and the home page would then open with focus already past its header.
        await page.GotoAsync("/account/register");
        var name = page.GetByRole(AriaRole.Textbox, new() { Name = "Your name", Exact = true });
        await keys.TabToAsync(Link(page, "Skip to content"));
        await keys.TabToAsync(HeaderLink(page, "EqualFooting"));
        await keys.TabToAsync(HeaderLink(page, "Processes"));
        await keys.TabToAsync(HeaderLink(page, "Sign in"));
        await keys.TabToAsync(HeaderLink(page, "Register"));
        await keys.TabToAsync(name);
        await keys.ShiftTabToAsync(HeaderLink(page, "Register"));
        await keys.TabToAsync(name);
        await page.Keyboard.TypeAsync(visitor.Name);
        await keys.TabToAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Email", Exact = true }));
        await page.Keyboard.TypeAsync(visitor.Email);
        await keys.TabToAsync(page.GetByLabel("Password", new() { Exact = true }));
        await page.Keyboard.TypeAsync(Visitor.Password);
        await keys.TabToAsync(Button(page, "Create account"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(Button(page, "Sign out")).ToBeVisibleAsync();

        // The home page: skip the header, then Tab goes down the list of processes in order to the demo process.
        // Other tests on this site create processes too, so the demo is not always first.
        await keys.TabToAsync(Link(page, "Skip to content"));
        await keys.PressAsync("Enter", page.GetByRole(AriaRole.Main));
        var processLinks = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem).GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link);
        var names = await processLinks.AllInnerTextsAsync();
        var demoAt = names.ToList().IndexOf(DemoData.ProcessName);
        Assert.True(demoAt >= 0, $"The demo process is not listed: {string.Join(", ", names)}");
        for (var i = 0; i <= demoAt; i++)
        {
            await keys.TabToAsync(processLinks.Nth(i));
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = DemoData.ProcessName, Level = 1 })).ToBeVisibleAsync();

        var table = new ParticipationTable(page);
        var totalBefore = await table.TotalInCaptionAsync();
        await keys.TabToAsync(Link(page, "Skip to content"));
        await keys.PressAsync("Enter", page.GetByRole(AriaRole.Main));
        await keys.TabToAsync(Link(page, "Join this process"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join this process", Level = 1 })).ToBeVisibleAsync();

        // The whole page in order, header included, now that the visitor is signed in.
        var group = page.GetByRole(AriaRole.Combobox, new() { Name = "Stakeholder group", Exact = true });
        var region = page.GetByRole(AriaRole.Combobox, new() { Name = "Region", Exact = true });
        var join = Button(page, "Join");
        await keys.TabToAsync(Link(page, "Skip to content"));
        await keys.TabToAsync(HeaderLink(page, "EqualFooting"));
        await keys.TabToAsync(HeaderLink(page, "Processes"));
        await keys.TabToAsync(HeaderLink(page, "Inbox"));
        await keys.TabToAsync(HeaderLink(page, "Your contributions"));
        await keys.TabToAsync(HeaderLink(page, "Your receipts"));
        await keys.TabToAsync(HeaderLink(page, "Your data"));
        await keys.TabToAsync(HeaderLink(page, "Password"));
        await keys.TabToAsync(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }));
        await keys.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "← " + DemoData.ProcessName, Exact = true }));
        await keys.TabToAsync(group);
        // Type-ahead picks the option whose label starts with what is typed, as on a closed native select.
        await page.Keyboard.TypeAsync("Technical");
        await Expect(SelectedOption(group, "Technical community")).ToBeAttachedAsync();
        await keys.TabToAsync(region);
        // Africa is the first region after the "Choose…" prompt.
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(SelectedOption(region, "Africa")).ToBeAttachedAsync();
        await keys.TabToAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Country (optional)", Exact = true }));
        await keys.TabToAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Gender (optional)", Exact = true }));
        await keys.TabToAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Organisation (optional)", Exact = true }));
        await keys.TabToAsync(join);
        await keys.TabToAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Language", Exact = true }));
        await keys.TabToAsync(Button(page, "Change"));
        await keys.ShiftTabToAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Language", Exact = true }));
        await keys.ShiftTabToAsync(join);
        await page.Keyboard.PressAsync("Space");

        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("You take part as Technical community, Africa.");
        await Expect(table.WithTotal(totalBefore + 1)).ToBeVisibleAsync();
    }

    private static ILocator Link(IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    // The header repeats some links the content also offers ("Sign in" on the register page), so look only there.
    private static ILocator HeaderLink(IPage page, string name) =>
        page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static ILocator SelectedOption(ILocator select, string name) =>
        select.GetByRole(AriaRole.Option, new() { Name = name, Exact = true, Selected = true });

    private sealed class Keys(IPage page)
    {
        public Task TabToAsync(ILocator expected) => PressAsync("Tab", expected);

        public Task ShiftTabToAsync(ILocator expected) => PressAsync("Shift+Tab", expected);

        public async Task PressAsync(string key, ILocator expected)
        {
            await page.Keyboard.PressAsync(key);
            try
            {
                await Expect(expected).ToBeFocusedAsync();
            }
            catch (PlaywrightException e)
            {
                // Say where focus went instead: that is what a failure here needs to be understood.
                var focused = await page.EvaluateAsync<string>("() => (document.activeElement?.outerHTML ?? 'nothing').slice(0, 300)");
                throw new PlaywrightException($"After {key} on {page.Url}, focus is on {focused}\n{e.Message}");
            }
        }
    }
}
