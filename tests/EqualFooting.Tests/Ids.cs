using System.Reflection;
using EqualFooting.Processes;

namespace EqualFooting.Tests;

/// <summary>Gives domain objects the ids a database would, so pure tests can refer to them.</summary>
internal static class Ids
{
    private static int _next = 1;

    public static void Assign(Process process)
    {
        Set(process, "Id", _next++);
        foreach (var c in process.StakeholderGroups.Cast<Category>().Concat(process.Regions))
        {
            Set(c, "Id", _next++);
            Set(c, "ProcessId", process.Id);
        }
    }

    public static void Set(object target, string property, object value)
    {
        var type = target.GetType();
        PropertyInfo? prop = null;
        for (var t = type; t is not null && prop?.SetMethod is null; t = t.BaseType)
        {
            prop = t.GetProperty(property, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) ?? prop;
        }

        prop!.SetValue(target, value);
    }
}
