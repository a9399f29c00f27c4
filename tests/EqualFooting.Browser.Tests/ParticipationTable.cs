using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// Reads the participation table on a process page the way a screen reader user would navigate it: find the row by
/// its row header, the column by its column header.
/// </summary>
public sealed partial class ParticipationTable(IPage page)
{
    public const string Total = "Total";

    public ILocator Table => page.GetByRole(AriaRole.Table, new() { NameRegex = CaptionPattern() });

    /// <summary>The table as named by its caption, with the total the caption states.</summary>
    public ILocator WithTotal(int total) =>
        page.GetByRole(AriaRole.Table, new() { Name = $"Participants by stakeholder group and region ({total} in total)", Exact = true });

    public async Task<int> TotalInCaptionAsync()
    {
        await Assertions.Expect(Table).ToBeVisibleAsync();
        var caption = await Table.GetByRole(AriaRole.Caption).InnerTextAsync();
        return int.Parse(CaptionPattern().Match(caption).Groups["total"].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The cell where the row headed <paramref name="rowHeader"/> meets the column headed <paramref name="columnHeader"/>.</summary>
    public async Task<ILocator> CellAsync(string rowHeader, string columnHeader)
    {
        var headers = await Table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync();
        var column = headers.Select(h => h.Trim()).ToList().IndexOf(columnHeader);
        Assert.True(column > 0, $"No column headed \"{columnHeader}\" among: {string.Join(", ", headers)}");

        var row = Table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = rowHeader, Exact = true }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        // The first column is the row header itself, so data cells start one column later.
        return row.GetByRole(AriaRole.Cell).Nth(column - 1);
    }

    public async Task<int> CountAsync(string rowHeader, string columnHeader)
    {
        var text = await (await CellAsync(rowHeader, columnHeader)).InnerTextAsync();
        return int.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^Participants by stakeholder group and region \((?<total>\d+) in total\)$")]
    private static partial Regex CaptionPattern();
}
