using System.Text.Json;
using System.Text.Json.Serialization;
using EqualFooting.Common;

namespace EqualFooting.Decisions;

/// <summary>The seven ways a multistakeholder body decides (domain.md, item 6).</summary>
public enum RuleKind
{
    /// <summary>Consensus with blocks: any standing block stops the proposal.</summary>
    Consensus,

    /// <summary>Rough consensus (RFC 7282): not counted; the chair declares it in the GNSO's terms, with a rationale.</summary>
    RoughConsensus,

    /// <summary>Majority or supermajority of the participants who took a position, with a quorum.</summary>
    Majority,

    /// <summary>Each stakeholder group counts equally whatever its headcount; a group's share of support is its vote.</summary>
    StakeholderEqual,

    /// <summary>Adopted only when the threshold is met within every stakeholder group.</summary>
    ConsentOfEveryGroup,

    /// <summary>Groups sit in houses; thresholds per house and combined, as in the GNSO Council.</summary>
    Houses,

    /// <summary>Only the seat holders count: seats per group, holders appointed for a term (CGI.br, the Mexican initiative group).</summary>
    SeatCouncil,
}

/// <summary>
/// A share of support that must be reached: more than <see cref="Fraction"/>, or at least it when
/// <see cref="AtLeast"/> (two-thirds is usually "at least", a majority "more than half").
/// </summary>
public readonly record struct Threshold(double Fraction, bool AtLeast = false)
{
    public static readonly Threshold Majority = new(0.5);

    [JsonIgnore]
    public bool IsValid => Fraction is >= 0 and <= 1 && !double.IsNaN(Fraction);

    /// <summary>Whether <paramref name="part"/> of <paramref name="whole"/> reaches the threshold; nothing of nothing never does.</summary>
    public bool MetBy(long part, long whole)
    {
        if (whole <= 0)
        {
            return false;
        }

        // Compared on the products, with a margin far below one vote, so 2 of 3 meets "at least 2/3" exactly.
        var need = Fraction * whole;
        return AtLeast ? part >= need - 1e-9 : part > need + 1e-9;
    }

    /// <summary>The same on a share already divided (houses, stakeholder-equal averages).</summary>
    public bool MetBy(double share) => AtLeast ? share >= Fraction - 1e-12 : share > Fraction + 1e-12;
}

/// <summary>A GNSO-style house: a name and the stakeholder groups that sit in it.</summary>
public sealed record House(string Name, IReadOnlyList<int> Groups);

/// <summary>How many council seats a stakeholder group holds.</summary>
public sealed record GroupSeats(int Group, int Seats);

/// <summary>
/// A decision rule with its settings. <see cref="Kind"/> says which rule decides; the other settings stay so that
/// the rule comparison can say what every other rule would have decided on the same positions.
/// </summary>
/// <param name="Threshold">Support needed: of participants (majority), per group (consent), per house, of seat holders, or the stakeholder-equal average.</param>
/// <param name="Quorum">Share of the members (or, for a seat council, of the seats) who must take a position, abstentions included.</param>
/// <param name="GroupTurnout">Stakeholder-equal and consent of every group: share of each group's members who must take a position.</param>
/// <param name="Houses">The houses and their groups; every active group in exactly one house.</param>
/// <param name="OneHouse">The GNSO alternative: this much in one house…</param>
/// <param name="OtherHouses">…and this much in every other house also adopts.</param>
/// <param name="Seats">Seats per group for the seat council.</param>
/// <param name="ProxiesAllowed">Whether a participant may hand their position to another, by name.</param>
public sealed record DecisionRule(
    RuleKind Kind,
    Threshold Threshold,
    double Quorum = 0,
    double GroupTurnout = 0,
    IReadOnlyList<House>? Houses = null,
    Threshold? OneHouse = null,
    Threshold? OtherHouses = null,
    IReadOnlyList<GroupSeats>? Seats = null,
    bool ProxiesAllowed = false)
{
    public const int HouseNameMax = 100;
    public const int MaxHouses = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The GNSO's combined alternative: more than 75% of one house and a majority of the other.</summary>
    public static readonly Threshold GnsoOneHouse = new(0.75);

    public static DecisionRule Of(RuleKind kind) => new(kind, Threshold.Majority);

    /// <summary>
    /// Checks the settings against the process's stakeholder groups: thresholds and shares within 0–1, houses that
    /// cover every active group exactly once, seats for known groups only. Errors name the field.
    /// </summary>
    /// <param name="activeGroups">The process's stakeholder groups that are not retired.</param>
    /// <param name="knownGroups">Every group of the process, retired ones included.</param>
    public Result<DecisionRule> Validate(IReadOnlyCollection<int> activeGroups, IReadOnlyCollection<int> knownGroups)
    {
        if (!Enum.IsDefined(Kind))
        {
            return Error.Invalid("kind", "Choose one of the seven decision rules.");
        }

        if (!Threshold.IsValid)
        {
            return Error.Invalid("threshold", "The threshold is a fraction between 0 and 1.");
        }

        if (Quorum is < 0 or > 1 || double.IsNaN(Quorum))
        {
            return Error.Invalid("quorum", "The quorum is a fraction between 0 and 1.");
        }

        if (GroupTurnout is < 0 or > 1 || double.IsNaN(GroupTurnout))
        {
            return Error.Invalid("groupTurnout", "The minimum turnout per group is a fraction between 0 and 1.");
        }

        if (OneHouse is { IsValid: false } || OtherHouses is { IsValid: false })
        {
            return Error.Invalid("houses", "House thresholds are fractions between 0 and 1.");
        }

        var houses = Houses;
        if (houses is not null || Kind == RuleKind.Houses)
        {
            if (houses is null || houses.Count == 0)
            {
                return Error.Invalid("houses", "The houses rule needs at least one house.");
            }

            if (houses.Count > MaxHouses)
            {
                return Error.Invalid("houses", $"At most {MaxHouses} houses.");
            }

            var seen = new HashSet<int>();
            var cleaned = new List<House>();
            foreach (var house in houses)
            {
                var name = Text.Required("houses", house.Name, HouseNameMax);
                if (name.Error is { } bad)
                {
                    return bad;
                }

                foreach (var g in house.Groups ?? [])
                {
                    if (!knownGroups.Contains(g))
                    {
                        return Error.Invalid("houses", $"Group {g} is not a stakeholder group of this process.");
                    }

                    if (!seen.Add(g))
                    {
                        return Error.Invalid("houses", "Each stakeholder group sits in one house only.");
                    }
                }

                cleaned.Add(new House(name.Value, [.. house.Groups ?? []]));
            }

            if (activeGroups.Any(g => !seen.Contains(g)))
            {
                return Error.Invalid("houses", "The houses must cover every stakeholder group of the process.");
            }

            houses = cleaned;
        }

        var seats = Seats;
        if (seats is not null || Kind == RuleKind.SeatCouncil)
        {
            if (seats is null || seats.Sum(s => Math.Max(0, s.Seats)) == 0)
            {
                return Error.Invalid("seats", "The seat council needs at least one seat.");
            }

            if (seats.Any(s => s.Seats is < 0 or > 1000))
            {
                return Error.Invalid("seats", "Seats per group are between 0 and 1000.");
            }

            if (seats.Any(s => !knownGroups.Contains(s.Group)) || seats.Select(s => s.Group).Distinct().Count() != seats.Count)
            {
                return Error.Invalid("seats", "Seats go to the process's stakeholder groups, once each.");
            }
        }

        return this with { Houses = houses };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DecisionRule FromJson(string json) =>
        JsonSerializer.Deserialize<DecisionRule>(json, Json) ?? throw new InvalidOperationException("A stored decision rule is empty.");
}
