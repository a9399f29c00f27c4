using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EqualFooting.Record;

/// <summary>
/// What a tree head's signature covers, as RFC 6962 section 3.5 defines TreeHeadSignature: version v1 (0), signature
/// type tree_hash (1), the timestamp in milliseconds and the tree size as big-endian 64-bit numbers, then the
/// 32-byte root. Signed with ECDSA P-256 over SHA-256, DER-encoded (.NET 10's libraries have no Ed25519).
/// </summary>
public static class TreeHeadSigning
{
    public static byte[] SignedBytes(long timestamp, long size, ReadOnlySpan<byte> rootHash)
    {
        var bytes = new byte[2 + 8 + 8 + MerkleLog.HashSize];
        bytes[0] = 0;
        bytes[1] = 1;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(2), timestamp);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(10), size);
        rootHash.CopyTo(bytes.AsSpan(18));
        return bytes;
    }

    public static byte[] Sign(ECDsa key, long timestamp, long size, ReadOnlySpan<byte> rootHash) =>
        key.SignData(SignedBytes(timestamp, size, rootHash), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public static bool Verify(ECDsa publicKey, long timestamp, long size, ReadOnlySpan<byte> rootHash, byte[] signature) =>
        rootHash.Length == MerkleLog.HashSize &&
        publicKey.VerifyData(SignedBytes(timestamp, size, rootHash), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>The log's id: SHA-256 of the public key's SubjectPublicKeyInfo (DER), as Certificate Transparency names logs.</summary>
    public static byte[] KeyId(ECDsa key) => SHA256.HashData(key.ExportSubjectPublicKeyInfo());
}
