using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Record;

/// <summary>
/// The verifiable log's state, one row: its size and the hashes of the complete subtrees its size decomposes into
/// (largest first). Every writer takes this row's lock last in its transaction, after its processes' rows, so leaves
/// follow commit order across processes, and the root of any size is a fold of at most 64 hashes.
/// </summary>
public sealed class RecordLogState
{
    public const int TheOne = 1;

    private RecordLogState()
    {
        Frontier = [];
    }

    public int Id { get; private set; }

    public long Size { get; private set; }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819", Justification = "A hash column mapped by EF Core.")]
    public byte[] Frontier { get; private set; }

    /// <summary>The frontier as separate hashes, largest subtree first.</summary>
    public List<byte[]> FrontierHashes() => Frontier.Chunk(MerkleLog.HashSize).ToList();

    public static byte[] Pack(IEnumerable<byte[]> frontier) => frontier.SelectMany(h => h).ToArray();
}

/// <summary>A complete subtree's hash (level 1 and up; leaves are on their entries), keyed by <see cref="KeyOf"/>.</summary>
public sealed class RecordLogNode
{
    private RecordLogNode()
    {
        Hash = [];
    }

    public RecordLogNode(int level, long index, byte[] hash)
    {
        Key = KeyOf(level, index);
        Hash = hash;
    }

    public long Key { get; private set; }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819", Justification = "A hash column mapped by EF Core.")]
    public byte[] Hash { get; private set; }

    /// <summary>One number for (level, index), so a proof's nodes are read with one IN query on the primary key.</summary>
    public static long KeyOf(int level, long index) => ((long)level << 48) | index;
}

/// <summary>
/// A signed tree head (RFC 6962 section 3.5): the log's size and root at a time, signed over
/// <see cref="TreeHeadSigning.SignedBytes"/>. Never changed; a new one is published only when it is consistent with the last.
/// </summary>
public sealed class RecordTreeHead
{
    private RecordTreeHead()
    {
        RootHash = [];
        Signature = [];
        KeyId = [];
    }

    public RecordTreeHead(long size, byte[] rootHash, long timestamp, byte[] keyId, byte[] signature)
    {
        Size = size;
        RootHash = rootHash;
        Timestamp = timestamp;
        KeyId = keyId;
        Signature = signature;
    }

    /// <summary>The number of leaves; one tree head per size.</summary>
    public long Size { get; private set; }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819", Justification = "A hash column mapped by EF Core.")]
    public byte[] RootHash { get; private set; }

    /// <summary>Milliseconds since the Unix epoch, as RFC 6962 signs it.</summary>
    public long Timestamp { get; private set; }

    /// <summary>SHA-256 of the signing key's public half (SubjectPublicKeyInfo, DER), as a CT log id.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819", Justification = "A hash column mapped by EF Core.")]
    public byte[] KeyId { get; private set; }

    /// <summary>ECDSA P-256 with SHA-256, DER-encoded.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819", Justification = "A signature column mapped by EF Core.")]
    public byte[] Signature { get; private set; }
}

/// <summary>
/// A participant's receipt: the log index of an entry their own submission created. Kept apart from the public
/// record, so an entry written anonymously (a secret ballot) names nobody in public while its author can still prove it is in the log.
/// </summary>
public sealed class RecordReceipt
{
    private RecordReceipt()
    {
        AccountId = "";
    }

    public RecordReceipt(string accountId, long logIndex, string action)
    {
        AccountId = accountId;
        LogIndex = logIndex;
        Action = action;
    }

    public string AccountId { get; private set; }

    public long LogIndex { get; private set; }

    public string Action { get; private set; } = "";
}

internal sealed class RecordLogMappings :
    IEntityTypeConfiguration<RecordLogState>,
    IEntityTypeConfiguration<RecordLogNode>,
    IEntityTypeConfiguration<RecordTreeHead>,
    IEntityTypeConfiguration<RecordReceipt>
{
    public void Configure(EntityTypeBuilder<RecordLogState> b)
    {
        b.ToTable("RecordLog");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new { Id = RecordLogState.TheOne, Size = 0L, Frontier = Array.Empty<byte>() });
    }

    public void Configure(EntityTypeBuilder<RecordLogNode> b)
    {
        b.ToTable("RecordLogNodes");
        b.HasKey(n => n.Key);
        b.Property(n => n.Key).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<RecordTreeHead> b)
    {
        b.ToTable("RecordTreeHeads");
        b.HasKey(h => h.Size);
        b.Property(h => h.Size).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<RecordReceipt> b)
    {
        b.ToTable("RecordReceipts");
        b.HasKey(r => new { r.AccountId, r.LogIndex });
        b.Property(r => r.Action).HasMaxLength(64);
        b.HasIndex(r => r.LogIndex);
    }
}
