using System.Globalization;
using System.Text;
using System.Text.Json;
using EqualFooting.Web.Conversations;

namespace EqualFooting.Web.Tests.Conversations;

/// <summary>
/// polis-compare on a Pol.is export written here: three planted opinion groups, each participant's Pol.is group-id
/// being the planted one, so the command must find the same groups. Real exports are compared by the command itself
/// (docs/opinion-maps.md), never by the suite.
/// </summary>
public sealed class PolisCompareCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("polis-compare-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await PolisCompareCommand.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private void WriteExport(int participants = 240, int statements = 30)
    {
        var random = new Random(5);
        var polarity = Enumerable.Range(0, statements).Select(_ => random.Next(2)).ToArray();
        var votes = new StringBuilder("timestamp,datetime,comment-id,voter-id,vote\n");
        var people = new StringBuilder("participant,group-id,n-comments,n-votes,n-agree,n-disagree\n");
        var comments = new StringBuilder("timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n");
        for (var j = 0; j < statements; j++)
        {
            comments.Append(CultureInfo.InvariantCulture, $"{j},x,{j},0,0,0,1,\"Statement {j}, planted\"\n");
        }

        var time = 0;
        for (var p = 0; p < participants; p++)
        {
            var group = p % 3;
            people.Append(CultureInfo.InvariantCulture, $"{p},{group + 10},0,0,0,0\n");
            for (var j = 0; j < statements; j++)
            {
                if (random.NextDouble() < 0.4)
                {
                    continue;
                }

                var side = (group >> (j % 2)) & 1;
                var vote = random.NextDouble() < 0.9 == (side == polarity[j]) ? 1 : -1;
                // An earlier, opposite vote first: the later one must win.
                votes.Append(CultureInfo.InvariantCulture, $"{time++},x,{j},{p},{-vote}\n");
                votes.Append(CultureInfo.InvariantCulture, $"{time++},x,{j},{p},{vote}\n");
            }
        }

        File.WriteAllText(Path.Combine(_folder, "votes.csv"), votes.ToString());
        File.WriteAllText(Path.Combine(_folder, "comments.csv"), comments.ToString());
        File.WriteAllText(Path.Combine(_folder, "participants-votes.csv"), people.ToString());
    }

    [Fact]
    public async Task The_json_output_has_the_documented_shape_and_finds_the_planted_groups()
    {
        WriteExport();

        var (code, output, _) = await RunAsync(_folder, "--json");

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(240, json.GetProperty("participants").GetInt32());
        Assert.Equal(240, json.GetProperty("clustered").GetInt32());
        Assert.Equal(3, json.GetProperty("groups").GetInt32());
        Assert.Equal(3, json.GetProperty("polis_groups").GetInt32());
        Assert.True(json.GetProperty("ari").GetDouble() >= 0.95, output);
    }

    [Fact]
    public async Task The_table_names_groups_and_bridging_statements()
    {
        WriteExport();

        var (code, output, _) = await RunAsync(_folder);

        Assert.Equal(0, code);
        Assert.Contains("240 participants, 30 statements", output, StringComparison.Ordinal);
        Assert.Contains("group A:", output, StringComparison.Ordinal);
        Assert.Contains("Statement ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_file_is_an_error_naming_file_and_line_with_exit_code_2()
    {
        WriteExport();
        File.AppendAllText(Path.Combine(_folder, "votes.csv"), "99999,x,0,1,yes\n");
        var lines = File.ReadAllLines(Path.Combine(_folder, "votes.csv")).Length;

        var (code, output, errors) = await RunAsync(_folder, "--json");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains($"votes.csv line {lines}: vote must be", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("votes.csv", "no such file")]
    [InlineData("comments.csv", "not UTF-8")]
    public async Task A_missing_or_unreadable_file_is_named(string file, string message)
    {
        WriteExport();
        var path = Path.Combine(_folder, file);
        if (message == "no such file")
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllBytes(path, [0x74, 0xC3, 0x28, 0x0A]);
        }

        var (code, _, errors) = await RunAsync(_folder);

        Assert.Equal(2, code);
        Assert.Contains(file, errors, StringComparison.Ordinal);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("a", "b")]
    [InlineData("--min-votes", "none")]
    public async Task Wrong_arguments_show_the_usage_with_exit_code_2(params string[] args)
    {
        var (code, _, errors) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("polis-compare DIR", errors, StringComparison.Ordinal);
    }
}
