using System.Globalization;

namespace EqualFooting.Bench;

/// <summary>A benchmark run by <c>./bench.sh NAME</c>. Its last printed line is <c>RESULT NAME key=value …</c>.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<BenchResult> RunAsync(BenchOptions options);
}

/// <summary>
/// A run that must not report figures (a failed request, a server that did not start). ./bench.sh prints the message
/// and exits non-zero, so a script never mistakes a broken run for a slow or fast one.
/// </summary>
public sealed class BenchFailedException(string message) : Exception(message);

/// <summary>The figures a run reports, in the order they were added.</summary>
public sealed class BenchResult
{
    private readonly List<(string Key, string Value)> _values = [];

    public BenchResult Add(string key, double value) => Add(key, value.ToString(value == Math.Floor(value) && Math.Abs(value) < 1e15 ? "0" : "0.###", CultureInfo.InvariantCulture));

    public BenchResult Add(string key, string value)
    {
        _values.Add((key, value));
        return this;
    }

    public string ToLine(string name) => $"RESULT {name} " + string.Join(' ', _values.Select(v => $"{v.Key}={v.Value}"));
}

/// <summary><c>--key value</c> or <c>--key=value</c> options after the benchmark's name.</summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'; options look like --name value.");
            }

            var eq = arg.IndexOf('=');
            if (eq > 0)
            {
                options._values[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options._values[arg[2..]] = args[++i];
            }
            else
            {
                options._values[arg[2..]] = "true";
            }
        }

        return options;
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string String(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public bool Flag(string name) => _values.ContainsKey(name);
}
