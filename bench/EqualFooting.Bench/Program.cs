using System.Reflection;
using EqualFooting.Bench;

// Every benchmark is a class implementing IBenchmark; ./bench.sh NAME [options] runs it, ./bench.sh --list names them.
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "--list" or "-l" or "--help" or "-h")
{
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"{b.Name,-22} {b.Description}");
    }

    return args.Length == 0 ? 2 : 0;
}

var chosen = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (chosen is null)
{
    await Console.Error.WriteLineAsync($"No benchmark called '{args[0]}'. ./bench.sh --list names them.");
    return 2;
}

var options = BenchOptions.Parse(args[1..]);
try
{
    var result = await chosen.RunAsync(options);
    Console.WriteLine(result.ToLine(chosen.Name));
    return 0;
}
catch (BenchFailedException e)
{
    await Console.Error.WriteLineAsync($"FAILED {chosen.Name}: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync($"CANCELLED {chosen.Name}");
    return 130;
}
