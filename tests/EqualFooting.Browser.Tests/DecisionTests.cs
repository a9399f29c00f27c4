using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// Decisions in a real browser: a proposal under the houses rule taken to a decision the stakeholder-equal rule would
/// have reversed, with a minority view and an appeal; and a statement ratified from a consultation's second version.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class DecisionTests(Site site)
{
    /// <summary>A new account in its own browser context that joins the process for a group and region.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> MemberAsync(string processPath, string group, string region)
    {
        var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var visitor = new Visitor(page);
        await visitor.RegisterAsync();
        await visitor.JoinAsync(processPath, group, region);
        return (context, page);
    }

    private static async Task TakePositionAsync(IPage page, string proposalPath, string stance, string? reason = null)
    {
        await page.GotoAsync(proposalPath);
        await page.GetByRole(AriaRole.Radio, new() { Name = stance, Exact = true }).CheckAsync();
        if (reason is not null)
        {
            await page.GetByLabel("Reason (required for a block)").FillAsync(reason);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Record my position" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your position is recorded.");
    }

    [Fact]
    public async Task A_houses_decision_shows_the_stakeholder_equal_rule_deciding_otherwise_with_a_minority_view_and_an_appeal()
    {
        await using var chairContext = await site.NewContextAsync();
        var chair = await chairContext.NewPageAsync();
        var convener = new Convener(site, chair);
        var processPath = await convener.OpenProcessAsync("GNSO Council " + Guid.NewGuid().ToString("N")[..6]);

        // The chair puts the proposal under the houses rule: governments and business in one house, the rest in the other.
        await chair.GetByRole(AriaRole.Link, new() { Name = "New proposal" }).ClickAsync();
        await chair.GetByLabel("Title", new() { Exact = true }).FillAsync("Inter-registrar transfer policy");
        await chair.GetByLabel("The question to decide").FillAsync("Adopt the transfer policy?");
        await chair.GetByLabel("Decision rule", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Houses" });
        foreach (var group in new[] { "Government", "Private sector" })
        {
            await chair.GetByLabel($"House of {group}").SelectOptionAsync("A");
        }

        foreach (var group in new[] { "Civil society", "Technical community", "Academia", "Intergovernmental organisation" })
        {
            await chair.GetByLabel($"House of {group}").SelectOptionAsync("B");
        }

        await chair.GetByRole(AriaRole.Button, new() { Name = "Put the proposal" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Inter-registrar transfer policy", Level = 1 })).ToBeVisibleAsync();
        await Expect(chair.Locator("#rule")).ToContainTextAsync("Houses");
        var proposalPath = new Uri(chair.Url).AbsolutePath;

        // Two large-headcount members of one group against two single members of other groups.
        var (governmentContext, government) = await MemberAsync(processPath, "Government", "Europe");
        var (businessContext, business) = await MemberAsync(processPath, "Private sector", "North America");
        var (civilContext1, civil1) = await MemberAsync(processPath, "Civil society", "Africa");
        var (civilContext2, civil2) = await MemberAsync(processPath, "Civil society", "Latin America and Caribbean");
        await using (governmentContext)
        await using (businessContext)
        await using (civilContext1)
        await using (civilContext2)
        {
            await TakePositionAsync(government, proposalPath, "Agree");
            await TakePositionAsync(business, proposalPath, "Agree");
            await TakePositionAsync(civil1, proposalPath, "Disagree", "Too weak on registrant protection.");
            await TakePositionAsync(civil2, proposalPath, "Disagree");

            await chair.GotoAsync(proposalPath);
            await Expect(chair.Locator("#by-group tbody tr", new() { HasText = "Civil society" })).ToContainTextAsync("2");
            await chair.GetByRole(AriaRole.Button, new() { Name = "Close the proposal" }).ClickAsync();
            await Expect(chair.GetByRole(AriaRole.Status)).ToHaveTextAsync("The proposal is closed.");

            // Houses: house B is 0 of 2 in favour, so it is not adopted; counting each group equally would have adopted it.
            await Expect(chair.Locator("#outcome")).ToContainTextAsync("Not adopted");
            await Expect(chair.Locator("#comparison tr[data-rule='Houses'] td").First).ToHaveTextAsync("Not adopted");
            await Expect(chair.Locator("#comparison tr[data-rule='StakeholderEqual'] td").First).ToHaveTextAsync("Adopted");

            // Those who agreed dissent from the decision: one attaches a minority view and appeals.
            await government.GotoAsync(proposalPath);
            await government.GetByLabel("Attach a minority view (if you took a position against the decision)").FillAsync("Two governments' worth of support was outweighed by one house.");
            await government.GetByRole(AriaRole.Button, new() { Name = "Publish the minority view" }).ClickAsync();
            await Expect(government.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your minority view is published with the decision.");
            await government.GetByLabel("Appeal this decision: your grounds").FillAsync("The houses were drawn after positions were known.");
            await government.GetByRole(AriaRole.Button, new() { Name = "File the appeal" }).ClickAsync();
            await Expect(government.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your appeal is filed.");

            // Anyone reads the decision, the minority view and the appeal.
            await using var readerContext = await site.NewContextAsync();
            var reader = await readerContext.NewPageAsync();
            await reader.GotoAsync(proposalPath);
            await Expect(reader.Locator(".minority-view")).ToContainTextAsync("outweighed by one house");
            await Expect(reader.Locator(".appeals")).ToContainTextAsync("The houses were drawn after positions were known.");
        }
    }

    [Fact]
    public async Task A_statement_is_ratified_from_a_consultations_second_version_and_sent()
    {
        await using var chairContext = await site.NewContextAsync();
        var chair = await chairContext.NewPageAsync();
        var convener = new Convener(site, chair);
        var processPath = await convener.OpenProcessAsync("At-Large " + Guid.NewGuid().ToString("N")[..6]);
        var draftPath = await convener.OpenConsultationAsync("ALAC statement on DNS abuse", "# Statement\n\nThe ALAC asks for stronger contract terms.");

        // Comments folded into a second version.
        await chair.GotoAsync(draftPath + "/manage");
        await chair.GetByLabel("Draft (Markdown; paragraphs are separated by blank lines)").FillAsync("# Statement\n\nThe ALAC asks for stronger contract terms and timely enforcement.");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();

        await chair.GotoAsync(processPath);
        await chair.GetByRole(AriaRole.Link, new() { Name = "New statement" }).ClickAsync();
        await chair.GetByLabel("Title", new() { Exact = true }).FillAsync("ALAC advice on DNS abuse");
        await chair.GetByLabel("Recipient (the body it is sent to)").FillAsync("ICANN Board");
        await chair.GetByLabel("Consultation carrying the draft").SelectOptionAsync(new SelectOptionValue { Label = "ALAC statement on DNS abuse" });
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start the statement" }).ClickAsync();
        await Expect(chair.Locator("#statement-status")).ToHaveTextAsync("Drafting: out for comment");
        await Expect(chair.Locator("#statement-versions tbody tr")).ToHaveCountAsync(2);
        var statementPath = new Uri(chair.Url).AbsolutePath;

        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Put version 2 to the members" })).ToBeVisibleAsync();
        await chair.GetByLabel("Decision rule", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Majority" });
        await chair.GetByLabel("Window for positions (days)").FillAsync("5");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Put to ratification" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Status)).ToHaveTextAsync("The latest version is put to the members.");
        await Expect(chair.Locator("#statement-status")).ToHaveTextAsync("Before the members for ratification");

        var (aContext, academia) = await MemberAsync(processPath, "Academia", "Europe");
        var (cContext, civil) = await MemberAsync(processPath, "Civil society", "Africa");
        await using (aContext)
        await using (cContext)
        {
            foreach (var member in new[] { academia, civil })
            {
                await member.GotoAsync(statementPath);
                await member.GetByRole(AriaRole.Link, new() { Name = "Take a position, and see what every rule would decide" }).ClickAsync();
                await Expect(member.Locator("#positions-until")).ToBeVisibleAsync();
                await TakePositionAsync(member, new Uri(member.Url).AbsolutePath, "Agree");
            }

            await chair.GotoAsync(statementPath);
            await chair.GetByRole(AriaRole.Link, new() { Name = "Version 2" }).Last.ClickAsync();
            await chair.GetByRole(AriaRole.Button, new() { Name = "Close the proposal" }).ClickAsync();
            await Expect(chair.Locator("#outcome")).ToContainTextAsync("Adopted");

            await chair.GotoAsync(statementPath);
            await Expect(chair.Locator("#statement-status")).ToHaveTextAsync("Ratified");
            await Expect(chair.Locator("#statement-tally tfoot")).ToContainTextAsync("2");
            await chair.GetByLabel("Sent how, and to whom").FillAsync("E-mail to the ICANN Board secretariat");
            await chair.GetByRole(AriaRole.Button, new() { Name = "Mark as sent" }).ClickAsync();
            await Expect(chair.GetByRole(AriaRole.Status)).ToHaveTextAsync("The statement is marked as sent.");
            await Expect(chair.Locator("#statement-status")).ToContainTextAsync("E-mail to the ICANN Board secretariat");
            await Expect(chair.Locator("#ratifications")).ToContainTextAsync("Version 2");
            await Expect(chair.GetByRole(AriaRole.Link, new() { Name = "Dispositions of the comments" })).ToBeVisibleAsync();
        }
    }
}
