using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using WorkflowHost.Procedures.Localization;
using WorkflowHost.Server.Localization;

namespace WorkflowHost.Server.Tests.Localization;

/// <summary>
/// The Vietnamese message catalogues against their English keys: a translation that uses a placeholder the code does not
/// pass would throw while answering (a 500 instead of the error the clerk should read), and one that drops a placeholder
/// hides the unit, code or date the message is about.
/// </summary>
public sealed partial class MessageCatalogueTests
{
    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    public static TheoryData<string> Catalogues() => ["server", "routing", "calendar", "validation"];

    private static List<(string Key, string Vietnamese)> Entries(string catalogue)
    {
        var (baseName, assembly) = catalogue switch
        {
            "server" => ("WorkflowHost.Server.Localization.ServerMessages", typeof(ServerMessages).Assembly),
            "calendar" => ("WorkflowHost.Procedures.Localization.CalendarMessages", typeof(CalendarMessages).Assembly),
            "validation" => ("WorkflowHost.Engine.Validation.ValidationMessages", typeof(WorkflowHost.Engine.Validation.ValidationMessages).Assembly),
            _ => ("WorkflowHost.Procedures.Localization.RoutingMessages", typeof(RoutingMessages).Assembly),
        };
        var set = new ResourceManager(baseName, assembly).GetResourceSet(new CultureInfo("vi"), createIfNotExists: true, tryParents: false)
                  ?? throw new InvalidOperationException($"No Vietnamese resources for {baseName}: is the .vi.resx built into a satellite assembly?");
        return set.Cast<DictionaryEntry>().Select(e => ((string)e.Key, (string)e.Value!)).OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();
    }

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void EveryTranslation_UsesExactlyThePlaceholdersOfItsKey(string catalogue)
    {
        var entries = Entries(catalogue);
        Assert.True(entries.Count >= 15, $"only {entries.Count} Vietnamese messages in the {catalogue} catalogue");
        var wrong = entries
            .Where(e => !Indexes(e.Key).SetEquals(Indexes(e.Vietnamese)))
            .Select(e => $"'{e.Key}' → '{e.Vietnamese}'")
            .ToList();
        Assert.True(wrong.Count == 0, "Placeholders differ:" + Environment.NewLine + string.Join(Environment.NewLine, wrong));
    }

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void EveryTranslation_FormatsWithTheArgumentsOfItsKey(string catalogue)
    {
        var failures = new List<string>();
        foreach (var (key, vietnamese) in Entries(catalogue))
        {
            // The key's own format says what the code passes: ":O" an instant, "yyyy-MM-dd" a day, nothing a string or number.
            var formats = Placeholder().Matches(key).GroupBy(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.First().Value);
            var arguments = Enumerable.Range(0, formats.Keys.DefaultIfEmpty(-1).Max() + 1).Select(i => formats.GetValueOrDefault(i, "") switch
            {
                var f when f.Contains(":O", StringComparison.Ordinal) => (object)new DateTimeOffset(2025, 7, 1, 9, 30, 0, TimeSpan.FromHours(7)),
                var f when f.Contains("yyyy", StringComparison.Ordinal) => new DateOnly(2025, 7, 1),
                _ => "x",
            }).ToArray();
            try
            {
                _ = string.Format(CultureInfo.InvariantCulture, vietnamese, arguments);
            }
            catch (FormatException e)
            {
                failures.Add($"'{vietnamese}': {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void EveryKey_IsWrittenInTheCode()
    {
        var root = Path.GetDirectoryName(WorkflowHost.Testing.ReferenceData.RepositoryWorkflows)!;
        var code = string.Join("\n", Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var unused = new[] { "server", "routing", "calendar", "validation" }.SelectMany(Entries)
            .Where(e => !code.Contains('"' + e.Key.Replace("\"", "\\\"", StringComparison.Ordinal) + '"', StringComparison.Ordinal))
            .Select(e => e.Key)
            .ToList();
        Assert.True(unused.Count == 0, "Translated but not used (a message changed in the code and not in the .vi.resx?):" + Environment.NewLine + string.Join(Environment.NewLine, unused));
    }

    private static HashSet<int> Indexes(string text) =>
        Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
}
