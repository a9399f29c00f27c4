using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Web.Record;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Localisation;

/// <summary>
/// Guards the translations: every key the web project passes to <c>L[...]</c>, literal or computed, has a Spanish,
/// French and Portuguese translation with the same placeholders, and a page really renders in the asked language.
/// </summary>
public sealed partial class TranslationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string BaseName = "EqualFooting.Web.Resources.SharedResource";

    public static readonly TheoryData<string> Cultures = new() { "es", "fr", "pt" };

    /// <summary>Translations that are rightly spelled as in English.</summary>
    private static readonly HashSet<(string Culture, string Key)> SameAsEnglish =
    [
        ("es", "Roles"),
        ("es", "Total"),
        ("fr", "Action"),
        ("fr", "Administration"),
        ("fr", "Actions"),
        ("fr", "Description"),
        ("fr", "Interventions"),
        ("fr", "Organisation"),
        ("fr", "Consultation"),
        ("fr", "Consultations"),
        ("fr", "Pages"),
        ("fr", "Participants"),
        ("fr", "Rapporteur"),
        ("fr", "Total"),
        ("fr", "Version"),
        ("fr", "{0} participants"),
        ("fr", "{0} participant"),
        ("fr", "{0} intervention"),
        ("fr", "{0} interventions"),
        ("pt", "Total"),
        ("fr", "Budget"),
        ("fr", "Format"),
        ("fr", "Hub"),
        ("fr", "Participant"),
        ("pt", "Hub"),
        ("fr", "Conversations"),
        ("es", "No"),
        ("fr", "Ratification"),
        ("fr", "Versions"),
        ("fr", "Version {0}"),
    ];

    /// <summary>
    /// The non-literal arguments of <c>L[...]</c> in the views, each standing for keys listed in <see cref="ComputedKeys"/>.
    /// A new one fails <see cref="Every_computed_key_is_known"/> until its possible values are added there.
    /// </summary>
    private static readonly HashSet<string> KnownComputedArguments =
    [
        "p.Status.ToString()",
        "s.ToString()",
        "r.Role.ToString()",
        "role.ToString()",
        "line.Phrase",
        "DispositionText.Of(d.Disposition)",
        "DispositionText.Of(d)",
        "DispositionText.NotYetDisposed",
        "part.Label",
        "seg.Label",
        "DispositionText.Of(e.Disposition)",
    ];

    private static IEnumerable<string> ComputedKeys =>
        Enum.GetNames<ProcessStatus>()
            .Concat(Enum.GetNames<ProcessRole>())
            .Concat(DeclaredRecordActions().Select(a => a.Phrase))
            .Concat(EqualFooting.Web.Consultations.DispositionText.All)
            .Concat(EqualFooting.Web.Decisions.DecisionText.All);

    /// <summary>Every record action a feature declares (a static field of its record class), found by reflection.</summary>
    internal static IEnumerable<EqualFooting.Record.RecordAction> DeclaredRecordActions() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(f => typeof(EqualFooting.Record.RecordAction).IsAssignableFrom(f.FieldType))
            .Select(f => (EqualFooting.Record.RecordAction)f.GetValue(null)!);

    private static readonly Lazy<IReadOnlyList<UseOfL>> Uses = new(FindUses);

    private static SortedSet<string> AllKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        keys.UnionWith(Uses.Value.Where(u => u.Literal).Select(u => u.Argument));
        keys.UnionWith(ComputedKeys);
        return keys;
    }

    [Fact]
    public void The_key_scan_finds_the_views()
    {
        var literal = Uses.Value.Where(u => u.Literal).Select(u => u.Argument).ToHashSet();

        Assert.Contains("Processes", literal);
        Assert.Contains("{0} participants, page {1} of {2}", literal);
        Assert.Contains("Choose…", literal);
        Assert.Contains("{0} comment", literal); // the singular of L.Plural("{0} comment", "{0} comments", n)
        Assert.True(literal.Count > 50, $"Only {literal.Count} literal keys found; is the scan looking in the right place?");
    }

    [Fact]
    public void Every_computed_key_is_known()
    {
        var unknown = Uses.Value
            .Where(u => !u.Literal && !KnownComputedArguments.Contains(u.Argument))
            .Select(u => $"{u.File}: L[{u.Argument}]")
            .ToList();

        Assert.True(unknown.Count == 0,
            "These L[...] keys are computed at run time; add the expression to KnownComputedArguments and its possible values to ComputedKeys:\n"
            + string.Join("\n", unknown));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_key_has_a_translation(string culture)
    {
        var translations = Translations(culture);
        var problems = new List<string>();
        foreach (var key in AllKeys())
        {
            if (!translations.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"missing: \"{key}\"");
            }
            else if (value == key && !SameAsEnglish.Contains((culture, key)))
            {
                problems.Add($"same as English (translate it, or allow it in SameAsEnglish): \"{key}\"");
            }
        }

        Assert.True(problems.Count == 0, $"SharedResource.{culture}.resx, {problems.Count} problem(s):\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Translations_keep_their_placeholders(string culture)
    {
        var problems = new List<string>();
        var arguments = Enumerable.Range(0, 10).Select(i => (object)i).ToArray();
        foreach (var (key, value) in Translations(culture))
        {
            if (value is null)
            {
                continue; // reported by Every_key_has_a_translation
            }

            if (!Placeholders(key).SetEquals(Placeholders(value)))
            {
                problems.Add($"\"{key}\" → \"{value}\"");
                continue;
            }

            try
            {
                _ = string.Format(CultureInfo.InvariantCulture, value, arguments);
            }
            catch (FormatException)
            {
                problems.Add($"not a valid format string: \"{value}\"");
            }
        }

        Assert.True(problems.Count == 0, $"SharedResource.{culture}.resx, placeholders differ:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Translation_files_have_no_stale_keys(string culture)
    {
        var used = AllKeys();
        var stale = Translations(culture).Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(stale.Count == 0,
            $"SharedResource.{culture}.resx has keys no view uses any more (reworded English text?):\n" + string.Join("\n", stale));
    }

    [Theory]
    [InlineData("es", "Procesos")]
    [InlineData("fr", "Processus")]
    [InlineData("pt-BR", "Processos")]
    public async Task The_home_page_renders_in_the_requested_language(string acceptLanguage, string processes)
    {
        var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Accept-Language", acceptLanguage);

        var response = await client.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{acceptLanguage[..2]}\">", html);
        Assert.Contains($"<title>{processes} · EqualFooting</title>", html);
        Assert.Contains($"<h1>{processes}</h1>", html);
    }

    [Fact]
    public async Task The_Spanish_home_page_is_translated_throughout()
    {
        var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Accept-Language", "es");

        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<h1>Procesos</h1>", html);
        Assert.Contains("Iniciar sesión", html); // as UTF-8, not "Iniciar sesi&#xF3;n"
        Assert.Contains("Saltar al contenido", html);
        Assert.Contains("en pie de igualdad", html);
        Assert.DoesNotContain("Sign in", html);
    }

    /// <summary>The translations of one culture only, without falling back to English.</summary>
    private static Dictionary<string, string?> Translations(string culture)
    {
        var manager = new ResourceManager(BaseName, typeof(SharedResource).Assembly);
        var set = manager.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false);
        Assert.True(set is not null, $"No {culture} resources named {BaseName} in the {culture} satellite assembly of EqualFooting.Web.");

        var translations = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in set)
        {
            translations[(string)entry.Key] = entry.Value as string;
        }

        return translations;
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    private static IReadOnlyList<UseOfL> FindUses()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "EqualFooting.Web");
        var uses = new List<UseOfL>();
        foreach (var file in Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(web, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj" || !(file.EndsWith(".cshtml", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal)))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            foreach (Match m in PluralKeys().Matches(text))
            {
                uses.Add(new UseOfL(relative, Unescape(m.Groups[1].Value), Literal: true));
                uses.Add(new UseOfL(relative, Unescape(m.Groups[2].Value), Literal: true));
            }

            foreach (Match m in IndexerStart().Matches(text))
            {
                var start = m.Index + m.Length;
                if (LiteralKey().Match(text, start) is { Success: true } literal)
                {
                    uses.Add(new UseOfL(relative, Unescape(literal.Groups[1].Value), Literal: true));
                }
                else
                {
                    uses.Add(new UseOfL(relative, BracketedArgument(text, start), Literal: false));
                }
            }
        }

        return uses;
    }

    /// <summary>The text from <paramref name="start"/> up to the bracket that closes <c>L[</c>.</summary>
    private static string BracketedArgument(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[' or '(':
                    depth++;
                    break;
                case ']' or ')' when depth > 0:
                    depth--;
                    break;
                case ']':
                    return text[start..i].Trim();
            }
        }

        return text[start..].Trim();
    }

    private static string Unescape(string s) => s.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EqualFooting.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EqualFooting.slnx above {AppContext.BaseDirectory}.");
    }

    private sealed record UseOfL(string File, string Argument, bool Literal);

    /// <summary><c>L[</c> as the localizer's indexer, not the end of a longer name such as <c>URL[</c> or <c>x.L[</c>.</summary>
    [GeneratedRegex(@"(?<![\w.])L\[")]
    private static partial Regex IndexerStart();

    /// <summary><c>L.Plural("one", "other", …)</c>: both forms are keys.</summary>
    [GeneratedRegex(@"(?<![\w.])L\.Plural\(\s*""((?:[^""\\\r\n]|\\.)*)""\s*,\s*""((?:[^""\\\r\n]|\\.)*)""")]
    private static partial Regex PluralKeys();

    /// <summary>A regular C# string literal right after <c>L[</c>, as the first argument.</summary>
    [GeneratedRegex(@"\G\s*""((?:[^""\\\r\n]|\\.)*)""\s*[,\]]")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"\{(\d+)(?:,[^}:]*)?(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
