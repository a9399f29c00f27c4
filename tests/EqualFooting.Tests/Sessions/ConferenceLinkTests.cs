using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

public sealed class ConferenceLinkTests
{
    [Theory]
    [InlineData(null, true, null)]
    [InlineData("  ", true, null)]
    [InlineData("https://meet.example.org/atlas", true, "https://meet.example.org/atlas")]
    [InlineData(" https://stream.example.org/live ", true, "https://stream.example.org/live")]
    [InlineData("http://stream.example.org/live", false, null)]
    [InlineData("javascript:alert(1)", false, null)]
    [InlineData("ftp://example.org/x", false, null)]
    [InlineData("meet.example.org", false, null)]
    [InlineData("file:///etc/passwd", false, null)]
    public void A_conference_link_is_an_absolute_https_address(string? input, bool valid, string? stored)
    {
        var link = Session.ConferenceLink(input);
        Assert.Equal(valid, link.IsSuccess);
        if (valid)
        {
            Assert.Equal(stored, link.Value);
        }
        else
        {
            Assert.Equal("conferenceUrl", link.Error!.Field);
        }
    }
}
