using System.Text.RegularExpressions;
using EqualFooting.Common;

namespace EqualFooting.Processes;

public enum ProcessStatus
{
    Draft,
    Open,
    Closed,
}

/// <summary>
/// A multistakeholder process: a consultation, a forum, a council. It owns the lists of stakeholder groups and
/// regions its participants declare, and guards them so that history is never lost: groups and regions are
/// renamed or retired, never deleted, because old records still point at them.
/// </summary>
public sealed partial class Process
{
    public const int MaxLanguages = 12;

    public static readonly IReadOnlyList<string> DefaultStakeholderGroups =
    [
        "Government",
        "Private sector",
        "Civil society",
        "Technical community",
        "Academia",
        "Intergovernmental organisation",
    ];

    /// <summary>The five ICANN regions, the usual default in Internet governance.</summary>
    public static readonly IReadOnlyList<string> DefaultRegions =
    [
        "Africa",
        "Asia-Pacific",
        "Europe",
        "Latin America and Caribbean",
        "North America",
    ];

    private readonly List<StakeholderGroup> _stakeholderGroups = [];
    private readonly List<Region> _regions = [];

    private Process()
    {
        Name = "";
        Description = "";
        Languages = [];
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string Description { get; private set; }

    public ProcessStatus Status { get; private set; }

    public DateOnly? StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    /// <summary>BCP 47 language tags the process runs in, first one the main language.</summary>
    public List<string> Languages { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The sequence number of the process's latest record entry. Each write takes the next one under the process
    /// row's lock in its own transaction, so numbers follow commit order with no gaps; read caches are keyed on it.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>
    /// Goes up with every change to the process's own shape (details, stakeholder groups, regions, roles). A write
    /// that checks a rule spanning those rows (one convener at least, one active group at least, unique names) claims
    /// it, so of two such writers acting on the same state the second starts again from the first one's result.
    /// </summary>
    public long StructureVersion { get; private set; }

    public IReadOnlyList<StakeholderGroup> StakeholderGroups => _stakeholderGroups;

    public IReadOnlyList<Region> Regions => _regions;

    public static Result<Process> Create(ProcessDetails details, DateTimeOffset now)
    {
        var process = new Process { CreatedAt = now };
        if (process.Update(details) is { } error)
        {
            return error;
        }

        foreach (var name in DefaultStakeholderGroups)
        {
            process._stakeholderGroups.Add(new StakeholderGroup(name, process._stakeholderGroups.Count + 1));
        }

        foreach (var name in DefaultRegions)
        {
            process._regions.Add(new Region(name, process._regions.Count + 1));
        }

        return process;
    }

    /// <summary>Replaces the editable details; on error nothing changes.</summary>
    public Error? Update(ProcessDetails details)
    {
        var name = Text.Required("name", details.Name, Text.NameMax);
        if (name.Error is { } e1)
        {
            return e1;
        }

        var description = Text.Optional("description", details.Description, Text.DescriptionMax);
        if (description.Error is { } e2)
        {
            return e2;
        }

        if (details.StartsOn is { } start && details.EndsOn is { } end && end < start)
        {
            return Error.Invalid("endsOn", "The end date must not be before the start date.");
        }

        var languages = NormaliseLanguages(details.Languages);
        if (languages.Error is { } e3)
        {
            return e3;
        }

        Name = name.Value;
        Description = description.Value ?? "";
        Status = details.Status;
        StartsOn = details.StartsOn;
        EndsOn = details.EndsOn;
        Languages = languages.Value;
        return null;
    }

    public Result<StakeholderGroup> AddStakeholderGroup(string? name)
    {
        var clean = CheckNewName("name", name, _stakeholderGroups);
        if (clean.Error is { } error)
        {
            return error;
        }

        var group = new StakeholderGroup(clean.Value, _stakeholderGroups.Count + 1);
        _stakeholderGroups.Add(group);
        return group;
    }

    public Result<Region> AddRegion(string? name)
    {
        var clean = CheckNewName("name", name, _regions);
        if (clean.Error is { } error)
        {
            return error;
        }

        var region = new Region(clean.Value, _regions.Count + 1);
        _regions.Add(region);
        return region;
    }

    public Error? Rename(Category category, string? name)
    {
        var siblings = category is StakeholderGroup ? _stakeholderGroups.Cast<Category>() : _regions;
        var clean = CheckNewName("name", name, siblings.Where(c => !ReferenceEquals(c, category)));
        if (clean.Error is { } error)
        {
            return error;
        }

        category.Name = clean.Value;
        return null;
    }

    /// <summary>Retiring keeps the category for the records that use it, and stops new declarations of it.</summary>
    public Error? Retire(Category category, DateTimeOffset now)
    {
        var siblings = category is StakeholderGroup ? _stakeholderGroups.Cast<Category>() : _regions;
        if (category.IsRetired)
        {
            return null;
        }

        if (siblings.Count(c => !c.IsRetired) == 1)
        {
            return Error.Conflict("A process needs at least one active " + (category is StakeholderGroup ? "stakeholder group." : "region."));
        }

        category.RetiredAt = now;
        return null;
    }

    /// <summary>Brings a retired category back; names are unique across retired ones too, so no clash is possible.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An operation of the aggregate, called on the process that owns the category, like Retire.")]
    public void Restore(Category category) => category.RetiredAt = null;

    public bool AcceptsParticipants => Status == ProcessStatus.Open;

    private static Result<string> CheckNewName(string field, string? name, IEnumerable<Category> siblings)
    {
        var clean = Text.Required(field, name, Text.ShortMax);
        if (clean.Error is not null)
        {
            return clean;
        }

        if (siblings.Any(c => SameName(c.Name, clean.Value)))
        {
            return Error.Conflict($"\"{clean.Value}\" is already in the list.", field);
        }

        return clean;
    }

    private static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static Result<List<string>> NormaliseLanguages(IEnumerable<string>? tags)
    {
        var list = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var tag = raw?.Trim() ?? "";
            if (tag.Length == 0)
            {
                continue;
            }

            if (!LanguageTag().IsMatch(tag))
            {
                return Error.Invalid("languages", $"\"{Truncate(tag)}\" is not a language tag such as en, es, fr or pt-BR.");
            }

            var parts = tag.Split('-');
            var normal = parts.Length == 1 ? parts[0].ToLowerInvariant() : parts[0].ToLowerInvariant() + "-" + parts[1].ToUpperInvariant();
            if (!list.Contains(normal))
            {
                list.Add(normal);
            }
        }

        if (list.Count > MaxLanguages)
        {
            return Error.Invalid("languages", $"At most {MaxLanguages} languages.");
        }

        return list.Count == 0 ? ["en"] : list;
    }

    private static string Truncate(string s) => s.Length <= 20 ? s : s[..20] + "…";

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguageTag();
}

/// <summary>What a convener types when creating or editing a process.</summary>
public sealed record ProcessDetails(
    string? Name,
    string? Description,
    ProcessStatus Status,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<string>? Languages);
