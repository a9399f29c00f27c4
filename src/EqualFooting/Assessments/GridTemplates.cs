namespace EqualFooting.Assessments;

/// <summary>Question sets a convener can start a grid from.</summary>
public static class GridTemplates
{
    /// <summary>
    /// The ATLAS II thematic group's six questions (seeds/000, the last third), on a 0–5 Likert scale where "0 is
    /// nothing's happening; 5 is full involvement".
    /// </summary>
    public static readonly IReadOnlyList<string> AtlasTwo =
    [
        "Do governments in your region include outside groups in identifying issues and holding discussions?",
        "Do governments in your region include outside groups in their decision making?",
        "Do the ccTLDs and RIRs in your region include outside groups in identifying issues and asking advice?",
        "Do the ccTLDs and RIRs in your region include outside groups in their decision making?",
        "When people in your region approach policy makers, are stakeholder groups segregated (\"you're business, you're civil society\")?",
        "Does decision making in your region segregate stakeholder groups very distinctly?",
    ];

    public const string AtlasTwoTitle = "Multistakeholder practice in your region (ATLAS II)";
}
