using EqualFooting.Common;
using EqualFooting.Deliberation;

namespace EqualFooting.Tests.Deliberation;

public sealed class PositionTests
{
    [Theory]
    [InlineData("agree", Stance.Agree)]
    [InlineData("Disagree", Stance.Disagree)]
    [InlineData(" ABSTAIN ", Stance.Abstain)]
    [InlineData("block", Stance.Block)]
    public void Parses_the_four_stances(string text, Stance expected) =>
        Assert.Equal(expected, Position.ParseStance(text).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("maybe")]
    [InlineData("2")]
    public void Refuses_anything_else_naming_the_field(string? text)
    {
        var result = Position.ParseStance(text);
        Assert.Equal(ErrorKind.Invalid, result.Error!.Kind);
        Assert.Equal("stance", result.Error.Field);
    }

    [Fact]
    public void A_reason_is_optional_unless_a_block_must_give_one()
    {
        Assert.True(Position.Create(Stance.Block, null).IsSuccess);
        Assert.Equal("reason", Position.Create(Stance.Block, "  ", reasonRequiredForBlock: true).Error!.Field);
        Assert.Equal("It breaks the charter.", Position.Create(Stance.Block, " It breaks the charter. ", reasonRequiredForBlock: true).Value.Reason);
    }

    [Fact]
    public void Supports_and_objects_split_the_stances()
    {
        Assert.Equal([Stance.Agree], Enum.GetValues<Stance>().Where(s => new Position(s, null).Supports));
        Assert.Equal([Stance.Disagree, Stance.Block], Enum.GetValues<Stance>().Where(s => new Position(s, null).Objects));
    }

    [Fact]
    public void A_reason_over_the_limit_is_refused() =>
        Assert.Equal("reason", Position.Create(Stance.Agree, new string('x', Position.ReasonMax + 1)).Error!.Field);
}
