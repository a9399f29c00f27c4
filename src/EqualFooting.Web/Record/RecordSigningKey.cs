using System.Security.Cryptography;
using EqualFooting.Record;

namespace EqualFooting.Web.Record;

/// <summary>
/// The key that signs tree heads, kept outside the database in a PEM file (PKCS#8) at <c>Record:SigningKeyPath</c>
/// (default <c>data/record-signing-key.pem</c> under the content root): generated on the first start, read on every
/// later one. Anyone who can write the database still cannot sign a rewritten history without this file. Keep it
/// in the backups, apart from the database; lose it and new tree heads are signed by a new key readers must be told of.
/// </summary>
public sealed class RecordSigningKey : IDisposable
{
    public const string DefaultPath = "data/record-signing-key.pem";

    private readonly ECDsa _key;

    public RecordSigningKey(IConfiguration configuration, IWebHostEnvironment environment, ILogger<RecordSigningKey> logger)
    {
        var configured = configuration["Record:SigningKeyPath"];
        Path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured, environment.ContentRootPath);
        _key = LoadOrCreate(Path, logger);
        PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        KeyId = TreeHeadSigning.KeyId(_key);
    }

    public string Path { get; }

    /// <summary>The public half, as served at /api/record/public-key.</summary>
    public string PublicKeyPem { get; }

    public byte[] KeyId { get; }

    public byte[] Sign(long timestamp, long size, byte[] root) => TreeHeadSigning.Sign(_key, timestamp, size, root);

    public bool Verify(long timestamp, long size, byte[] root, byte[] signature) => TreeHeadSigning.Verify(_key, timestamp, size, root, signature);

    private static ECDsa LoadOrCreate(string path, ILogger logger)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            try
            {
                key.ImportFromPem(File.ReadAllText(path));
                return key;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                key.Dispose();
                throw new InvalidOperationException($"The record's signing key at {path} (Record:SigningKeyPath) cannot be read as an ECDSA P-256 private key in PEM: {e.Message}", e);
            }
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new StreamWriter(path, System.Text.Encoding.ASCII, options))
            {
                file.Write(key.ExportPkcs8PrivateKeyPem());
            }

            // Information, not a warning: on a first start it is expected, and a newcomer reads a warning as breakage.
            logger.LogInformation("Generated the record's signing key at {Path}. Back it up apart from the database: it signs the record's tree heads.", path);
            return key;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            key.Dispose();
            throw new InvalidOperationException($"The record's signing key does not exist and cannot be written at {path}: {e.Message}. Set Record:SigningKeyPath to a writable file path, or place an ECDSA P-256 private key (PKCS#8 PEM) there.", e);
        }
    }

    public void Dispose() => _key.Dispose();
}
