using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Persistence;
using EqualFooting.Record;
using EqualFooting.Web.Record;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests.Record;

/// <summary>The verifiable record end to end: leaves in the write path, signed tree heads, proofs, receipts, the export and its verification.</summary>
public abstract class RecordLogTests(AppFactory app)
{
    private async Task<(HttpClient Participant, long CommentId)> CommentAsync(string text = "The draft should name the technical community.")
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var consultation = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = "First paragraph.",
        })).JsonAsync(HttpStatusCode.Created);
        var (participant, _) = await app.SignedInAsync();
        await (await participant.JoinAsync(process, "Technical community", "Europe")).JsonAsync(HttpStatusCode.Created);
        var comment = await (await participant.PostAsJsonAsync($"/api/consultations/{consultation.Id()}/comments", new { text })).JsonAsync(HttpStatusCode.Created);
        return (participant, comment.GetProperty("id").GetInt64());
    }

    private async Task<RecordTreeHead> PublishAsync()
    {
        var (outcome, head) = await app.Services.GetRequiredService<TreeHeadPublisher>().PublishAsync(CancellationToken.None);
        Assert.NotEqual(Publication.Refused, outcome);
        return head!;
    }

    private static byte[] B(JsonElement e, string property) => Convert.FromBase64String(e.GetProperty(property).GetString()!);

    [Fact]
    public async Task Every_entry_is_a_leaf_in_commit_order_and_its_inclusion_proof_verifies_against_a_signed_tree_head()
    {
        await CommentAsync();
        var head = await PublishAsync();
        var pem = await app.Anonymous().GetStringAsync(RecordLogEndpoints.PublicKeyUrl);
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(pem);
        var latest = await (await app.Anonymous().GetAsync("/api/record/tree-heads/latest")).JsonAsync(HttpStatusCode.OK);
        Assert.True(latest.GetProperty("treeSize").GetInt64() >= head.Size);
        Assert.True(TreeHeadSigning.Verify(key, latest.GetProperty("timestamp").GetInt64(), latest.GetProperty("treeSize").GetInt64(), B(latest, "rootHash"), B(latest, "signature")));

        var size = latest.GetProperty("treeSize").GetInt64();
        var indexes = await app.WithDbAsync(db => db.Record.Where(r => r.LogIndex < size).Select(r => r.LogIndex!.Value).ToListAsync());
        Assert.Equal(Enumerable.Range(0, (int)size).Select(i => (long)i), indexes.Order());
        foreach (var index in new[] { 0, size / 2, size - 1 })
        {
            var proof = await (await app.Anonymous().GetAsync($"/api/record/proofs/inclusion?index={index}&treeSize={size}")).JsonAsync(HttpStatusCode.OK);
            var leaf = MerkleLog.LeafHash(System.Text.Encoding.UTF8.GetBytes(proof.GetProperty("entry").GetString()!));
            Assert.Equal(leaf, B(proof, "leafHash"));
            var path = proof.GetProperty("auditPath").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
            Assert.True(MerkleLog.VerifyInclusion(index, size, leaf, path, B(latest, "rootHash")));
        }
    }

    [Fact]
    public async Task Later_tree_heads_are_consistent_with_earlier_ones()
    {
        await CommentAsync();
        var first = await PublishAsync();
        await CommentAsync("A second comment, for a later tree head.");
        var second = await PublishAsync();
        Assert.True(second.Size > first.Size);

        var proof = await (await app.Anonymous().GetAsync($"/api/record/proofs/consistency?first={first.Size}&second={second.Size}")).JsonAsync(HttpStatusCode.OK);
        var path = proof.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        Assert.True(MerkleLog.VerifyConsistency(first.Size, second.Size, first.RootHash, second.RootHash, path));
    }

    [Theory]
    [InlineData("/api/record/proofs/inclusion?index=abc", "index")]
    [InlineData("/api/record/proofs/inclusion?index=-1", "index")]
    [InlineData("/api/record/proofs/inclusion", "index")]
    [InlineData("/api/record/proofs/inclusion?index=0&treeSize=999999999", "treeSize")]
    [InlineData("/api/record/proofs/inclusion?index=999999999", "index")]
    [InlineData("/api/record/proofs/consistency?first=x&second=1", "first")]
    [InlineData("/api/record/proofs/consistency?first=1&second=999999999", "second")]
    [InlineData("/api/record/proofs/consistency?first=0", "first")]
    [InlineData("/api/record/tree-heads?limit=0", "limit")]
    [InlineData("/api/record/tree-heads?after=soon", "after")]
    [InlineData("/api/record/receipts/abc", "index")]
    public async Task Malformed_proof_requests_and_sizes_beyond_the_log_answer_400_naming_the_parameter(string url, string field)
    {
        var (participant, _) = await CommentAsync();
        await PublishAsync();

        await (await participant.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_author_downloads_a_receipt_for_their_comment_and_nobody_else_can()
    {
        var (participant, _) = await CommentAsync();
        var receipts = await (await participant.GetAsync("/api/record/receipts")).JsonAsync(HttpStatusCode.OK);
        var line = Assert.Single(receipts.EnumerateArray());
        Assert.Equal("comment.submitted", line.GetProperty("action").GetString());
        var index = line.GetProperty("leafIndex").GetInt64();

        var head = await PublishAsync();
        var response = await participant.GetAsync($"/api/record/receipts/{index}");
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var receipt = await response.JsonAsync(HttpStatusCode.OK);
        var path = receipt.GetProperty("auditPath").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        var treeHead = receipt.GetProperty("treeHead");
        Assert.True(MerkleLog.VerifyInclusion(index, treeHead.GetProperty("treeSize").GetInt64(), B(receipt, "leafHash"), path, B(treeHead, "rootHash")));
        Assert.DoesNotContain("@", receipt.GetProperty("entry").GetString()!);

        var (stranger, _) = await app.SignedInAsync();
        await (await stranger.GetAsync($"/api/record/receipts/{index}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync($"/api/record/receipts/{index}")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Anonymous().GetAsync("/api/record/receipts")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(head.Size > index);
    }

    [Fact]
    public async Task A_fresh_export_verifies_and_each_kind_of_tampering_is_named()
    {
        await CommentAsync();
        await PublishAsync();
        await CommentAsync("Another comment.");
        await PublishAsync();
        var lines = (await app.Anonymous().GetStringAsync("/api/record/export")).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var pem = await app.Anonymous().GetStringAsync(RecordLogEndpoints.PublicKeyUrl);

        var fresh = RecordExportVerifier.Verify(lines, pem);
        Assert.True(fresh.Holds, fresh.Failure);
        var size = await app.WithDbAsync(db => db.RecordLog.Select(l => l.Size).FirstAsync());
        Assert.True(fresh.Size <= size && fresh.Size > 3);

        var entries = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains("\"type\":\"entry\"", StringComparison.Ordinal)).Select(x => x.i).ToList();
        var victim = entries[2];

        // Changed, with its leaf hash left: named at its own line.
        var changed = lines.ToList();
        changed[victim] = changed[victim].Replace("\\\"v\\\":2", "\\\"v\\\":3", StringComparison.Ordinal);
        Assert.NotEqual(lines[victim], changed[victim]);
        Assert.Contains("entry 2 ", RecordExportVerifier.Verify(changed, pem).Failure);

        // Changed with its leaf hash recomputed: the first tree head covering it fails.
        var rehashed = changed.ToList();
        using (var doc = JsonDocument.Parse(rehashed[victim]))
        {
            var text = doc.RootElement.GetProperty("entry").GetString()!;
            rehashed[victim] = CanonicalJson.Write(new Dictionary<string, object?> { ["type"] = "entry", ["index"] = 2, ["leafHash"] = Convert.ToBase64String(MerkleLog.LeafHash(System.Text.Encoding.UTF8.GetBytes(text))), ["entry"] = text });
        }

        Assert.Contains("tree head of size", RecordExportVerifier.Verify(rehashed, pem).Failure);

        var removed = lines.Where((_, i) => i != victim).ToList();
        Assert.Contains("entry 2 is missing", RecordExportVerifier.Verify(removed, pem).Failure);

        var reordered = lines.ToList();
        (reordered[victim], reordered[victim + 1]) = (reordered[victim + 1], reordered[victim]);
        Assert.Contains("entry 2 is missing", RecordExportVerifier.Verify(reordered, pem).Failure);

        var inserted = lines.ToList();
        inserted.Insert(victim + 1, lines[victim]);
        Assert.Contains("entry 2 appears again", RecordExportVerifier.Verify(inserted, pem).Failure);

        // A tree head signed by another key.
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        Assert.Contains("signature does not verify", RecordExportVerifier.Verify(lines, other.ExportSubjectPublicKeyInfoPem()).Failure);
    }

    [Fact]
    public async Task The_verify_record_command_exits_0_on_a_fresh_export_and_1_on_a_changed_entry()
    {
        await CommentAsync();
        await PublishAsync();
        var export = await app.Anonymous().GetStringAsync("/api/record/export");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, export);
            Assert.Equal(0, await VerifyRecordCommand.RunAsync([file]));
            var lines = export.Split('\n').ToList();
            var victim = lines.FindIndex(l => l.Contains("\"index\":1,", StringComparison.Ordinal));
            lines[victim] = lines[victim].Replace("\\\"v\\\":2", "\\\"v\\\":9", StringComparison.Ordinal);
            await File.WriteAllLinesAsync(file, lines);
            Assert.Equal(1, await VerifyRecordCommand.RunAsync([file]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task After_a_restart_tree_heads_stay_consistent_and_a_rewritten_log_is_never_signed()
    {
        // A database of its own: this test rewrites history, which must not reach the other tests' log.
        await using var first = new Fresh(app.Provider);
        var (admin, _) = await first.AdministratorAsync();
        await admin.CreateProcessAsync();
        var (published, before) = await first.Services.GetRequiredService<TreeHeadPublisher>().PublishAsync(CancellationToken.None);
        Assert.NotEqual(Publication.Refused, published);

        // A second app on the same database and key: the log and its latest tree head carry over.
        await using var restarted = new Restarted(first);
        var (participant, _) = await restarted.SignedInAsync();
        await (await participant.GetAsync("/api/record/receipts")).JsonAsync(HttpStatusCode.OK);
        var publisher = restarted.Services.GetRequiredService<TreeHeadPublisher>();
        var (outcome, after) = await publisher.PublishAsync(CancellationToken.None);
        Assert.Equal(Publication.Published, outcome);
        var proof = await (await restarted.Anonymous().GetAsync($"/api/record/proofs/consistency?first={before!.Size}&second={after!.Size}")).JsonAsync(HttpStatusCode.OK);
        Assert.True(MerkleLog.VerifyConsistency(before.Size, after.Size, before.RootHash, after.RootHash, proof.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList()));
        Assert.Equal(await first.Anonymous().GetStringAsync(RecordLogEndpoints.PublicKeyUrl), await restarted.Anonymous().GetStringAsync(RecordLogEndpoints.PublicKeyUrl));

        // Someone with the database rewrites history under a signed tree head, keeping the stored tree coherent (its
        // largest complete subtree and the frontier agree), and more entries arrive.
        await restarted.SignedInAsync();
        await restarted.WithDbAsync(async db =>
        {
            var state = await db.RecordLog.AsNoTracking().FirstAsync();
            var (level, index) = MerkleLog.FrontierKeys(state.Size).First();
            Assert.True(level >= 1);
            var forged = new byte[32];
            var frontier = forged.Concat(state.Frontier.Skip(32)).ToArray();
            await db.RecordLogNodes.Where(n => n.Key == RecordLogNode.KeyOf(level, index)).ExecuteUpdateAsync(s => s.SetProperty(n => n.Hash, forged));
            return await db.RecordLog.ExecuteUpdateAsync(s => s.SetProperty(l => l.Frontier, frontier));
        });
        var (refused, latest) = await publisher.PublishAsync(CancellationToken.None);
        Assert.Equal(Publication.Refused, refused);
        Assert.Equal(after.Size, latest!.Size);
        Assert.Equal(after.Size, await restarted.WithDbAsync(db => db.RecordTreeHeads.MaxAsync(h => h.Size)));
    }

    [Fact]
    public void An_unwritable_key_path_stops_the_start_with_its_reason()
    {
        using var broken = new UnwritableKey(app);
        var error = Assert.ThrowsAny<Exception>(() => broken.Services);
        Assert.Contains("Record:SigningKeyPath", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Publishes only when the test asks: the timer's first round, at start, raced the test's own call under load.</summary>
    private sealed class Fresh(DatabaseProvider provider) : AppFactory(provider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Record:TreeHeadSeconds", "0");
        }
    }

    private sealed class Restarted(AppFactory first) : AppFactory(first.Provider, first.ConnectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Record:SigningKeyPath", first.SigningKeyPath);
            builder.UseSetting("Record:TreeHeadSeconds", "0");
        }
    }

    private sealed class UnwritableKey(AppFactory first) : AppFactory(first.Provider, first.ConnectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Record:SigningKeyPath", "/proc/equalfooting/key.pem");
        }
    }
}

public sealed class RecordLogOnSqlite(SqliteApp app) : RecordLogTests(app), IClassFixture<SqliteApp>;

public sealed class RecordLogOnPostgres(PostgresApp app) : RecordLogTests(app), IClassFixture<PostgresApp>;
