using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// The quick start's demo as a newcomer walks it, by the links a reader follows: home, the demo process, its
/// consultation on the latest version (which shows the comments made on the earlier one), the campaigns found when the
/// demo loaded, the comparison of versions, the uptake report, the live session and its projector. Every page answers
/// 200, shows no error message and has no critical or serious axe violation.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class NewcomerWalkTests(Site site)
{
    [Fact]
    public async Task The_demo_reads_without_an_error_from_home_to_the_projector()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // A failed request is reported with its address by the Response handler below.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add($"console error on {page.Url}: {message.Text}");
            }
        };

        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Url} answered {response.Status}");
            }
        };

        await CheckAsync(page, await page.GotoAsync("/"), "home", problems);
        await new Visitor(page).OpenDemoProcessAsync();
        await CheckAsync(page, null, "process", problems);

        await FollowAsync(page, page.Locator("a[href^='/consultations/']").First, "consultation", problems);
        await Expect(page.Locator("a.earlier").First).ToContainTextAsync("on version 1");
        var draft = page.Url;

        await FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Campaigns", Exact = true }), "campaigns", problems);
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Campaign \\d+$") }).First).ToBeVisibleAsync();

        await page.GotoAsync(draft);
        await FollowAsync(page, page.Locator("a[href*='/compare?']").First, "comparison", problems);
        await page.GotoAsync(draft);
        await FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Uptake report", Exact = true }), "uptake", problems);

        await new Visitor(page).OpenDemoProcessAsync();
        await FollowAsync(page, page.Locator("a[href^='/sessions/']").First, "session", problems);
        await FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Projector view", Exact = true }), "projector", problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task FollowAsync(IPage page, ILocator link, string name, List<string> problems)
    {
        var from = page.Url;
        await link.ClickAsync();
        await page.WaitForURLAsync(url => url != from);
        // Reloading gives the page's response, so its status is checked as well as what it shows.
        await CheckAsync(page, await page.ReloadAsync(), name, problems);
    }

    private static async Task CheckAsync(IPage page, IResponse? response, string name, List<string> problems)
    {
        if (response is { Ok: false })
        {
            problems.Add($"{name} ({page.Url}) answered {response.Status}");
        }

        // Any error the site shows: a form's summary with content, a field message, a binding error's "is not valid".
        var errors = await page.Locator(".validation-summary-errors, .field-validation-error, [role=alert]").AllInnerTextsAsync();
        problems.AddRange(errors.Where(e => e.Trim().Length > 0).Select(e => $"{name} ({page.Url}) shows an error: {e.Trim()}"));
        var text = await page.Locator("body").InnerTextAsync();
        if (text.Contains("is not valid", StringComparison.Ordinal))
        {
            problems.Add($"{name} ({page.Url}) shows a binding error");
        }

        var violations = await Axe.ViolationsAsync(page);
        problems.AddRange(violations.Where(v => v.Impact is "critical" or "serious").Select(v => $"{name} ({page.Url}): {v.Impact} {v.Id} ({v.Help})"));
    }
}
