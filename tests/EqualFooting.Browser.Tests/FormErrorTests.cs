using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class FormErrorTests(Site site)
{
    [Fact]
    public async Task A_too_short_password_is_explained_next_to_the_field_and_the_other_values_are_kept()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var visitor = new Visitor(page);
        await page.GotoAsync("/account/register");
        var name = page.GetByLabel("Your name", new() { Exact = true });
        var email = page.GetByLabel("Email", new() { Exact = true });
        var password = page.GetByLabel("Password", new() { Exact = true });
        await name.FillAsync(visitor.Name);
        await email.FillAsync(visitor.Email);
        await password.FillAsync("short");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(200, response.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Register", Level = 1 })).ToBeVisibleAsync();
        // The message must be tied to the field, so a screen reader announces it on reaching the password box.
        await Expect(password).ToHaveAccessibleDescriptionAsync(new Regex("must be at least 10 characters"));
        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(password).ToBeEmptyAsync();
        await Expect(name).ToHaveValueAsync(visitor.Name);
        await Expect(email).ToHaveValueAsync(visitor.Email);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
    }
}
