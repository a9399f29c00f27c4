namespace EqualFooting.Common;

/// <summary>The ways an expected failure can go; each maps to one HTTP status in one place (the web project's ErrorMapping).</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    Unauthenticated,
}

/// <param name="Field">The input field at fault, when there is one, so forms and ProblemDetails can point at it.</param>
public sealed record Error(ErrorKind Kind, string Message, string? Field = null)
{
    public static Error Invalid(string field, string message) => new(ErrorKind.Invalid, message, field);
    public static Error NotFound(string message) => new(ErrorKind.NotFound, message);
    public static Error Conflict(string message, string? field = null) => new(ErrorKind.Conflict, message, field);
    public static Error Forbidden(string message) => new(ErrorKind.Forbidden, message);
    public static Error Unauthenticated() => new(ErrorKind.Unauthenticated, "You need to sign in to do this.");
}

/// <summary>A value or the expected failure that prevented it. Unexpected failures stay exceptions.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"No value: {Error.Message}");

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}
