using System.Text.Json;
using EqualFooting.Web.Sessions;

namespace EqualFooting.Web.Tests.Sessions;

public class TranscriptCommandTests
{
    /// <summary>The domain tests' fictional workshop in speaker lines (tests/EqualFooting.Tests/Sessions/Fixtures).</summary>
    public const string Minutes = "workshop-minutes.txt";

    /// <summary>The same forum's workshop in captioning.</summary>
    public const string Captions = "workshop-captions.txt";

    /// <summary>A presentation outline, without turns.</summary>
    public const string Outline = "workshop-outline.txt";

    internal static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "Sessions", "Fixtures", file);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await TranscriptCommand.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Theory]
    [InlineData(Minutes, 21, 7, 3)]
    [InlineData(Captions, 18, 6, 3)]
    public async Task The_json_output_has_the_documented_shape(string file, int interventions, int speakers, int unnamed)
    {
        var (code, output, _) = await RunAsync(Fixture(file), "--json");

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(interventions, json.GetProperty("interventions").GetInt32());
        Assert.Equal(speakers, json.GetProperty("speakers").GetArrayLength());
        Assert.Equal(unnamed, json.GetProperty("unnamed").GetProperty("interventions").GetInt32());
        Assert.All(json.GetProperty("speakers").EnumerateArray(), s => Assert.True(s.GetProperty("words").GetInt32() > 0));
    }

    [Fact]
    public async Task The_table_lists_speakers_and_totals()
    {
        var (code, output, _) = await RunAsync(Fixture(Minutes));

        Assert.Equal(0, code);
        Assert.Matches(@"MARGIT SOLVANG\s+7\s+242\n", output);
        Assert.Matches(@"\(unnamed\)\s+3\s+21\n", output);
        Assert.Matches(@"Total\s+21\s+957\n", output);
    }

    [Theory]
    [InlineData(Outline, 1, "No speaker turns")]
    [InlineData("missing.txt", 1, "No such file")]
    public async Task A_file_without_turns_or_no_file_is_a_clear_error(string file, int expectedCode, string message)
    {
        var path = file == Outline ? Fixture(file) : file;

        var (code, output, errors) = await RunAsync(path);

        Assert.Equal(expectedCode, code);
        Assert.Empty(output);
        Assert.Contains(message, errors);
    }

    [Theory]
    [InlineData("--format", "minutes")]
    [InlineData("--words-per-minute", "fast")]
    [InlineData("--bogus")]
    public async Task Bad_options_print_the_usage(params string[] args)
    {
        var (code, _, errors) = await RunAsync([Fixture(Minutes), .. args]);

        Assert.Equal(2, code);
        Assert.Contains("usage: import-transcript", errors);
    }
}
