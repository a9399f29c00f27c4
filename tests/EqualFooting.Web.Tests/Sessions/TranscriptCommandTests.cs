using System.Text.Json;
using EqualFooting.Web.Sessions;

namespace EqualFooting.Web.Tests.Sessions;

public class TranscriptCommandTests
{
    internal static string Seed(string prefix)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var seeds = Path.Combine(dir.FullName, "shared", "seeds");
            if (Directory.Exists(seeds))
            {
                return Directory.GetFiles(seeds, prefix + "_*.txt").Single();
            }
        }

        throw new DirectoryNotFoundException("shared/seeds is not beside the repository.");
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await TranscriptCommand.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Theory]
    [InlineData("000", 78, 14, 4)]
    [InlineData("002", 20, 6, 3)]
    public async Task The_json_output_has_the_documented_shape(string seed, int interventions, int speakers, int unnamed)
    {
        var (code, output, _) = await RunAsync(Seed(seed), "--json");

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
        var (code, output, _) = await RunAsync(Seed("000"));

        Assert.Equal(0, code);
        Assert.Contains("LEON SANCHEZ", output);
        Assert.Matches(@"Total\s+78\s+12296", output);
    }

    [Theory]
    [InlineData("003", 1, "No speaker turns")]
    [InlineData("missing.txt", 1, "No such file")]
    public async Task A_file_without_turns_or_no_file_is_a_clear_error(string file, int expectedCode, string message)
    {
        var path = file.EndsWith(".txt", StringComparison.Ordinal) ? file : Seed(file);

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
        var (code, _, errors) = await RunAsync([Seed("000"), .. args]);

        Assert.Equal(2, code);
        Assert.Contains("usage: import-transcript", errors);
    }
}
