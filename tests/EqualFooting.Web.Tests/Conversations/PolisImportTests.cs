using System.Net;
using System.Text.Json;
using EqualFooting.Conversations;
using EqualFooting.Web.Conversations;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Conversations;

/// <summary>
/// polis-import against a real database, with the small Pol.is export shipped in <c>PolisFixture/</c>: five
/// statements (one moderated out, one of 399 characters), six Pol.is participants (one only an author), a vote
/// changed later and one listed out of time order. Malformed variants are written from it here.
/// </summary>
public abstract class PolisImportTests(AppFactory app) : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Conversations", "PolisFixture");
    private readonly string _folder = Directory.CreateTempSubdirectory("polis-import-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await PolisImportCommand.RunAsync(app.Services, args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>A copy of the fixture with one line of one file replaced (1 is the header).</summary>
    private string Broken(string file, int line, string replacement)
    {
        foreach (var name in Directory.GetFiles(Fixture))
        {
            File.Copy(name, Path.Combine(_folder, Path.GetFileName(name)));
        }

        var path = Path.Combine(_folder, file);
        var lines = File.ReadAllLines(path);
        lines[line - 1] = replacement;
        File.WriteAllLines(path, lines);
        return _folder;
    }

    private Task<List<Conversation>> ConversationsAsync(int processId) =>
        app.WithDbAsync(db => db.Conversations.Where(c => c.ProcessId == processId).ToListAsync());

    [Fact]
    public async Task An_export_becomes_a_closed_conversation_with_placeholder_participants_in_a_not_stated_group()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();

        var (exit, output, errors) = await RunAsync(Fixture, "--process", process.Id().ToString(), "--as", email);

        Assert.True(exit == 0, errors);
        Assert.Contains("4 statements, 6 participants, 12 votes", output);
        var conversation = Assert.Single(await ConversationsAsync(process.Id()));
        Assert.False(conversation.IsOpen);
        Assert.Equal("Pol.is: PolisFixture", conversation.Title);
        Assert.StartsWith("polis:", conversation.ImportKey);

        var statements = await app.WithDbAsync(db => db.Statements.Where(s => s.ConversationId == conversation.Id).OrderBy(s => s.ExternalId).ToListAsync());
        Assert.Equal([0, 1, 2, 7], statements.Select(s => s.ExternalId!.Value));
        Assert.All(statements, s => Assert.Equal(StatementStatus.Approved, s.Status));
        Assert.Equal("Remote participation, with \"captions\", should be the norm.", statements[1].Text);
        Assert.True(statements[3].Text.Length > Statement.TextMax, "longer than a statement written here may be");

        var people = await app.WithDbAsync(db => db.Participants
            .Where(p => p.ProcessId == process.Id())
            .Join(db.Users, p => p.AccountId, a => a.Id, (p, a) => new { p.Id, a.DisplayName, a.Email, a.PasswordHash, a.ImportedFrom, p.Affiliations })
            .ToListAsync());
        Assert.Equal(6, people.Count);
        Assert.All(people, p =>
        {
            Assert.Equal("polis", p.ImportedFrom);
            Assert.Null(p.Email);
            Assert.Null(p.PasswordHash);
            Assert.StartsWith("Pol.is participant ", p.DisplayName);
        });
        var notStated = await app.WithDbAsync(db => db.Processes.Where(p => p.Id == process.Id())
            .Select(p => new { Group = p.StakeholderGroups.Single(g => g.Name == "Not stated").Id, Region = p.Regions.Single(r => r.Name == "Not stated").Id })
            .SingleAsync());
        Assert.All(people, p => Assert.Equal((notStated.Group, notStated.Region), (p.Affiliations.Single().StakeholderGroupId, p.Affiliations.Single().RegionId)));

        // The author of statement 0 is Pol.is participant 10; statement 2's author (99) never voted and is a participant all the same.
        var authors = await app.WithDbAsync(db => db.Statements.Where(s => s.ConversationId == conversation.Id)
            .Join(db.Participants, s => s.AuthorParticipantId, p => p.Id, (s, p) => new { s.ExternalId, p.AccountId })
            .Join(db.Users, x => x.AccountId, a => a.Id, (x, a) => new { x.ExternalId, a.DisplayName })
            .OrderBy(x => x.ExternalId)
            .ToListAsync());
        Assert.Equal(["Pol.is participant 10", "Pol.is participant 11", "Pol.is participant 99", "Pol.is participant 10"], authors.Select(a => a.DisplayName));

        // Participant 12 agreed with statement 0, then disagreed: the later vote is the one stored.
        var changed = await app.WithDbAsync(db => db.StatementVotes
            .Where(v => v.ConversationId == conversation.Id && v.StatementId == statements[0].Id)
            .Join(db.Participants, v => v.ParticipantId, p => p.Id, (v, p) => new { v.Choice, p.AccountId })
            .Join(db.Users, x => x.AccountId, a => a.Id, (x, a) => new { x.Choice, a.DisplayName })
            .SingleAsync(x => x.DisplayName == "Pol.is participant 12"));
        Assert.Equal(VoteChoice.Disagree, changed.Choice);
        Assert.Equal(12, await app.WithDbAsync(db => db.StatementVotes.CountAsync(v => v.ConversationId == conversation.Id)));

        // One record entry, with counts and no names.
        var entry = await app.WithDbAsync(db => db.Record.SingleAsync(e => e.ProcessId == process.Id() && e.Action == "conversation.imported"));
        Assert.Contains("\"participants\":6", entry.Entry);
        Assert.DoesNotContain("Pol.is participant", entry.Entry);

        // The conversation reads like any other: its report answers.
        var report = await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/conversations/{conversation.Id}/report")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, report.ValueKind);
    }

    [Fact]
    public async Task The_same_export_again_is_refused_and_stores_nothing()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        Assert.Equal(0, (await RunAsync(Fixture, "--process", process.Id().ToString(), "--as", email, "--title", "First")).Exit);

        // Another folder name and title, the same files: the same export.
        var copy = Broken("votes.csv", 1, "timestamp,datetime,comment-id,voter-id,vote");
        var (exit, _, errors) = await RunAsync(copy, "--process", process.Id().ToString(), "--as", email, "--title", "Second");

        Assert.Equal(1, exit);
        var first = Assert.Single(await ConversationsAsync(process.Id()));
        Assert.Contains($"already imported into this process as conversation {first.Id}", errors);
        Assert.Contains("Nothing was stored.", errors);
        Assert.Equal(6, await app.WithDbAsync(db => db.Participants.CountAsync(p => p.ProcessId == process.Id())));
    }

    [Theory]
    [InlineData("votes.csv", 5, "1003,x,0,11,maybe", "votes.csv line 5: vote must be")]
    [InlineData("votes.csv", 3, "1001,x,1", "votes.csv line 3:")]
    [InlineData("comments.csv", 3, "1001,x,1,11,0,0,1,\"unclosed", "comments.csv line 3:")]
    public async Task A_malformed_file_is_named_with_its_line_exit_code_2_and_nothing_is_stored(string file, int line, string replacement, string message)
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();

        var (exit, _, errors) = await RunAsync(Broken(file, line, replacement), "--process", process.Id().ToString(), "--as", email);

        Assert.Equal(2, exit);
        Assert.Contains(message, errors);
        Assert.Empty(await ConversationsAsync(process.Id()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Participants.CountAsync(p => p.ProcessId == process.Id())));
    }

    [Fact]
    public async Task A_statement_too_long_even_for_an_import_is_named_by_line_and_nothing_is_stored()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();

        var folder = Broken("comments.csv", 4, "1002,x,2,99,0,0,1," + new string('x', Statement.ImportedTextMax + 1));
        var (exit, _, errors) = await RunAsync(folder, "--process", process.Id().ToString(), "--as", email);

        Assert.Equal(2, exit);
        Assert.Contains("comments.csv line 4: comment 2:", errors);
        Assert.Empty(await ConversationsAsync(process.Id()));
        Assert.DoesNotContain("Not stated", await app.WithDbAsync(db => db.Processes.Where(p => p.Id == process.Id()).SelectMany(p => p.StakeholderGroups).Select(g => g.Name).ToListAsync()));
    }

    [Fact]
    public async Task Only_a_convener_may_import_and_a_named_group_must_exist()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var (_, stranger) = await app.SignedInAsync();

        var denied = await RunAsync(Fixture, "--process", process.Id().ToString(), "--as", stranger);
        var unknownGroup = await RunAsync(Fixture, "--process", process.Id().ToString(), "--as", email, "--stakeholder-group", "Nobody in particular");
        var noProcess = await RunAsync(Fixture, "--process", "999999", "--as", email);
        var named = await RunAsync(Fixture, "--process", process.Id().ToString(), "--as", email, "--stakeholder-group", "civil society", "--region", "Europe");

        Assert.Equal(2, denied.Exit);
        Assert.Contains("conveners", denied.Errors);
        Assert.Equal(2, unknownGroup.Exit);
        Assert.Contains("no stakeholder group named \"Nobody in particular\"", unknownGroup.Errors);
        Assert.Equal(2, noProcess.Exit);
        Assert.Equal(0, named.Exit);
        var affiliations = await app.WithDbAsync(db => db.Participants.Where(p => p.ProcessId == process.Id()).SelectMany(p => p.Affiliations).ToListAsync());
        Assert.All(affiliations, a => Assert.Equal(process.GroupId("Civil society"), a.StakeholderGroupId));
    }
}

public sealed class PolisImportOnSqlite(SqliteApp app) : PolisImportTests(app), IClassFixture<SqliteApp>;

public sealed class PolisImportOnPostgres(PostgresApp app) : PolisImportTests(app), IClassFixture<PostgresApp>;
