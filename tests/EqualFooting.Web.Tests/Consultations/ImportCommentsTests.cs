using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EqualFooting.Consultations;
using EqualFooting.Web.Consultations;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Consultations;

/// <summary>The import-comments command against a real database, and the API's comments entered on others' behalf.</summary>
public abstract class ImportCommentsTests(AppFactory app) : IDisposable
{
    private const string Draft = "# Principles\n\nHuman rights apply online as offline.\n\nThe Internet should remain one network.";
    private readonly string _folder = Directory.CreateTempSubdirectory("equalfooting-import-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A consultation whose convener has joined the process, so they can enter comments for others.</summary>
    private async Task<(HttpClient Convener, string Email, JsonElement Process, int Cid)> ConsultationAsync()
    {
        var (convener, email) = await app.AdministratorAsync();
        var process = await convener.CreateProcessAsync();
        await (await convener.JoinAsync(process, "Civil society", "Europe")).JsonAsync(HttpStatusCode.Created);
        var created = await (await convener.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft for import",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = Draft,
        })).JsonAsync(HttpStatusCode.Created);
        return (convener, email, process, created.Id());
    }

    private string File(string name, string content, bool bom = false)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, [.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(content)]);
        return path;
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await ImportCommentsCommand.RunAsync(app.Services, args, output, errors, interactive: false);
        return (exit, output.ToString(), errors.ToString());
    }

    private Task<List<Comment>> CommentsAsync(int cid) =>
        app.WithDbAsync(db => db.Comments.Where(c => c.ConsultationId == cid).OrderBy(c => c.Id).ToListAsync());

    private const string Good =
        "author,stakeholder_group,region,country,paragraph,text\r\n" +
        "Rafael Lima,government,Latin America and Caribbean,BR,2,\"Consult before drafting, please.\"\r\n" +
        "Amara Okafor,Civil society,AFRICA,,,\"A letter\r\nover two lines, with \"\"quotes\"\".\"\r\n" +
        "Hiroshi Tanaka,Technical community,Asia-Pacific,JP,3,Keep one network.\r\n";

    [Fact]
    public async Task Good_and_bad_rows_the_good_are_stored_in_their_authors_names_and_the_bad_reported_by_row()
    {
        var s = await ConsultationAsync();
        var csv = File("mixed.csv", Good +
            "Nobody,Goverment,Europe,,,Typo in the group\r\n" +
            "Short,row\r\n" +
            "Ana,Academia,Europe,,9,No such paragraph\r\n" +
            "Bea,Academia,Europe,,,\r\n" +
            "Cleo,Academia,Europe,,1,\"bad \"quote\r\n" +
            "Dina,Private sector,North America,US,,Stored after the bad ones.\r\n", bom: true);
        var rejects = Path.Combine(_folder, "rejects.csv");

        var (exit, output, _) = await RunAsync(csv, "--consultation", s.Cid.ToString(), "--as", s.Email, "--rejects", rejects);

        Assert.Equal(1, exit);
        // Amara's letter spans two lines of the file, so from there on a row's line is one more than its number.
        Assert.Contains("9 row(s) read", output);
        Assert.Contains("stored: 4", output);
        Assert.Contains("rejected: 5", output);
        Assert.Contains("row 5 (line 6), stakeholder_group: No stakeholder group named \"Goverment\"", output);
        Assert.Contains("row 6 (line 7): The row has 2 field(s)", output);
        Assert.Contains("row 7 (line 8), paragraph: The latest version has no paragraph 9", output);
        Assert.Contains("row 8 (line 9), text: The comment text is empty.", output);
        Assert.Contains("row 9 (line 10): Text after the closing quote", output);
        var lines = await System.IO.File.ReadAllLinesAsync(rejects);
        Assert.Equal("row,line,field,reason", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("5,6,stakeholder_group,", lines[1]);

        var comments = await CommentsAsync(s.Cid);
        Assert.Equal(["Rafael Lima", "Amara Okafor", "Hiroshi Tanaka", "Dina"], comments.Select(c => c.AuthorName));
        Assert.All(comments, c => Assert.Equal(CommentChannel.BulkImport, c.Channel));
        Assert.Equal("A letter\nover two lines, with \"quotes\".", comments[1].Text);
        Assert.Equal(s.Process.GroupId("Government"), comments[0].StakeholderGroupId);
        Assert.Equal(s.Process.RegionId("Latin America and Caribbean"), comments[0].RegionId);
        Assert.Equal("BR", comments[0].AuthorCountry);
        Assert.Null(comments[1].ParagraphId);

        // The uptake report counts them under their authors' groups, and the draft page names the authors.
        var uptake = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/uptake")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("Government", uptake.ToString());
        Assert.Contains("Rafael Lima", await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}?version=1&paragraph={comments[0].ParagraphId}"));
    }

    [Fact]
    public async Task Running_the_same_file_again_stores_nothing_twice()
    {
        var s = await ConsultationAsync();
        var csv = File("good.csv", Good);

        var first = await RunAsync(csv, "--consultation", s.Cid.ToString(), "--as", s.Email);
        var second = await RunAsync(csv, "--consultation", s.Cid.ToString(), "--as", s.Email);
        var reordered = File("reordered.csv", "text,author,stakeholder_group,region,paragraph,country\nKeep one network.,Hiroshi Tanaka,technical community,asia-pacific,3,JP\n");
        var third = await RunAsync(reordered, "--consultation", s.Cid.ToString(), "--as", s.Email);

        Assert.Equal(0, first.Exit);
        Assert.Contains("stored: 3", first.Output);
        Assert.Equal(0, second.Exit);
        Assert.Contains("stored: 0", second.Output);
        Assert.Contains("already present: 3", second.Output);
        Assert.Contains("already present: 1", third.Output);
        Assert.Equal(3, (await CommentsAsync(s.Cid)).Count);
    }

    [Fact]
    public async Task A_dry_run_stores_nothing_and_says_what_would_be_stored()
    {
        var s = await ConsultationAsync();
        await RunAsync(File("one.csv", "author,stakeholder_group,region,text\nAna,Academia,Europe,Already here.\n"), "--consultation", s.Cid.ToString(), "--as", s.Email);

        var (exit, output, _) = await RunAsync(File("two.csv", "author,stakeholder_group,region,text\nAna,Academia,Europe,Already here.\nBea,Academia,Africa,New.\n"), "--consultation", s.Cid.ToString(), "--as", s.Email, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("Dry run: nothing was stored.", output);
        Assert.Contains("would be stored: 1", output);
        Assert.Contains("already present: 1", output);
        Assert.Single(await CommentsAsync(s.Cid));
    }

    [Fact]
    public async Task More_rows_than_a_chunk_are_stored_in_chunks_with_progress_lines_and_one_bad_row_stops_nothing()
    {
        var s = await ConsultationAsync();
        var rows = Enumerable.Range(1, ImportCommentsCommand.ChunkSize * 2 + 10)
            .Select(i => i == 600 ? "Bad,Nobody,Europe,Row with an unknown group" : $"Person {i},Academia,Europe,Comment number {i}");
        var csv = File("many.csv", "author,stakeholder_group,region,text\n" + string.Join('\n', rows));

        var (exit, output, errors) = await RunAsync(csv, "--consultation", s.Cid.ToString(), "--as", s.Email);

        Assert.Equal(1, exit);
        Assert.Contains($"stored: {ImportCommentsCommand.ChunkSize * 2 + 9}", output);
        Assert.Contains("row 601 (line 601), stakeholder_group", output);
        Assert.Contains("500 of 1,009 rows sent", errors);
        Assert.Contains("1,009 of 1,009 rows sent", errors);
        Assert.Equal(ImportCommentsCommand.ChunkSize * 2 + 9, (await CommentsAsync(s.Cid)).Count);
        Assert.Equal(3, await app.WithDbAsync(db => db.Record.CountAsync(e => e.ProcessId == s.Process.Id() && e.Action == "comment.batch-submitted")));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("author,text\nAna,Hi\n", "lacks the required column(s) stakeholder_group, region")]
    [InlineData("author,stakeholder_group,region,text,email\nAna,Academia,Europe,Hi,a@b\n", "Unknown column \"email\"")]
    [InlineData("Ana,Academia,Europe,Hi\n", "Unknown column \"Ana\"")]
    public async Task A_file_without_a_usable_header_exits_3_and_stores_nothing(string content, string message)
    {
        var s = await ConsultationAsync();

        var (exit, _, errors) = await RunAsync(File("bad.csv", content), "--consultation", s.Cid.ToString(), "--as", s.Email);

        Assert.Equal(3, exit);
        Assert.Contains(message, errors);
        Assert.Contains("Nothing was stored.", errors);
        Assert.Empty(await CommentsAsync(s.Cid));
    }

    [Fact]
    public async Task A_file_that_is_not_UTF_8_exits_3()
    {
        var s = await ConsultationAsync();
        var path = Path.Combine(_folder, "latin1.csv");
        await System.IO.File.WriteAllBytesAsync(path, [.. Encoding.ASCII.GetBytes("author,stakeholder_group,region,text\nJos"), 0xE9, .. Encoding.ASCII.GetBytes(",Academia,Europe,Hi\n")]);

        var (exit, _, errors) = await RunAsync(path, "--consultation", s.Cid.ToString(), "--as", s.Email);

        Assert.Equal(3, exit);
        Assert.Contains("not UTF-8", errors);
    }

    [Fact]
    public async Task Only_a_convener_who_joined_may_import_and_wrong_arguments_exit_2()
    {
        var s = await ConsultationAsync();
        var (participant, participantEmail) = await app.SignedInAsync();
        await (await participant.JoinAsync(s.Process, "Academia", "Africa")).JsonAsync(HttpStatusCode.Created);
        var csv = File("good.csv", Good);

        var notConvener = await RunAsync(csv, "--consultation", s.Cid.ToString(), "--as", participantEmail);
        var unknownAccount = await RunAsync(csv, "--consultation", s.Cid.ToString(), "--as", "nobody@example.org");
        var unknownConsultation = await RunAsync(csv, "--consultation", "424242", "--as", s.Email);
        var missingOption = await RunAsync(csv, "--as", s.Email);
        var missingFile = await RunAsync(Path.Combine(_folder, "none.csv"), "--consultation", s.Cid.ToString(), "--as", s.Email);

        Assert.Equal(2, notConvener.Exit);
        Assert.Contains("Only the process's conveners", notConvener.Errors);
        Assert.Equal(2, unknownAccount.Exit);
        Assert.Equal(2, unknownConsultation.Exit);
        Assert.Contains("No such consultation", unknownConsultation.Errors);
        Assert.Equal(2, missingOption.Exit);
        Assert.Contains("usage: import-comments", missingOption.Errors);
        Assert.Equal(2, missingFile.Exit);
        Assert.Empty(await CommentsAsync(s.Cid));
    }

    [Fact]
    public async Task Through_the_API_a_convener_enters_a_comment_on_someones_behalf()
    {
        var s = await ConsultationAsync();

        var body = await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/batch", new
        {
            comments = new[]
            {
                new { text = "Sent by post.", idempotencyKey = "letter-1", onBehalfOf = new { name = "Rafael Lima", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Africa"), country = "BR" } },
            },
        })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, body.GetProperty("created").GetInt32());
        var export = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/export")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Rafael Lima", export.GetProperty("comments")[0].GetProperty("author").GetString());
        Assert.Equal("Government", export.GetProperty("comments")[0].GetProperty("stakeholderGroup").GetString());
    }

    [Theory]
    [InlineData("group", "comments[0].onBehalfOf.stakeholderGroupId")]
    [InlineData("region", "comments[0].onBehalfOf.regionId")]
    [InlineData("name", "comments[0].onBehalfOf.name")]
    [InlineData("country", "comments[0].onBehalfOf.country")]
    public async Task Bad_on_behalf_authors_are_400s_naming_the_field(string wrong, string field)
    {
        var s = await ConsultationAsync();
        var author = new
        {
            name = wrong == "name" ? " " : "Ana",
            stakeholderGroupId = wrong == "group" ? 424242 : s.Process.GroupId("Academia"),
            regionId = wrong == "region" ? (int?)null : s.Process.RegionId("Europe"),
            country = wrong == "country" ? new string('x', Comment.CountryMax + 1) : null,
        };

        var response = await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/batch", new { comments = new[] { new { text = "Hi", idempotencyKey = "k", onBehalfOf = author } } });

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Empty(await CommentsAsync(s.Cid));
    }

    [Fact]
    public async Task Only_conveners_enter_comments_on_others_behalf()
    {
        var s = await ConsultationAsync();
        var (participant, _) = await app.SignedInAsync();
        await (await participant.JoinAsync(s.Process, "Academia", "Africa")).JsonAsync(HttpStatusCode.Created);
        var request = new { text = "Hi", idempotencyKey = "k", onBehalfOf = new { name = "Someone", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Europe") } };

        await (await participant.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", request)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", request)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(await CommentsAsync(s.Cid));
    }
}

public sealed class ImportCommentsOnSqlite(SqliteApp app) : ImportCommentsTests(app), IClassFixture<SqliteApp>;

public sealed class ImportCommentsOnPostgres(PostgresApp app) : ImportCommentsTests(app), IClassFixture<PostgresApp>;
