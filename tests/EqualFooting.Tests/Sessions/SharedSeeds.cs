namespace EqualFooting.Tests.Sessions;

/// <summary>
/// The real transcripts in <c>../shared/seeds</c>, beside the repository on a developer's machine and absent from a
/// fresh clone. The suite never needs them: tests that read them are marked <see cref="SeedsFactAttribute"/> or
/// <see cref="SeedsTheoryAttribute"/> and are reported as skipped, with the reason, when the folder is not there.
/// </summary>
internal static class SharedSeeds
{
    public const string Missing =
        "../shared/seeds is not beside the repository; this test checks the parser against those real transcripts and runs only where they are present.";

    private static readonly Lazy<string?> Folder = new(Find);

    /// <summary>The seeds folder, or null when there is none beside the repository.</summary>
    public static string? Directory => Folder.Value;

    public static string PathOf(string file) =>
        Path.Combine(Directory ?? throw new InvalidOperationException(Missing), file);

    /// <summary>The repository is the nearest folder above the test binaries holding the solution file.</summary>
    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EqualFooting.slnx")))
            {
                var seeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "seeds"));
                return System.IO.Directory.Exists(seeds) ? seeds : null;
            }
        }

        return null;
    }
}

/// <summary>A fact about the real transcripts in <c>../shared/seeds</c>: skipped, with the reason, when they are absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SeedsFactAttribute : FactAttribute
{
    public SeedsFactAttribute()
    {
        if (SharedSeeds.Directory is null)
        {
            Skip = SharedSeeds.Missing;
        }
    }
}

/// <summary>A theory about the real transcripts in <c>../shared/seeds</c>: skipped, with the reason, when they are absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SeedsTheoryAttribute : TheoryAttribute
{
    public SeedsTheoryAttribute()
    {
        if (SharedSeeds.Directory is null)
        {
            Skip = SharedSeeds.Missing;
        }
    }
}
