namespace EqualFooting.Processes;

/// <summary>
/// A self-declared category of a process: a stakeholder group or a region. Renaming keeps the id, so old
/// records show the current name; retiring hides it from new declarations but it still labels old ones.
/// </summary>
public abstract class Category
{
    protected Category(string name, int position)
    {
        Name = name;
        Position = position;
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Name { get; internal set; }

    /// <summary>Display order, fixed at creation so tables keep their shape.</summary>
    public int Position { get; private set; }

    public DateTimeOffset? RetiredAt { get; internal set; }

    public bool IsRetired => RetiredAt is not null;
}

public sealed class StakeholderGroup(string name, int position) : Category(name, position);

public sealed class Region(string name, int position) : Category(name, position);
