using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Tests.Consultations;

public class ConsultationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Consultation Open(int days = 14) =>
        Consultation.Create(1, "Draft outcome", null, Now.AddDays(days), Now).Value;

    [Theory]
    [InlineData(null, 0, 14, "title")]
    [InlineData("  ", 0, 14, "title")]
    [InlineData("T", 0, null, "closesAt")]
    [InlineData("T", 5, 2, "closesAt")]
    [InlineData("T", -10, -1, "closesAt")]
    public void Bad_windows_are_refused_naming_the_field(string? title, int opensInDays, int? closesInDays, string field)
    {
        var result = Consultation.Create(1, title, Now.AddDays(opensInDays), closesInDays is { } d ? Now.AddDays(d) : null, Now);

        Assert.Equal((ErrorKind.Invalid, field), (result.Error?.Kind, result.Error?.Field));
    }

    [Fact]
    public void A_consultation_is_open_from_its_opening_until_its_deadline_in_utc()
    {
        var c = Consultation.Create(1, "T", new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(3)), new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), Now).Value;

        Assert.Equal(TimeSpan.Zero, c.OpensAt.Offset);
        Assert.False(c.IsOpen(new DateTimeOffset(2026, 12, 1, 8, 59, 0, TimeSpan.Zero)));
        Assert.True(c.IsOpen(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        Assert.False(c.IsOpen(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Closing_early_and_extending_both_need_a_reason_and_extending_reopens()
    {
        var c = Open();

        Assert.Equal("reason", c.Close(" ", Now.AddDays(1))?.Field);
        Assert.Null(c.Close("Enough input.", Now.AddDays(1)));
        Assert.False(c.IsOpen(Now.AddDays(1)));
        Assert.Equal(ErrorKind.Conflict, c.Close("Again.", Now.AddDays(2))?.Kind);
        Assert.Equal("closesAt", c.Extend(Now.AddDays(1), "Too early.", Now.AddDays(2))?.Field);
        Assert.Equal("reason", c.Extend(Now.AddDays(5), null, Now.AddDays(2))?.Field);
        Assert.Null(c.Extend(Now.AddDays(5), "Regional groups asked for time.", Now.AddDays(2)));

        Assert.True(c.IsOpen(Now.AddDays(3)));
        Assert.Null(c.ClosureReason);
        Assert.Equal(Now.AddDays(14), c.OriginallyClosesAt);
        Assert.Equal("Regional groups asked for time.", c.ExtensionReason);
    }

    [Fact]
    public void Versions_number_themselves_and_carry_paragraph_ids_without_reusing_any()
    {
        var c = Open();
        var v1 = c.Publish("One.\n\nTwo two two.\n\nThree.", null, Now).Value;
        var v2 = c.Publish("One.\n\nThree.\n\nFour is new.", v1, Now.AddDays(1)).Value;
        var v3 = c.Publish("One.\n\nA rewrite sharing nothing.", v2, Now.AddDays(2)).Value;

        Assert.Equal([1, 2, 3], new[] { v1.Number, v2.Number, v3.Number });
        Assert.Equal([1, 2, 3], v1.Paragraphs.Select(p => p.Id));
        Assert.Equal([1, 3, 4], v2.Paragraphs.Select(p => p.Id));
        Assert.Equal([1, 5], v3.Paragraphs.Select(p => p.Id));
        Assert.Equal(6, c.NextParagraphId);
        Assert.Equal(3, c.LatestVersion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    public void An_empty_draft_is_refused(string markdown)
    {
        Assert.Equal("markdown", Open().Publish(markdown, null, Now).Error?.Field);
    }

    [Fact]
    public void Republishing_the_same_text_is_a_conflict_and_changes_nothing()
    {
        var c = Open();
        var v1 = c.Publish("One.", null, Now).Value;

        Assert.Equal(ErrorKind.Conflict, c.Publish("One.", v1, Now).Error?.Kind);
        Assert.Equal(1, c.LatestVersion);
    }
}

public class ConsultationPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Actor Who(bool participant = false, params ProcessRole[] roles) => new("acc", false, roles.ToHashSet(), participant);

    public static TheoryData<string, ErrorKind?> DisposeCases => new()
    {
        { "anonymous", ErrorKind.Unauthenticated },
        { "participant", ErrorKind.Forbidden },
        { "moderator", ErrorKind.Forbidden },
        { "committee", null },
        { "convener", null },
        { "admin", null },
    };

    [Theory]
    [MemberData(nameof(DisposeCases))]
    public void Only_the_committee_and_conveners_dispose(string who, ErrorKind? expected)
    {
        var (process, _) = Setup();
        var actor = who switch
        {
            "anonymous" => Actor.Anonymous,
            "participant" => Who(participant: true),
            "moderator" => Who(false, ProcessRole.Moderator),
            "committee" => Who(false, ProcessRole.CommitteeMember),
            "convener" => Who(false, ProcessRole.Convener),
            _ => new Actor("acc", true, new HashSet<ProcessRole>(), false),
        };

        Assert.Equal(expected, ConsultationPolicy.Dispose(actor, process)?.Kind);
    }

    [Fact]
    public void Participants_comment_only_while_open_and_committee_members_cannot_convene()
    {
        var (process, consultation) = Setup();

        Assert.Null(ConsultationPolicy.Comment(Who(participant: true), process, consultation, Now.AddDays(1)));
        Assert.Equal(ErrorKind.Forbidden, ConsultationPolicy.Comment(Who(), process, consultation, Now.AddDays(1))?.Kind);
        Assert.Equal(ErrorKind.Conflict, ConsultationPolicy.Comment(Who(participant: true), process, consultation, Now.AddDays(30))?.Kind);
        Assert.Equal(ErrorKind.Forbidden, ConsultationPolicy.PublishVersion(Who(false, ProcessRole.CommitteeMember), process)?.Kind);
        Assert.Null(ConsultationPolicy.Extend(Who(false, ProcessRole.Convener), process));
    }

    private static (Process, Consultation) Setup()
    {
        var process = Process.Create(new ProcessDetails("P", null, ProcessStatus.Open, null, null, null), Now).Value;
        Ids.Assign(process);
        return (process, Consultation.Create(process.Id, "T", null, Now.AddDays(14), Now).Value);
    }
}
