using EqualFooting.Consultations;
using EqualFooting.Participation;

namespace EqualFooting.Tests.Consultations;

public class UptakeReportTests
{
    private const int Government = 1, Business = 2, CivilSociety = 3, Technical = 4, Retired = 5;
    private const int Africa = 10, Europe = 11;

    private static readonly CategoryHeading[] Groups =
    [
        new(Government, "Government", false),
        new(Business, "Private sector", false),
        new(CivilSociety, "Civil society", false),
        new(Technical, "Technical community", false),
        new(Retired, "Old category", true),
    ];

    private static readonly CategoryHeading[] Regions = [new(Africa, "Africa", false), new(Europe, "Europe", false)];

    [Fact]
    public void Counts_submitted_disposed_and_accepted_per_group_and_region()
    {
        UptakeInput[] comments =
        [
            new(CivilSociety, Africa, Disposition.Accepted),
            new(CivilSociety, Africa, Disposition.NotAccepted),
            new(CivilSociety, Europe, Disposition.PartlyAccepted),
            new(CivilSociety, Europe, null),
            new(Government, Europe, Disposition.Accepted),
            new(Business, Africa, Disposition.OutOfScope),
            new(Business, Africa, Disposition.Noted),
        ];

        var report = UptakeReport.Build(Groups, Regions, comments);

        var rows = report.ByStakeholderGroup.Select(l => (l.Heading!.Name, l.Submitted, l.Disposed, l.AcceptedOrPartly, l.DisposedRate, l.AcceptanceRate));
        Assert.Equal(
            [
                ("Government", 1, 1, 1, 1.0, 1.0),
                ("Private sector", 2, 2, 0, 1.0, 0.0),
                ("Civil society", 4, 3, 2, 0.75, 2.0 / 3),
                ("Technical community", 0, 0, 0, (double?)null, (double?)null),
            ],
            rows);
        Assert.Equal(
            [("Africa", 4, 1), ("Europe", 3, 2)],
            report.ByRegion.Select(l => (l.Heading!.Name, l.Submitted, l.AcceptedOrPartly)));
        Assert.Equal((7, 6, 3), (report.Total.Submitted, report.Total.Disposed, report.Total.AcceptedOrPartly));
        Assert.Equal(0.5, report.Total.AcceptanceRate);
    }

    [Fact]
    public void A_retired_group_appears_while_comments_name_it_and_unknown_ids_still_add_up()
    {
        var report = UptakeReport.Build(Groups, Regions, [new(Retired, Africa, null), new(99, 77, Disposition.Accepted)]);

        Assert.Contains(report.ByStakeholderGroup, l => l.Heading!.Id == Retired && l.Submitted == 1);
        Assert.Equal("#99", report.ByStakeholderGroup[^1].Heading!.Name);
        Assert.Equal("#77", report.ByRegion[^1].Heading!.Name);
        Assert.Equal(2, report.ByStakeholderGroup.Sum(l => l.Submitted));
        Assert.Equal(2, report.ByRegion.Sum(l => l.Submitted));
    }

    [Fact]
    public void Replies_and_withdrawn_comments_are_not_inputs()
    {
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var author = new CommentAuthor(1, CivilSociety, Africa);
        var kept = Comment.Submit(author, new CommentSubmission(1, 1, 1, "Keep.", CommentChannel.WebForm), now).Value;
        kept.RecordDisposition(Disposition.Accepted, "Done.", "committee", now);
        var withdrawn = Comment.Submit(author, new CommentSubmission(1, 1, 1, "Withdraw.", CommentChannel.WebForm), now).Value;
        withdrawn.Withdraw(1, now, now.AddDays(1));
        var reply = Comment.Reply(kept, author, new ReplySubmission("Thanks!", CommentChannel.WebForm), now).Value;

        var inputs = UptakeInput.From([kept, withdrawn, reply]).ToList();

        Assert.Equal([new UptakeInput(CivilSociety, Africa, Disposition.Accepted)], inputs);
    }
}
