using System.Reflection;
using Daybreak.Decoders.Ual;
using Daybreak.Events;

namespace Daybreak.Tests.Decoders.Ual;

/// <summary>
/// The fast UAL reader uses one record per thread and resets it for each line: a field that <see cref="UalRecord.Reset"/>
/// forgets would carry one record's value into the next (a field added to the record later, most likely).
/// </summary>
public sealed class UalRecordResetTests
{
    [Fact]
    public void Reset_leaves_every_field_as_a_new_record_has_it()
    {
        var fields = typeof(UalRecord).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.True(fields.Length > 30, $"{fields.Length} fields");
        var record = new UalRecord();
        foreach (var field in fields) field.SetValue(record, SomeValue(field.FieldType));
        foreach (var field in fields) Assert.NotEqual(field.GetValue(new UalRecord()), field.GetValue(record));

        record.Reset();

        var fresh = new UalRecord();
        foreach (var field in fields) Assert.True(Equals(field.GetValue(fresh), field.GetValue(record)) || IsEmptyList(field.GetValue(fresh), field.GetValue(record)), field.Name);
    }

    private static object SomeValue(Type type)
    {
        if (type == typeof(string)) return "x";
        if (type == typeof(DateTime)) return new DateTime(2024, 1, 12, 0, 0, 0, DateTimeKind.Utc);
        if (type == typeof(IReadOnlyList<ModifiedProperty>)) return new List<ModifiedProperty> { new("Name", null, "v") };
        if (type == typeof(List<MailFolder>)) return new List<MailFolder> { new() };
        if (type == typeof(AadIdentities.Entity)) return new AadIdentities.Entity("User", "id", "name", "upn", null);
        throw new InvalidOperationException($"no test value for a field of type {type}: add one");
    }

    /// <summary>A new record's lists are empty rather than null; any empty list resets them.</summary>
    private static bool IsEmptyList(object? expected, object? actual) =>
        expected is IReadOnlyList<ModifiedProperty> { Count: 0 } && actual is IReadOnlyList<ModifiedProperty> { Count: 0 };
}
