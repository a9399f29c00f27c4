using EqualFooting.Record;

namespace EqualFooting.Tests.Record;

public class CanonicalJsonTests
{
    [Fact]
    public void Keys_are_sorted_and_there_is_no_white_space()
    {
        var json = CanonicalJson.Write(new Dictionary<string, object?> { ["b"] = 1, ["a"] = new[] { "x", "y" }, ["c"] = null, ["B"] = true });

        Assert.Equal("{\"B\":true,\"a\":[\"x\",\"y\"],\"b\":1,\"c\":null}", json);
    }

    [Theory]
    [InlineData("quote\"", "\"quote\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nbreak\t", "\"line\\nbreak\\t\"")]
    [InlineData("\u0001", "\"\\u0001\"")]
    [InlineData("café </script>", "\"café </script>\"")]
    public void Strings_escape_only_what_JSON_requires(string value, string expected) =>
        Assert.Equal(expected, CanonicalJson.Write(value));

    [Fact]
    public void Timestamps_are_UTC_with_seven_fraction_digits()
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(5);

        Assert.Equal("\"2026-11-23T09:00:00.0000005Z\"", CanonicalJson.Write(at));
    }

    [Fact]
    public void Floating_point_numbers_are_refused() =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.Write(new Dictionary<string, object?> { ["x"] = 0.1 }));

    [Fact]
    public void The_same_entry_always_has_the_same_bytes()
    {
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var a = RecordEntry.Create(Created, 7, new RecordActor("acc", null, null, null), at, new Dictionary<string, object?> { ["name"] = "P", ["z"] = 1 });
        var b = RecordEntry.Create(Created, 7, new RecordActor("acc", null, null, null), at, new Dictionary<string, object?> { ["z"] = 1, ["name"] = "P" });

        Assert.Equal(a.Entry, b.Entry);
        Assert.StartsWith("{\"action\":\"process.created\",\"actor\":{\"account\":\"acc\",\"affiliation\":null},\"at\":\"2026-11-23T09:00:00.0000000Z\",\"data\":{\"name\":\"P\",\"z\":1},\"process\":7,\"v\":2}", a.Entry);
        Assert.Equal(RecordEntry.CurrentFormat, a.Format);
    }

    private static readonly RecordAction<IReadOnlyDictionary<string, object?>> Created = new("process.created", "created the process");

    private sealed record Shaped(string Name, int Z, DateOnly? StartsOn);

    [Fact]
    public void A_typed_payload_has_the_bytes_of_the_dictionary_it_replaces()
    {
        var typed = CanonicalJson.Write(new Shaped("P", 1, null));
        var dictionary = CanonicalJson.Write(new Dictionary<string, object?> { ["z"] = 1, ["startsOn"] = null, ["name"] = "P" });

        Assert.Equal(dictionary, typed);
        Assert.Equal("{\"name\":\"P\",\"startsOn\":null,\"z\":1}", typed);
    }
}
