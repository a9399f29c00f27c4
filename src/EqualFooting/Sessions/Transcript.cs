namespace EqualFooting.Sessions;

public enum TranscriptFormat
{
    /// <summary>Minutes-style: a turn starts with the speaker's name in capitals and a colon, "LEON SANCHEZ:  Good morning".</summary>
    SpeakerLines,

    /// <summary>Realtime captioning (CART): a turn starts with "&gt;&gt; NAME:", or a bare "&gt;&gt;" when the captioner did not know the speaker.</summary>
    Cart,
}

/// <param name="Format">Null to detect the format from the text.</param>
/// <param name="WordsPerMinute">The speaking rate used to estimate how long each intervention took.</param>
public sealed record TranscriptOptions(TranscriptFormat? Format = null, double WordsPerMinute = TranscriptOptions.DefaultWordsPerMinute)
{
    /// <summary>A usual rate for speeches and panel talk; conversational English runs faster, interpreted speech slower.</summary>
    public const double DefaultWordsPerMinute = 130;

    public const double MinWordsPerMinute = 40;

    public const double MaxWordsPerMinute = 400;
}

/// <summary>One intervention read from a transcript.</summary>
/// <param name="Order">1-based position in the transcript.</param>
/// <param name="Speaker">The speaker's name as written (spacing tidied, brackets removed); null for an unnamed turn.</param>
/// <param name="Label">What the transcript wrote before the colon, even for "UNIDENTIFIED MALE"; empty for a bare "&gt;&gt;".</param>
/// <param name="NameUncertain">The transcriber bracketed the name ("[EDUARDO DIAZ]:"): a best guess, worth checking.</param>
/// <param name="Line">1-based line where the turn starts, to find it in the source.</param>
public sealed record TranscriptIntervention(
    int Order,
    string? Speaker,
    string Label,
    bool NameUncertain,
    string Text,
    int Words,
    TimeSpan EstimatedDuration,
    int Line);

/// <summary>A named speaker's totals, speakers listed in order of first appearance.</summary>
public sealed record TranscriptSpeaker(string Name, int Interventions, int Words, TimeSpan EstimatedDuration);

public sealed record UnnamedTotals(int Interventions, int Words, TimeSpan EstimatedDuration);

/// <summary>A parsed transcript: its interventions in order and the totals per speaker.</summary>
public sealed record Transcript(
    TranscriptFormat Format,
    double WordsPerMinute,
    IReadOnlyList<TranscriptIntervention> Interventions,
    IReadOnlyList<TranscriptSpeaker> Speakers,
    UnnamedTotals Unnamed)
{
    public int Words => Interventions.Sum(i => i.Words);
}
