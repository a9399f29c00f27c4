using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// A form letter through the campaign pages: sent three times, found on demand, answered once for every copy by the
/// committee, and shown folded to readers, with every copy still reachable.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class CampaignTests(Site site)
{
    private const string Letter = "Keep the Internet open: consult every stakeholder group before any rule is drafted, and publish who took part.";
    private const string Reason = "Noted: the draft already requires consultation before drafting.";

    [Fact]
    public async Task A_letter_sent_three_times_is_one_campaign_the_committee_answers_at_once()
    {
        var title = "Draft rules " + Guid.NewGuid().ToString("N")[..6];
        await using var convenerContext = await site.NewContextAsync();
        var convener = new Convener(site, await convenerContext.NewPageAsync());
        var processUrl = await convener.OpenProcessAsync("Campaigns " + Guid.NewGuid().ToString("N")[..6]);
        var draftUrl = await convener.OpenConsultationAsync(title, "# Rules\n\nForums should consult every stakeholder group.");

        await using var participantContext = await site.NewContextAsync();
        var participant = await participantContext.NewPageAsync();
        var visitor = new Visitor(participant);
        await visitor.RegisterAsync();
        await visitor.JoinAsync(processUrl, "Civil society", "Europe");
        await participant.GotoAsync(draftUrl);
        var whole = participant.GetByRole(AriaRole.Region, new() { Name = "On the whole draft" });
        for (var sent = 1; sent <= 3; sent++)
        {
            await whole.GetByLabel("Your comment on the whole draft").FillAsync(Letter);
            await whole.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
            await Expect(whole).ToContainTextAsync(sent == 1 ? "1 comment" : $"{sent} comments");
        }

        // The convener, who answers the comments of their process, groups them now rather than waiting for the background run.
        var page = convener.Page;
        await page.GotoAsync(draftUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Campaigns", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Look for campaigns now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(Found());
        await page.GetByRole(AriaRole.Link, new() { NameRegex = CampaignName() }).ClickAsync();
        await Expect(page.GetByText("This text was submitted 3 times")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "By stakeholder group" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Civil society" }))
            .ToContainTextAsync("3");

        await page.GetByLabel(DispositionLabel()).SelectOptionAsync(new SelectOptionValue { Label = "Noted" });
        await page.GetByLabel("Reason (shown to everyone)").FillAsync(Reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save disposition for the whole campaign" }).ClickAsync();
        await Expect(page.GetByText("3 of 3 comments disposed")).ToBeVisibleAsync();

        // Readers see the letter once, with its count, and can still open every copy.
        await participant.GotoAsync(draftUrl);
        var folded = participant.GetByRole(AriaRole.Article, new() { Name = "This text was submitted 3 times" });
        await Expect(folded).ToBeVisibleAsync();
        await folded.GetByRole(AriaRole.Link, new() { Name = "See the campaign and every submission" }).ClickAsync();
        var members = participant.GetByRole(AriaRole.Region, new() { Name = "Every submission" });
        await Expect(members.GetByText(Reason)).ToHaveCountAsync(3);
    }

    [GeneratedRegex("1 campaign with 3 comments found among 3 comments")]
    private static partial Regex Found();

    [GeneratedRegex("^Campaign \\d+$")]
    private static partial Regex CampaignName();

    [GeneratedRegex("^Disposition of every comment of campaign \\d+$")]
    private static partial Regex DispositionLabel();
}
