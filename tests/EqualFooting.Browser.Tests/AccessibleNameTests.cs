using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class AccessibleNameTests(Site site)
{
    private static readonly Regex NotBlank = new(@"\S");

    [Fact]
    public async Task Every_control_on_the_join_page_has_an_accessible_name()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var visitor = new Visitor(page);
        await visitor.RegisterAsync();
        await visitor.OpenDemoProcessAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Join this process" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join this process", Level = 1 })).ToBeVisibleAsync();

        var controls = new List<ILocator>();
        foreach (var role in new[] { AriaRole.Combobox, AriaRole.Textbox, AriaRole.Button })
        {
            controls.AddRange(await page.GetByRole(role).AllAsync());
        }

        // Group, region and language; country, gender and organisation; join, sign out and change language.
        // Fewer would mean a control lost its role, and the loop below would pass without looking at it.
        Assert.True(controls.Count >= 9, $"Expected at least 9 form controls, found {controls.Count}.");
        foreach (var control in controls)
        {
            await Expect(control).ToHaveAccessibleNameAsync(NotBlank);
        }

        // Hints and messages are reachable from the fields they describe, not only placed near them.
        var country = page.GetByRole(AriaRole.Textbox, new() { Name = "Country (optional)", Exact = true });
        await Expect(country).ToHaveAccessibleDescriptionAsync(new Regex("Two-letter code"));
    }
}
