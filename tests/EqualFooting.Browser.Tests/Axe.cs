using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace EqualFooting.Browser.Tests;

/// <summary>One axe finding: the rule, its impact and the first elements it names.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<string> Nodes);

/// <summary>
/// Runs axe-core (the script bundled with Deque's package) in a page and returns only its violations. Deque's
/// <c>RunAxe</c> hands the whole result object (every rule's passes and inapplicable entries) through Playwright's
/// object serialisation; that took four fifths of each reading, so the page filters and serialises the violations itself.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    private const string Run = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return JSON.stringify(result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.html) })));
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<AxeViolation>> ViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        return JsonSerializer.Deserialize<List<AxeViolation>>(await page.EvaluateAsync<string>(Run), Json) ?? [];
    }
}
