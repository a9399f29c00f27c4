using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// One consultation from start to finish, each person in their own browser: the convener opens it on a Markdown
/// draft, a participant comments on a paragraph, a committee member answers with a reason, the convener publishes
/// version 2, the comparison links the change to that answer and the uptake report counts it for the participant's group.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class ConsultationWalkThroughTests(Site site)
{
    private const string Group = "Academia";
    private const string Region = "Africa";
    private const string Comment = "Paragraph 2 should ask for consultation before drafting, not after.";
    private const string Reason = "Taken up: version 2 says before drafting.";

    [Fact]
    public async Task Convener_participant_committee_version_2_and_the_uptake_report()
    {
        var title = "Draft recommendations " + Guid.NewGuid().ToString("N")[..6];

        // The convener: an administrator creates a process, so convenes it, and opens a consultation.
        await using var convenerContext = await site.NewContextAsync();
        var opener = new Convener(site, await convenerContext.NewPageAsync());
        var convener = opener.Page;
        var processUrl = await opener.OpenProcessAsync("Walk-through " + Guid.NewGuid().ToString("N")[..6]);
        var draftUrl = await opener.OpenConsultationAsync(title,
            "# Recommendations\n\nGovernments should consult all stakeholders on Internet policy.\n\nForums should publish who took part, by group and region.");

        // The participant joins with an affiliation and comments on paragraph 2.
        await using var participantContext = await site.NewContextAsync();
        var participant = await participantContext.NewPageAsync();
        var participantVisitor = new Visitor(participant);
        await participantVisitor.RegisterAsync();
        await participantVisitor.JoinAsync(processUrl, Group, Region);
        await participant.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await participant.GetByText("Comment on paragraph 2", new() { Exact = true }).ClickAsync();
        var box = participant.GetByLabel("Your comment on paragraph 2");
        await box.FillAsync(Comment);
        await participant.GetByRole(AriaRole.Listitem).Filter(new() { Has = box }).GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(participant.GetByRole(AriaRole.Paragraph).Filter(new() { HasText = Comment })).ToBeVisibleAsync();

        // The convener makes a third person a committee member, who answers the comment with a reason.
        await using var committeeContext = await site.NewContextAsync();
        var committee = await committeeContext.NewPageAsync();
        var committeeVisitor = new Visitor(committee);
        await committeeVisitor.RegisterAsync();
        await convener.GotoAsync(processUrl + "/roles");
        await convener.GetByLabel("Email of the person's account").FillAsync(committeeVisitor.Email);
        await convener.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("CommitteeMember");
        await convener.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Expect(convener.GetByRole(AriaRole.Main)).ToContainTextAsync(committeeVisitor.Name);

        await committee.GotoAsync(draftUrl);
        await committee.GetByRole(AriaRole.Link, new() { Name = "Committee view" }).ClickAsync();
        await Expect(committee.GetByRole(AriaRole.Paragraph).Filter(new() { HasText = Comment })).ToBeVisibleAsync();
        await committee.GetByLabel(DispositionLabel()).SelectOptionAsync(new SelectOptionValue { Label = "Accepted" });
        await committee.GetByLabel("Reason (shown to everyone)").FillAsync(Reason);
        await committee.GetByRole(AriaRole.Button, new() { Name = "Save disposition" }).ClickAsync();
        await Expect(committee.GetByText("1 of 1 comment disposed")).ToBeVisibleAsync();

        // The convener publishes version 2.
        await convener.GotoAsync(draftUrl);
        await convener.GetByRole(AriaRole.Link, new() { Name = "Manage consultation" }).ClickAsync();
        await convener.GetByLabel("Draft (Markdown; paragraphs are separated by blank lines)").FillAsync(
            "# Recommendations\n\nGovernments should consult all stakeholders on Internet policy before drafting it.\n\nForums should publish who took part, by group and region.");
        await convener.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(convener.GetByRole(AriaRole.Heading, new() { Name = "Changes from version 1 to 2", Level = 1 })).ToBeVisibleAsync();

        // Anyone can see what changed and why.
        await participant.GotoAsync(draftUrl);
        await participant.GetByRole(AriaRole.Link, new() { Name = "What changed since version 1" }).ClickAsync();
        await Expect(participant.GetByRole(AriaRole.Heading, new() { Name = "Changes from version 1 to 2", Level = 1 })).ToBeVisibleAsync();
        await Expect(participant.Locator("ins").Filter(new() { HasText = "before drafting it" })).ToBeVisibleAsync();
        var explanations = participant.GetByRole(AriaRole.List, new() { Name = "Comments that explain this change" });
        await Expect(explanations).ToContainTextAsync("Accepted");
        await Expect(explanations).ToContainTextAsync(Reason);
        await explanations.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(participant.GetByRole(AriaRole.Paragraph).Filter(new() { HasText = Comment })).ToBeVisibleAsync();

        await participant.GotoAsync(draftUrl);
        await participant.GetByRole(AriaRole.Link, new() { Name = "Uptake report" }).ClickAsync();
        var byGroup = participant.GetByRole(AriaRole.Region, new() { Name = "By stakeholder group" });
        await Expect(byGroup.GetByRole(AriaRole.Row).Filter(new() { HasText = Group })).ToHaveTextAsync(UptakeRow());
    }

    [Fact]
    public async Task A_browser_in_another_time_zone_sees_times_in_it_from_the_first_page()
    {
        await using var context = await site.NewContextAsync("America/Sao_Paulo");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        await Expect(page.GetByText("Times are shown in America/Sao_Paulo.")).ToBeVisibleAsync();
        await new Visitor(page).OpenDemoProcessAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = Web.Demo.DemoConsultation.Title }).ClickAsync();
        await Expect(page.Locator("time").First).ToContainTextAsync("(America/Sao_Paulo)");
    }

    [GeneratedRegex("^Disposition of comment \\d+$")]
    private static partial Regex DispositionLabel();

    // Academia: 1 submitted, 1 disposed, 1 accepted, none partly, noted, not accepted or out of scope: 100 % taken into account.
    [GeneratedRegex("^\\s*Academia\\s+1\\s+1\\s+1\\s+0\\s+0\\s+0\\s+0\\s+100\\s*%\\s*$")]
    private static partial Regex UptakeRow();
}
