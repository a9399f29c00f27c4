namespace EqualFooting.Web;

/// <summary>
/// Marker for the shared UI strings. Keys are the English text itself, so English needs no resource file and a
/// missing translation falls back to English; Resources/SharedResource.{es,fr,pt}.resx hold the translations.
/// </summary>
public sealed class SharedResource;
