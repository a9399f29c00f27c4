namespace EqualFooting.Record;

/// <summary>
/// A kind of record entry, declared once by the feature that writes it: its dotted, past-tense name
/// (<c>session.started</c>), the payload it carries and the phrase readers see ("started a session"), which is also
/// the key of its translations. Payloads name people by id only, never by name, e-mail, gender, country or
/// organisation: those live in tables that privacy settings and erasure govern, and are resolved when read.
/// </summary>
public class RecordAction
{
    public RecordAction(string name, string phrase)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name != name.Trim())
        {
            throw new ArgumentException("A record action is named by up to 64 characters, without surrounding spaces.", nameof(name));
        }

        Name = name;
        Phrase = phrase;
    }

    public string Name { get; }

    /// <summary>The English phrase shown after the actor's name, and the key of its translations.</summary>
    public string Phrase { get; }

    public override string ToString() => Name;
}

/// <summary>A record action whose payload has the shape <typeparamref name="TPayload"/>.</summary>
/// <remarks>
/// A payload is a record (or dictionary) whose properties <see cref="CanonicalJson"/> writes with camel-case keys;
/// the entry's bytes depend only on the values, never on the order properties are declared in.
/// </remarks>
public sealed class RecordAction<TPayload>(string name, string phrase) : RecordAction(name, phrase)
    where TPayload : notnull;
