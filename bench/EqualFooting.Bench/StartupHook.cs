using System.Runtime.Loader;

/// <summary>
/// The runtime calls <see cref="Initialize"/> in a process started with <c>DOTNET_STARTUP_HOOKS</c> naming this
/// assembly (the server session-fanout starts), before its <c>Main</c>: the web host then finds this assembly by name
/// when it loads the hosting startups its environment names, although the app's own dependencies do not list it.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var self = typeof(StartupHook).Assembly;
        AssemblyLoadContext.Default.Resolving += (_, name) => name.Name == self.GetName().Name ? self : null;
    }
}
