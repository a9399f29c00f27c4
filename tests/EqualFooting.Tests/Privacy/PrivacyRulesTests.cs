using EqualFooting.Common;
using EqualFooting.Privacy;
using EqualFooting.Processes;

namespace EqualFooting.Tests.Privacy;

public class PrivacyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static Process Open() => Process.Create(new ProcessDetails("NETmundial", null, ProcessStatus.Open, null, null, null), Now).Value;

    private static Process Draft() => Process.Create(new ProcessDetails("NETmundial", null, ProcessStatus.Draft, null, null, null), Now).Value;

    public static readonly TheoryData<NameDisclosure, bool, bool, int, string?> FromDefault = new()
    {
        // names, country public, organisation public, minimum cell size → what would be revealed (null: allowed)
        { NameDisclosure.Name, true, true, 3, null },
        { NameDisclosure.Pseudonym, true, true, 3, null },
        { NameDisclosure.Nothing, false, false, 10, null },
        { NameDisclosure.Name, true, true, 2, "smaller cells in aggregates" },
    };

    [Theory]
    [MemberData(nameof(FromDefault))]
    public void From_the_default_only_smaller_cells_reveal_anything(NameDisclosure names, bool country, bool organisation, int cell, string? revealed) =>
        Assert.Equal(revealed, ProcessPrivacy.Default.WhatWouldBeRevealed(new PrivacySettings(names, country, organisation, cell)));

    [Theory]
    [InlineData(NameDisclosure.Nothing, NameDisclosure.Pseudonym, "pseudonyms")]
    [InlineData(NameDisclosure.Nothing, NameDisclosure.Name, "names")]
    [InlineData(NameDisclosure.Pseudonym, NameDisclosure.Name, "names")]
    [InlineData(NameDisclosure.Name, NameDisclosure.Nothing, null)]
    public void Names_may_only_become_more_private(NameDisclosure from, NameDisclosure to, string? revealed) =>
        Assert.Equal(revealed, new PrivacySettings(from, false, false, 3).WhatWouldBeRevealed(new PrivacySettings(to, false, false, 3)));

    [Fact]
    public void An_open_process_refuses_a_change_that_reveals_and_keeps_its_settings()
    {
        var privacy = ProcessPrivacy.For(1);
        Assert.True(privacy.Change(Open(), new PrivacySettings(NameDisclosure.Pseudonym, false, true, 5)).Value);

        var refused = privacy.Change(Open(), new PrivacySettings(NameDisclosure.Name, true, true, 5)).Error;

        Assert.Equal(ErrorKind.Conflict, refused?.Kind);
        Assert.Contains("names, countries", refused!.Message, StringComparison.Ordinal);
        Assert.Equal(new PrivacySettings(NameDisclosure.Pseudonym, false, true, 5), privacy.Settings);
    }

    [Fact]
    public void A_draft_process_may_change_freely_since_nobody_has_declared_anything()
    {
        var privacy = ProcessPrivacy.For(1);
        privacy.Change(Draft(), new PrivacySettings(NameDisclosure.Nothing, false, false, 10));

        Assert.True(privacy.Change(Draft(), ProcessPrivacy.Default).Value);
        Assert.False(privacy.Change(Draft(), ProcessPrivacy.Default).Value);
    }

    [Theory]
    [InlineData(0, "minimumCellSize")]
    [InlineData(101, "minimumCellSize")]
    public void Settings_are_validated(int cell, string field) =>
        Assert.Equal(field, ProcessPrivacy.For(1).Change(Open(), new PrivacySettings(NameDisclosure.Name, true, true, cell)).Error?.Field);

    public static readonly TheoryData<NameDisclosure, NameDisclosure?, string?, FaceKind, string?> Faces = new()
    {
        // process, participant's own choice, pseudonym → kind, name shown
        { NameDisclosure.Name, null, "Blue Heron", FaceKind.Named, "Zora Real" },
        { NameDisclosure.Name, NameDisclosure.Pseudonym, "Blue Heron", FaceKind.Named, "Blue Heron" },
        { NameDisclosure.Name, NameDisclosure.Nothing, "Blue Heron", FaceKind.Unnamed, null },
        { NameDisclosure.Pseudonym, NameDisclosure.Name, "Blue Heron", FaceKind.Named, "Blue Heron" },
        { NameDisclosure.Pseudonym, null, null, FaceKind.Numbered, null },
        { NameDisclosure.Nothing, NameDisclosure.Name, "Blue Heron", FaceKind.Unnamed, null },
    };

    [Theory]
    [MemberData(nameof(Faces))]
    public void A_participant_may_be_stricter_than_the_process_never_looser(NameDisclosure process, NameDisclosure? own, string? pseudonym, FaceKind kind, string? name)
    {
        var face = PublicFace.Of(new PrivacySettings(process, true, true, 3), new PersonalPrivacy(own, pseudonym, false, false), 7, "Zora Real", erased: false, "BR", "ISOC");

        Assert.Equal((kind, name), (face.Kind, face.Name));
    }

    [Fact]
    public void Country_and_organisation_show_only_when_both_the_process_and_the_participant_allow()
    {
        var open = new PrivacySettings(NameDisclosure.Name, true, true, 3);
        var closed = new PrivacySettings(NameDisclosure.Name, false, false, 3);

        Assert.Equal(("BR", "ISOC"), Shown(open, PersonalPrivacy.AsProcess));
        Assert.Equal(((string?)null, "ISOC"), Shown(open, new PersonalPrivacy(null, null, HideCountry: true, HideOrganisation: false)));
        Assert.Equal(((string?)null, (string?)null), Shown(closed, PersonalPrivacy.AsProcess));

        static (string?, string?) Shown(PrivacySettings s, PersonalPrivacy own)
        {
            var f = PublicFace.Of(s, own, 7, "Zora Real", erased: false, "BR", "ISOC");
            return (f.Country, f.Organisation);
        }
    }

    [Fact]
    public void An_erased_participant_is_a_former_participant_whatever_the_settings()
    {
        var face = PublicFace.Of(ProcessPrivacy.Default, PersonalPrivacy.AsProcess, 7, "", erased: true, "BR", "ISOC");

        Assert.Equal((FaceKind.Erased, (string?)null, (string?)null, (string?)null), (face.Kind, face.Name, face.Country, face.Organisation));
    }

    [Fact]
    public void Names_entered_for_people_without_an_account_show_only_when_names_are_public()
    {
        Assert.Equal("Ana", PublicFace.Entered(ProcessPrivacy.Default, "Ana", 1, "BR").Name);
        Assert.Equal(FaceKind.Unnamed, PublicFace.Entered(new PrivacySettings(NameDisclosure.Pseudonym, true, true, 3), "Ana", 1, "BR").Kind);
    }

    [Fact]
    public void Small_cells_are_hidden_and_a_lone_hidden_cell_takes_the_next_smallest_with_it()
    {
        var cells = SmallCells.Hide(new Dictionary<string, int> { ["woman"] = 12, ["man"] = 9, ["non-binary"] = 1, ["none"] = 0 }, 3);

        Assert.Equal(["man", "non-binary"], cells.Where(c => c.Hidden).Select(c => c.Key).Order().ToArray());
        Assert.False(cells.Single(c => c.Key == "none").Hidden);
    }

    [Fact]
    public void No_cell_is_hidden_when_every_cell_is_large_enough() =>
        Assert.DoesNotContain(SmallCells.Hide(new Dictionary<string, int> { ["a"] = 3, ["b"] = 4 }, 3), c => c.Hidden);

    [Fact]
    public void Two_small_cells_hide_each_other_and_nothing_more() =>
        Assert.Equal(["a", "b"], SmallCells.Hide(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2, ["c"] = 5 }, 3).Where(c => c.Hidden).Select(c => c.Key).ToArray());
}
