using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Persistence;

/// <summary>
/// Gives record entries their places in their process's record. Moving <see cref="Processes.Process.Version"/> on
/// takes the process row's write lock until the transaction ends, so of two transactions the one that takes its
/// places first also commits first: places follow commit order, with no gaps, on both providers. A reader that sees
/// version N therefore sees every entry up to N committed, which is what read caches and a verifiable log need.
/// </summary>
public static class RecordPlaces
{
    /// <summary>
    /// Whether entries are appended to the verifiable log. Only the record-append benchmark turns it off (setting
    /// Record:Log=off), for its reference run of the same intake without the log; entries then get no leaf and no receipt.
    /// </summary>
    public static bool LogEnabled { get; set; } = true;

    /// <summary>Places the entries, in the order given, at the end of their processes' records; call last before the commit.</summary>
    public static async Task PlaceAsync(EqualFootingDb db, IReadOnlyList<RecordEntry> entries, CancellationToken ct)
    {
        foreach (var process in entries.Where(e => e.ProcessId is not null).GroupBy(e => e.ProcessId!.Value).OrderBy(g => g.Key))
        {
            var count = process.Count();
            await db.Processes.Where(p => p.Id == process.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + count), ct);
            var last = await db.Processes.Where(p => p.Id == process.Key).Select(p => p.Version).FirstAsync(ct);
            var next = last - count + 1;
            foreach (var entry in process)
            {
                entry.Place(next++);
            }
        }

        if (LogEnabled)
        {
            await LogAsync(db, entries, ct);
        }
    }

    /// <summary>
    /// Extends the verifiable log by the entries, in the order given: takes the log row's lock last (after every
    /// process row, so no two writers wait on each other in opposite orders), gives each entry the next leaf, and
    /// stores the complete subtrees the new leaves finish (one per leaf on average) with the new frontier. The cost
    /// is three small statements per transaction and one insert of the finished subtrees, whatever the log's size.
    /// </summary>
    private static async Task LogAsync(EqualFootingDb db, IReadOnlyList<RecordEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var count = entries.Count;
        await db.RecordLog.Where(l => l.Id == RecordLogState.TheOne)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Size, l => l.Size + count), ct);
        var state = await db.RecordLog.AsNoTracking().Where(l => l.Id == RecordLogState.TheOne)
            .Select(l => new { l.Size, l.Frontier }).FirstAsync(ct);
        var size = state.Size - count;
        var frontier = state.Frontier.Chunk(MerkleLog.HashSize).ToList();
        var nodes = new List<(long Key, byte[] Hash)>();
        foreach (var entry in entries)
        {
            entry.Log(size);
            MerkleLog.Append(frontier, size, entry.LeafHash!, (level, index, hash) => nodes.Add((RecordLogNode.KeyOf(level, index), hash)));
            size++;
        }

        var packed = RecordLogState.Pack(frontier);
        await db.RecordLog.Where(l => l.Id == RecordLogState.TheOne)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Frontier, packed), ct);
        if (nodes.Count > 0)
        {
            await InsertNodesAsync(db, nodes, ct);
        }
    }

    /// <summary>One multi-row insert per batch of finished subtrees, outside the change tracker (the comment intake saves its rows itself).</summary>
    private static Task InsertNodesAsync(EqualFootingDb db, List<(long Key, byte[] Hash)> nodes, CancellationToken ct) =>
        InsertRowsAsync(db, "\"RecordLogNodes\" (\"Key\", \"Hash\")", nodes.Select(n => new object[] { n.Key, n.Hash }), ct);

    /// <summary>
    /// Receipts for entries placed in this transaction, for a writer that stores its rows outside the change tracker
    /// (the comment intake); <see cref="RecordReceipt"/> explains what a receipt is.
    /// </summary>
    public static Task ReceiptsAsync(EqualFootingDb db, IReadOnlyList<(string AccountId, RecordEntry Entry)> receipts, CancellationToken ct) =>
        InsertRowsAsync(
            db,
            "\"RecordReceipts\" (\"AccountId\", \"LogIndex\", \"Action\")",
            receipts.Where(r => LogEnabled || r.Entry.LogIndex is not null).Select(r => new object[] { r.AccountId, r.Entry.LogIndex ?? throw new InvalidOperationException("A receipt is for an entry placed in the log."), r.Entry.Action }),
            ct);

    /// <summary>Rows of equal width, inserted a few hundred per statement, with every value a parameter.</summary>
    private static async Task InsertRowsAsync(EqualFootingDb db, string tableAndColumns, IEnumerable<object[]> rows, CancellationToken ct)
    {
        const int ParametersPerStatement = 900;
        foreach (var chunk in rows.Chunk(ParametersPerStatement / 3))
        {
            var sql = new System.Text.StringBuilder($"INSERT INTO {tableAndColumns} VALUES ");
            var parameters = new List<object>(chunk.Length * chunk[0].Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "(" : ", (");
                for (var j = 0; j < chunk[i].Length; j++)
                {
                    sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(j == 0 ? "" : ", ")}{{{parameters.Count}}}");
                    parameters.Add(chunk[i][j]);
                }

                sql.Append(')');
            }

            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        }
    }
}
