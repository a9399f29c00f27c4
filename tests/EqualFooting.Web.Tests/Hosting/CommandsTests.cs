using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Tests.Hosting;

/// <summary>The first argument: a command, a setting for the host, or a mistake that must not start the site.</summary>
public sealed class CommandsTests
{
    [Theory]
    [InlineData("import-coments")]
    [InlineData("promote")]
    [InlineData("serve")]
    public async Task An_unknown_command_lists_the_commands_and_exits_with_2_instead_of_starting_the_site(string command) =>
        Assert.Equal(2, await Commands.TryRunAsync([command, "comments.csv", "--consultation", "3"]));

    [Theory]
    [InlineData("--urls", true)]
    [InlineData("--Demo:Enabled=false", true)]
    [InlineData("/Database:Provider", true)]
    [InlineData("Demo:Enabled=false", true)]
    [InlineData("import-coments", false)]
    public void Settings_for_the_host_are_told_from_commands(string argument, bool setting) =>
        Assert.Equal(setting, Commands.IsHostSetting(argument));

    [Fact]
    public async Task No_arguments_or_only_settings_start_the_site() =>
        Assert.Equal<int?[]>([null, null], [await Commands.TryRunAsync([]), await Commands.TryRunAsync(["--urls", "http://127.0.0.1:0"])]);

    [Fact]
    public async Task Help_lists_the_commands() => Assert.Equal(0, await Commands.TryRunAsync(["help"]));
}
