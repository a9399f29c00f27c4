using EqualFooting.Assessments;

namespace EqualFooting.Tests.Assessments;

public sealed class AssessmentGridTests
{
    private static readonly DateTimeOffset Now = new(2014, 6, 22, 10, 30, 0, TimeSpan.Zero);

    private static AssessmentGrid Grid(int? scaleMin = null) =>
        AssessmentGrid.Create(1, new GridDefinition("ATLAS II", GridTemplates.AtlasTwo, scaleMin), Now).Value;

    [Fact]
    public void The_atlas_template_has_the_seeds_six_questions_on_a_zero_to_five_scale_divided_from_sd_1_25()
    {
        var grid = Grid();
        Assert.Equal(6, grid.Questions.Count);
        Assert.Equal(0, grid.ScaleMin);
        Assert.Equal(1.25, grid.DividedAt);
        Assert.True(grid.IsOpen);
        Assert.Equal(1, grid.Round);
    }

    [Theory]
    [InlineData("", new[] { "Q" }, 0, 1.25, "title")]
    [InlineData("T", new string[0], 0, 1.25, "questions")]
    [InlineData("T", new[] { " ", "" }, 0, 1.25, "questions")]
    [InlineData("T", new[] { "Q" }, 2, 1.25, "scaleMin")]
    [InlineData("T", new[] { "Q" }, 0, 0.0, "dividedAt")]
    [InlineData("T", new[] { "Q" }, 0, 9.0, "dividedAt")]
    [InlineData("T", new[] { "Q" }, 0, double.NaN, "dividedAt")]
    public void A_bad_definition_names_its_field(string title, string[] questions, int scaleMin, double dividedAt, string field) =>
        Assert.Equal(field, AssessmentGrid.Create(1, new GridDefinition(title, questions, scaleMin, dividedAt), Now).Error?.Field);

    [Theory]
    [InlineData(0, 0, 0, null)]
    [InlineData(0, 5, 0, null)]
    [InlineData(0, 6, 0, "rating")]
    [InlineData(0, -1, 0, "rating")]
    [InlineData(0, 0, 1, "rating")]
    [InlineData(6, 3, 0, "question")]
    [InlineData(-1, 3, 0, "question")]
    public void A_rating_must_be_a_point_of_the_scale_for_a_question_of_the_grid(int question, int rating, int scaleMin, string? field) =>
        Assert.Equal(field, Grid(scaleMin).Read(question, rating, null).Error?.Field);

    [Fact]
    public void A_set_of_ratings_rates_each_question_once()
    {
        var grid = Grid();
        Assert.Equal("question", grid.ReadAll([(0, 1, null), (0, 2, null)]).Error?.Field);
        Assert.Equal("answers", grid.ReadAll([]).Error?.Field);
        Assert.Equal(2, grid.ReadAll([(0, 1, " "), (1, 2, "Only on paper.")]).Value.Count);
        Assert.Null(grid.ReadAll([(0, 1, " ")]).Value[0].Comment);
    }

    [Fact]
    public void Running_again_copies_questions_and_settings_into_a_new_open_round_that_remembers_the_old()
    {
        var grid = Grid();
        grid.Close(Now);
        var again = grid.RunAgain(null, Now.AddYears(1));
        Assert.Equal(grid.Questions, again.Questions);
        Assert.Equal(2, again.Round);
        Assert.Equal(grid.Id, again.PreviousId);
        Assert.True(again.IsOpen);
        Assert.False(grid.Close(Now));
    }

    [Fact]
    public void An_answer_changes_only_when_something_differs()
    {
        var answer = GridAnswer.Give(1, 2, 3, 4, new GridRating(0, 3, null), Now);
        Assert.False(answer.Change(3, 4, new GridRating(0, 3, null), Now));
        Assert.True(answer.Change(3, 4, new GridRating(0, 3, "Consulted, then ignored."), Now));
        Assert.True(answer.Change(3, 5, new GridRating(0, 3, "Consulted, then ignored."), Now));
    }
}
