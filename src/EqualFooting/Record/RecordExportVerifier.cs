using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EqualFooting.Record;

/// <summary>What checking an export found: all holds (size and root), or the first line that fails and why.</summary>
public sealed record ExportVerification(bool Holds, long Size, byte[] Root, int TreeHeads, string? Failure)
{
    public static ExportVerification Fails(string failure) => new(false, 0, [], 0, failure);
}

/// <summary>
/// Checks an export of the record (JSON Lines: a header, entries in log order, tree heads) offline: every entry's
/// leaf hash, the indexes following 0, 1, 2… with no gap or repeat, every tree head's root against the entries, its
/// signature against the public key, and each tree head consistent with the one before. A tampered export fails
/// at the first line that shows it: a changed entry at its own line when its stored leaf hash was left as it was,
/// otherwise at the first tree head that covers it; a removed, repeated or moved entry at the index that breaks.
/// </summary>
public static class RecordExportVerifier
{
    /// <param name="publicKeyPem">The key published at the site's stable URL; when null, the key in the export's header is used (and the caller should say so).</param>
    public static ExportVerification Verify(IEnumerable<string> lines, string? publicKeyPem)
    {
        var tree = new Levels();
        string? headerKey = null;
        using var key = ECDsa.Create();
        var keyLoaded = false;
        RecordTreeHeadLine? previous = null;
        var heads = 0;
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(line);
                root = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return ExportVerification.Fails($"line {lineNumber}: not a JSON object.");
            }

            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "log":
                    headerKey = root.TryGetProperty("publicKey", out var pk) ? pk.GetString() : null;
                    break;

                case "entry":
                    if (heads > 0)
                    {
                        return ExportVerification.Fails($"line {lineNumber}: an entry after the tree heads (inserted).");
                    }

                    if (!root.TryGetProperty("index", out var ix) || !ix.TryGetInt64(out var index) || !root.TryGetProperty("entry", out var en) || en.GetString() is not { } entry)
                    {
                        return ExportVerification.Fails($"line {lineNumber}: an entry without an index or its text.");
                    }

                    if (index != tree.Size)
                    {
                        return ExportVerification.Fails(index > tree.Size
                            ? $"entry {tree.Size} is missing (line {lineNumber} holds entry {index}): removed or moved."
                            : $"line {lineNumber}: entry {index} appears again after entry {tree.Size - 1}: inserted or moved.");
                    }

                    var leaf = MerkleLog.LeafHash(Encoding.UTF8.GetBytes(entry));
                    if (root.TryGetProperty("leafHash", out var lh) && !SameBase64(lh.GetString(), leaf))
                    {
                        return ExportVerification.Fails($"entry {index} (line {lineNumber}) was changed: its text does not hash to its leaf hash.");
                    }

                    tree.Append(leaf);
                    break;

                case "treeHead":
                    heads++;
                    var head = RecordTreeHeadLine.Read(root);
                    if (head is null)
                    {
                        return ExportVerification.Fails($"line {lineNumber}: a tree head without its size, timestamp, root or signature.");
                    }

                    if (!keyLoaded)
                    {
                        var pem = publicKeyPem ?? headerKey;
                        if (pem is null)
                        {
                            return ExportVerification.Fails("no public key: give the one published by the site.");
                        }

                        try
                        {
                            key.ImportFromPem(pem);
                        }
                        catch (Exception e) when (e is ArgumentException or CryptographicException)
                        {
                            return ExportVerification.Fails($"the public key cannot be read: {e.Message}");
                        }

                        keyLoaded = true;
                    }

                    var name = $"tree head of size {head.Size} (line {lineNumber})";
                    if (head.Size < 1 || head.Size > tree.Size)
                    {
                        return ExportVerification.Fails($"{name} covers more entries than the export holds ({tree.Size}): entries were removed.");
                    }

                    if (!TreeHeadSigning.Verify(key, head.Timestamp, head.Size, head.Root, head.Signature))
                    {
                        return ExportVerification.Fails($"{name}: the signature does not verify with the public key.");
                    }

                    var computed = tree.Root(head.Size);
                    if (!computed.AsSpan().SequenceEqual(head.Root))
                    {
                        return ExportVerification.Fails($"{name} does not match the entries before it: an entry below index {head.Size} was changed, removed, inserted or moved.");
                    }

                    if (previous is not null)
                    {
                        if (head.Size <= previous.Size || head.Timestamp < previous.Timestamp)
                        {
                            return ExportVerification.Fails($"{name} does not come after the tree head of size {previous.Size}.");
                        }

                        var proof = MerkleLog.Consistency(previous.Size, head.Size, tree.Complete);
                        if (!MerkleLog.VerifyConsistency(previous.Size, head.Size, previous.Root, head.Root, proof))
                        {
                            return ExportVerification.Fails($"{name} is not consistent with the tree head of size {previous.Size}.");
                        }
                    }

                    previous = head;
                    break;

                default:
                    return ExportVerification.Fails($"line {lineNumber}: unknown line type.");
            }
        }

        if (previous is null)
        {
            return ExportVerification.Fails("the export has no tree head: nothing vouches for its entries.");
        }

        return new ExportVerification(true, tree.Size, tree.Root(tree.Size), heads, null);
    }

    private static bool SameBase64(string? text, byte[] hash)
    {
        try
        {
            return text is not null && Convert.FromBase64String(text).AsSpan().SequenceEqual(hash);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record RecordTreeHeadLine(long Size, long Timestamp, byte[] Root, byte[] Signature)
    {
        public static RecordTreeHeadLine? Read(JsonElement e)
        {
            try
            {
                return e.TryGetProperty("treeSize", out var s) && s.TryGetInt64(out var size)
                    && e.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var timestamp)
                    && e.TryGetProperty("rootHash", out var r) && r.GetString() is { } root
                    && e.TryGetProperty("signature", out var g) && g.GetString() is { } signature
                        ? new RecordTreeHeadLine(size, timestamp, Convert.FromBase64String(root), Convert.FromBase64String(signature))
                        : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    /// <summary>Every complete subtree of the leaves read so far, level by level, so roots and proofs of any size are O(log n).</summary>
    private sealed class Levels
    {
        private readonly List<List<byte[]>> _levels = [[]];

        public long Size => _levels[0].Count;

        public void Append(byte[] leaf)
        {
            _levels[0].Add(leaf);
            var node = leaf;
            var index = (long)_levels[0].Count - 1;
            for (var level = 0; (index & 1) == 1; level++)
            {
                node = MerkleLog.NodeHash(_levels[level][(int)index - 1], node);
                index >>= 1;
                if (_levels.Count == level + 1)
                {
                    _levels.Add([]);
                }

                _levels[level + 1].Add(node);
            }
        }

        public byte[] Complete(int level, long index) => _levels[level][(int)index];

        public byte[] Root(long size) => size == 0 ? MerkleLog.EmptyRoot() : MerkleLog.Subtree(0, size, Complete);
    }
}
