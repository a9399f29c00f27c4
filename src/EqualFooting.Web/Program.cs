using EqualFooting.Web.Hosting;

// Commands for operators run without starting the server; anything else starts the site.
if (await Commands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var app = App.Build(args);
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
