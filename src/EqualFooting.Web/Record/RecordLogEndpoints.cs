using System.Globalization;
using System.Text.Json;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Record;

/// <summary>A receipt as a participant downloads it: the entry, its leaf, and its inclusion proof once a tree head covers it.</summary>
public sealed record ReceiptDto(long LeafIndex, string Action, string Entry, string LeafHash, TreeHeadDto? TreeHead, IReadOnlyList<string>? AuditPath, string PublicKeyUrl);

public sealed record ReceiptLine(long LeafIndex, string Action, DateTimeOffset At, int? ProcessId);

/// <summary>The verifiable log's API: public key, tree heads, proofs, the export, and a participant's receipts.</summary>
public static class RecordLogEndpoints
{
    public const string PublicKeyUrl = "/api/record/public-key";

    public static void MapRecordLogEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/record").WithTags("Record");

        api.MapGet("/public-key", (RecordSigningKey key) => Results.Text(key.PublicKeyPem, "application/x-pem-file"))
            .WithName("RecordPublicKey")
            .WithSummary("The public key (ECDSA P-256, PEM) that verifies the record's signed tree heads");

        api.MapGet("/tree-heads/latest", async (RecordLog log, CancellationToken ct) =>
                await log.LatestHeadAsync(ct) is { } head
                    ? Results.Ok(TreeHeadDto.Of(head))
                    : Problems.ToResult(Error.NotFound("No tree head has been published yet.")))
            .WithName("LatestTreeHead")
            .Produces<TreeHeadDto>()
            .WithSummary("The latest signed tree head of the record's Merkle log")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/tree-heads", async (string? after, string? limit, EqualFootingDb db, CancellationToken ct) =>
            {
                var from = ParseSize(after, "after", 0);
                var take = ParseSize(limit, "limit", 100);
                if ((from.Error ?? take.Error) is { } bad)
                {
                    return Problems.ToResult(bad);
                }

                if (take.Value is < 1 or > 1000)
                {
                    return Problems.ToResult(Error.Invalid("limit", "The limit must be between 1 and 1000."));
                }

                var heads = await db.RecordTreeHeads.AsNoTracking().Where(h => h.Size > from.Value).OrderBy(h => h.Size).Take((int)take.Value).ToListAsync(ct);
                return Results.Ok(heads.Select(TreeHeadDto.Of));
            })
            .WithName("TreeHeads")
            .Produces<List<TreeHeadDto>>()
            .WithSummary("Signed tree heads in order of size, after a given size")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/proofs/inclusion", async (string? index, string? treeSize, RecordLog log, CancellationToken ct) =>
            {
                var leaf = ParseSize(index, "index", null);
                var size = ParseSize(treeSize, "treeSize", -1);
                if ((leaf.Error ?? size.Error) is { } bad)
                {
                    return Problems.ToResult(bad);
                }

                var proof = await log.InclusionAsync(leaf.Value, size.Value < 0 ? null : size.Value, ct);
                return proof.Error is { } error ? Problems.ToResult(error) : Results.Ok(proof.Value);
            })
            .WithName("InclusionProof")
            .Produces<InclusionProofDto>()
            .WithSummary("Proof that the entry at a leaf index is in the tree of a signed size (the latest when treeSize is left out)")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/proofs/consistency", async (string? first, string? second, RecordLog log, CancellationToken ct) =>
            {
                var from = ParseSize(first, "first", null);
                var to = ParseSize(second, "second", -1);
                if ((from.Error ?? to.Error) is { } bad)
                {
                    return Problems.ToResult(bad);
                }

                var proof = await log.ConsistencyAsync(from.Value, to.Value < 0 ? null : to.Value, ct);
                return proof.Error is { } error ? Problems.ToResult(error) : Results.Ok(proof.Value);
            })
            .WithName("ConsistencyProof")
            .Produces<ConsistencyProofDto>()
            .WithSummary("Proof that the tree of the second size extends the tree of the first (the latest when second is left out)")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/export", (HttpContext http, EqualFootingDb db, RecordSigningKey key, CancellationToken ct) => ExportAsync(http, db, key, ct))
            .WithName("RecordExport")
            .WithSummary("The whole public record as JSON Lines: a header with the public key, every entry in log order, then every tree head")
            .Produces(StatusCodes.Status200OK, contentType: "application/jsonl");

        api.MapGet("/receipts", async (Actors actors, EqualFootingDb db, CancellationToken ct) =>
            {
                if (actors.AccountId is not { } account)
                {
                    return Problems.ToResult(Error.Unauthenticated());
                }

                var receipts = await db.RecordReceipts.AsNoTracking().Where(r => r.AccountId == account)
                    .Join(db.Record, r => r.LogIndex, e => e.LogIndex, (r, e) => new { r.LogIndex, r.Action, e.At, e.ProcessId })
                    .OrderByDescending(r => r.LogIndex).Take(500).ToListAsync(ct);
                return Results.Ok(receipts.Select(r => new ReceiptLine(r.LogIndex, r.Action, r.At, r.ProcessId)));
            })
            .WithName("MyReceipts")
            .Produces<List<ReceiptLine>>()
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount())
            .WithSummary("The signed-in participant's receipts: record entries their own submissions created")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/receipts/{index}", async (string index, Actors actors, EqualFootingDb db, RecordLog log, CancellationToken ct) =>
            {
                var receipt = await ReceiptAsync(index, actors, db, log, ct);
                return receipt.Error is { } error
                    ? Problems.ToResult(error)
                    : Results.File(JsonSerializer.SerializeToUtf8Bytes(receipt.Value, JsonSerializerOptions.Web), "application/json", $"receipt-{receipt.Value.LeafIndex}.json");
            })
            .WithName("Receipt")
            .Produces<ReceiptDto>()
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount())
            .WithSummary("Download a receipt: the entry, its leaf index and, once a tree head covers it, its inclusion proof")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Result<ReceiptDto>> ReceiptAsync(string index, Actors actors, EqualFootingDb db, RecordLog log, CancellationToken ct)
    {
        if (actors.AccountId is not { } account)
        {
            return Error.Unauthenticated();
        }

        var leaf = ParseSize(index, "index", null);
        if (leaf.Error is { } bad)
        {
            return bad;
        }

        // Someone else's receipt reads as missing: whether an index is yours is nobody else's business.
        var mine = await db.RecordReceipts.AnyAsync(r => r.AccountId == account && r.LogIndex == leaf.Value, ct);
        if (!mine)
        {
            return Error.NotFound("You have no receipt for this entry.");
        }

        var entry = await db.Record.AsNoTracking().Where(r => r.LogIndex == leaf.Value).Select(r => new { r.Action, r.Entry, r.LeafHash }).FirstAsync(ct);
        var head = await log.LatestHeadAsync(ct);
        IReadOnlyList<string>? path = null;
        if (head is not null && head.Size > leaf.Value)
        {
            path = (await log.InclusionAsync(leaf.Value, head.Size, ct)).Value.AuditPath;
        }

        return new ReceiptDto(leaf.Value, entry.Action, entry.Entry, Convert.ToBase64String(entry.LeafHash!), head is not null && path is not null ? TreeHeadDto.Of(head) : null, path, PublicKeyUrl);
    }

    /// <summary>A non-negative whole number from the query, or an error naming the parameter; <paramref name="fallback"/> when absent (null: required).</summary>
    private static Result<long> ParseSize(string? value, string field, long? fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback is { } f ? f : Error.Invalid(field, $"{field} is required.");
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : Error.Invalid(field, $"{field} must be a whole number, 0 or more.");
    }

    /// <summary>
    /// Streams the log in pages of its own order, up to the size it had when the export began (a prefix with no
    /// gaps, since leaves follow commit order), then the tree heads that size covers.
    /// </summary>
    private static async Task ExportAsync(HttpContext http, EqualFootingDb db, RecordSigningKey key, CancellationToken ct)
    {
        var size = await db.RecordLog.AsNoTracking().Where(l => l.Id == RecordLogState.TheOne).Select(l => l.Size).FirstAsync(ct);
        http.Response.ContentType = "application/jsonl; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=record.jsonl";
        var body = http.Response.BodyWriter.AsStream();
        await WriteLineAsync(body, new Dictionary<string, object?>
        {
            ["type"] = "log",
            ["size"] = size,
            ["hash"] = "SHA-256, RFC 9162 (leaf 0x00, node 0x01)",
            ["signature"] = "ECDSA P-256 SHA-256 (DER) over RFC 6962 TreeHeadSignature",
            ["keyId"] = Convert.ToBase64String(key.KeyId),
            ["publicKey"] = key.PublicKeyPem,
        }, ct);

        const int Page = 2000;
        for (long next = 0; next < size; next += Page)
        {
            var from = next;
            var to = Math.Min(size, next + Page);
            var page = await db.Record.AsNoTracking().Where(r => r.LogIndex >= from && r.LogIndex < to).OrderBy(r => r.LogIndex)
                .Select(r => new { r.LogIndex, r.LeafHash, r.Entry }).ToListAsync(ct);
            foreach (var e in page)
            {
                await WriteLineAsync(body, new Dictionary<string, object?>
                {
                    ["type"] = "entry",
                    ["index"] = e.LogIndex,
                    ["leafHash"] = Convert.ToBase64String(e.LeafHash!),
                    ["entry"] = e.Entry,
                }, ct);
            }

            await body.FlushAsync(ct);
        }

        var heads = await db.RecordTreeHeads.AsNoTracking().Where(h => h.Size <= size).OrderBy(h => h.Size).ToListAsync(ct);
        foreach (var head in heads)
        {
            var dto = TreeHeadDto.Of(head);
            await WriteLineAsync(body, new Dictionary<string, object?>
            {
                ["type"] = "treeHead",
                ["treeSize"] = dto.TreeSize,
                ["timestamp"] = dto.Timestamp,
                ["rootHash"] = dto.RootHash,
                ["keyId"] = dto.KeyId,
                ["signature"] = dto.Signature,
            }, ct);
        }

        await body.FlushAsync(ct);
    }

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private static async Task WriteLineAsync(Stream body, Dictionary<string, object?> line, CancellationToken ct)
    {
        await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(CanonicalJson.Write(line)), ct);
        await body.WriteAsync(NewLine, ct);
    }
}
