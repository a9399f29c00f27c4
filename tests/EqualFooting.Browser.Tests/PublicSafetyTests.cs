using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// Issue 11's walk: a participant recovers a forgotten password through the link in the outbox; a comment is reported,
/// hidden with a reason, and its author reads the notice; a pseudonymous participant's name shows nowhere.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class PublicSafetyTests(Site site)
{
    [Fact]
    public async Task A_participant_who_forgot_their_password_takes_the_link_from_the_outbox_and_signs_in_with_a_new_one()
    {
        await using var adminContext = await site.NewContextAsync();
        var outbox = await adminContext.NewPageAsync();
        var admin = new Visitor(outbox);
        await admin.RegisterAsync();
        await site.MakeAdministratorAsync(admin.Email);

        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var participant = new Visitor(page);
        await participant.RegisterAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgotten your password?" }).ClickAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(participant.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account uses this address");

        // No SMTP server is configured: the administrator reads the message in the outbox and hands the link on.
        await outbox.GotoAsync("/");
        await outbox.GetByRole(AriaRole.Link, new() { Name = "Outbox" }).ClickAsync();
        var message = outbox.GetByRole(AriaRole.Article).Filter(new() { HasText = "To " + participant.Email });
        await Expect(message).ToHaveCountAsync(1);
        var link = ResetLink().Match(await message.Locator("pre").InnerTextAsync());
        Assert.True(link.Success, "The outbox message carries no reset link.");

        const string NewPassword = "a brand new battery staple";
        await page.GotoAsync(link.Value);
        await page.GetByLabel("New password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();

        await SignInAsync(page, participant.Email, Visitor.Password);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong email or password.");
        await SignInAsync(page, participant.Email, NewPassword);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // The link worked once.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync(link.Value);
        await page.GetByLabel("New password").FillAsync("yet another battery staple");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reported_comment_is_hidden_with_a_reason_its_author_is_told_and_a_pseudonymous_name_shows_nowhere()
    {
        await using var convenerContext = await site.NewContextAsync();
        var convener = new Convener(site, await convenerContext.NewPageAsync());
        var processPath = await convener.OpenProcessAsync("Safe in public " + Guid.NewGuid().ToString("N")[..6]);
        var processId = int.Parse(processPath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await convener.Page.GotoAsync($"/processes/{processId}/privacy");
        await convener.Page.GetByLabel("A pseudonym of their choice").CheckAsync();
        await convener.Page.GetByRole(AriaRole.Button, new() { Name = "Save privacy settings" }).ClickAsync();
        await Expect(convener.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Privacy settings saved.");
        await convener.Page.GotoAsync(processPath);
        var draftPath = await convener.OpenConsultationAsync("Principles for a safe commons", "First principle.\n\nSecond principle.");

        // The author takes part under a pseudonym and comments twice.
        await using var authorContext = await site.NewContextAsync();
        var authorPage = await authorContext.NewPageAsync();
        var author = new Visitor(authorPage);
        await author.RegisterAsync();
        await author.JoinAsync(processPath, "Civil society", "Africa");
        var pseudonym = "Quiet Heron " + Guid.NewGuid().ToString("N")[..4];
        await authorPage.GotoAsync($"/processes/{processId}/join");
        await authorPage.GetByLabel("Pseudonym").FillAsync(pseudonym);
        await authorPage.GetByRole(AriaRole.Button, new() { Name = "Save what others see" }).ClickAsync();
        await Expect(authorPage.Locator(".seen-as")).ToContainTextAsync(pseudonym);

        var abusive = "This comment names and shames someone " + Guid.NewGuid().ToString("N")[..6];
        var kept = "This comment is fine " + Guid.NewGuid().ToString("N")[..6];
        await CommentAsync(authorPage, draftPath, 1, abusive);
        await CommentAsync(authorPage, draftPath, 2, kept);

        // Another participant reports the first comment.
        await using var reporterContext = await site.NewContextAsync();
        var reporterPage = await reporterContext.NewPageAsync();
        var reporter = new Visitor(reporterPage);
        await reporter.RegisterAsync();
        await reporter.JoinAsync(processPath, "Technical community", "Europe");
        await reporterPage.GotoAsync(draftPath);
        await reporterPage.Locator("article, li").Filter(new() { HasText = abusive }).Last
            .GetByRole(AriaRole.Link, new() { Name = "Report to the moderators" }).ClickAsync();
        await reporterPage.GetByLabel("Reason").FillAsync("It exposes a named activist.");
        await reporterPage.GetByRole(AriaRole.Button, new() { Name = "Report", Exact = true }).ClickAsync();
        await Expect(reporterPage.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        // The convener (a moderator of the process) hides it from the queue, with a reason.
        var moderation = convener.Page;
        await moderation.GotoAsync($"/processes/{processId}/moderation");
        var report = moderation.GetByRole(AriaRole.Article).Filter(new() { HasText = abusive });
        await Expect(report).ToContainTextAsync("Technical community");
        await report.GetByLabel("Reason for hiding").FillAsync("It puts a person at risk.");
        await report.GetByRole(AriaRole.Button, new() { Name = "Hide this comment" }).ClickAsync();
        await Expect(moderation.GetByRole(AriaRole.Main)).ToContainTextAsync("Hidden by the moderators: It puts a person at risk.");

        // Readers see the reason instead of the text; the author reads the notice in their inbox.
        await using var readerContext = await site.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(draftPath);
        await Expect(reader.GetByRole(AriaRole.Main)).ToContainTextAsync("Hidden by the moderators: It puts a person at risk.");
        await Expect(reader.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(abusive);
        await Expect(reader.GetByRole(AriaRole.Main)).ToContainTextAsync(kept);

        await authorPage.GotoAsync("/");
        await authorPage.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await Expect(authorPage.GetByRole(AriaRole.Link, new() { Name = "The moderators hid your comment: It puts a person at risk." })).ToBeVisibleAsync();

        // The author's name is nowhere a reader or another participant can look: pages, API and exports.
        await reader.GotoAsync($"/processes/{processId}/participants");
        await Expect(reader.GetByRole(AriaRole.Main)).ToContainTextAsync(pseudonym);
        var consultationId = draftPath.Split('/')[2];
        string[] places =
        [
            processPath, draftPath, $"/processes/{processId}/participants", $"/processes/{processId}/record",
            $"/api/processes/{processId}/participants", $"/api/consultations/{consultationId}/comments",
            $"/api/consultations/{consultationId}/export", $"/api/consultations/{consultationId}/export.csv",
            $"/api/processes/{processId}/record",
        ];
        foreach (var request in new[] { readerContext.APIRequest, reporterContext.APIRequest })
        {
            foreach (var place in places)
            {
                var response = await request.GetAsync(place);
                Assert.True(response.Ok, $"{place} answered {response.Status}");
                Assert.DoesNotContain(author.Name, await response.TextAsync(), StringComparison.Ordinal);
            }

            var zip = await request.GetAsync($"/api/processes/{processId}/export.zip");
            Assert.True(zip.Ok, $"export.zip answered {zip.Status}");
            using var archive = new ZipArchive(new MemoryStream(await zip.BodyAsync()));
            Assert.NotEmpty(archive.Entries);
            foreach (var entry in archive.Entries)
            {
                using var text = new StreamReader(entry.Open());
                Assert.DoesNotContain(author.Name, await text.ReadToEndAsync(), StringComparison.Ordinal);
            }
        }
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    private static async Task CommentAsync(IPage page, string draftPath, int paragraph, string text)
    {
        await page.GotoAsync(draftPath);
        await page.GetByText($"Comment on paragraph {paragraph}", new() { Exact = true }).ClickAsync();
        var box = page.GetByLabel($"Your comment on paragraph {paragraph}");
        await box.FillAsync(text);
        await page.GetByRole(AriaRole.Listitem).Filter(new() { Has = box }).GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Paragraph).Filter(new() { HasText = text })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"https?://\S+/account/reset\?\S+")]
    private static partial Regex ResetLink();
}
