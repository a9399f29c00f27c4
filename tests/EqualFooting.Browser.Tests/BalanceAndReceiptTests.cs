using System.Text.Json;
using EqualFooting.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>Issue 16's walk: a reader reads the demo process's balance dashboard; a participant downloads a receipt for a comment.</summary>
[Collection(SiteCollection.Name)]
public sealed class BalanceAndReceiptTests(Site site)
{
    [Fact]
    public async Task A_participant_reads_the_demo_dashboard_comments_and_downloads_the_receipt()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var visitor = new Visitor(page);
        await visitor.RegisterAsync();
        await visitor.OpenDemoProcessAsync();
        var processUrl = page.Url;

        await page.GetByRole(AriaRole.Link, new() { Name = "Participation balance", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Participation balance", Level = 1 })).ToBeVisibleAsync();
        var registrations = page.GetByRole(AriaRole.Table, new() { Name = "Registrations: Stakeholder group" });
        await Expect(registrations.GetByRole(AriaRole.Rowheader, new() { Name = "Civil society" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Indices by measure, across stakeholder groups" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Bar chart of the shares in the table beside it." }).First).ToBeVisibleAsync();

        var text = "A receipt for this comment, please " + Guid.NewGuid().ToString("N")[..6];
        await visitor.JoinAsync(processUrl, "Academia", "Europe");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Draft recommendations") }).First.ClickAsync();
        await page.GetByText("Comment on paragraph 2", new() { Exact = true }).ClickAsync();
        var box = page.GetByLabel("Your comment on paragraph 2");
        await box.FillAsync(text);
        await page.GetByRole(AriaRole.Listitem).Filter(new() { Has = box }).GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Paragraph).Filter(new() { HasText = text })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Your receipts" }).ClickAsync();
        var link = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download receipt \\d+$") }).First;
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        using var receipt = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        Assert.True(receipt.RootElement.GetProperty("leafIndex").GetInt64() >= 0);
        Assert.Equal("comment.submitted", receipt.RootElement.GetProperty("action").GetString());
        Assert.False(string.IsNullOrEmpty(receipt.RootElement.GetProperty("leafHash").GetString()));
    }
}
