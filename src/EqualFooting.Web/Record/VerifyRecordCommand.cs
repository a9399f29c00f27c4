using EqualFooting.Record;

namespace EqualFooting.Web.Record;

/// <summary><c>verify-record FILE [--public-key PEM-FILE]</c>: checks an export of the record offline.</summary>
public static class VerifyRecordCommand
{
    public const string Usage =
        "verify-record FILE [--public-key PEM-FILE]\n" +
        "                        check an export of /api/record/export offline: every entry's hash, every tree head's\n" +
        "                        root and signature, and consistency between tree heads; exit 0 and print the size and\n" +
        "                        root when all holds, exit 1 naming the first entry or tree head that fails";

    public static async Task<int> RunAsync(string[] args)
    {
        var keyAt = Array.IndexOf(args, "--public-key");
        var file = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (keyAt < 0 || i != keyAt + 1)).FirstOrDefault();
        if (file is null || (keyAt >= 0 && keyAt + 1 >= args.Length))
        {
            await Console.Error.WriteLineAsync("usage: " + Usage);
            return 2;
        }

        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"No file at {file}.");
            return 2;
        }

        string? key = null;
        if (keyAt >= 0)
        {
            key = await File.ReadAllTextAsync(args[keyAt + 1]);
        }
        else
        {
            Console.WriteLine("Using the public key inside the export: compare it with the one the site publishes at " + RecordLogEndpoints.PublicKeyUrl + ", or pass --public-key.");
        }

        var result = RecordExportVerifier.Verify(File.ReadLines(file), key);
        if (!result.Holds)
        {
            await Console.Error.WriteLineAsync("FAILED: " + result.Failure);
            return 1;
        }

        Console.WriteLine($"OK: {result.Size} entries, {result.TreeHeads} tree heads; size {result.Size}, root {Convert.ToHexStringLower(result.Root)}");
        return 0;
    }
}
