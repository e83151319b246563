using System.Reflection;
using Daybreak.Events;

namespace Daybreak.Tests.Events;

/// <summary>Detections keep <see cref="AuditEvent.WithoutRaw"/> copies in their windows; a field added to the event
/// and forgotten in the copy would silently vanish from evidence, so every public property is compared.</summary>
public sealed class WithoutRawTests
{
    [Fact]
    public void The_copy_has_every_field_but_the_raw_text()
    {
        var evt = new AuditEvent { RecordId = "signin:1", Format = "signin.graph", Raw = new string('x', 4096) };
        var counter = 0;
        foreach (var owner in new object[] { evt, evt.Outcome, evt.Actor, evt.Network, evt.Auth })
        {
            foreach (var p in owner.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                if (p.Name == nameof(AuditEvent.Raw)) continue;
                var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                object? value = type == typeof(string) ? "v" + ++counter
                    : type == typeof(DateTime) ? new DateTime(2024, 1, 1, 0, 0, counter++, DateTimeKind.Utc)
                    : type == typeof(long) ? (long)++counter
                    : type == typeof(int) ? ++counter
                    : type == typeof(bool) ? true
                    : type.IsEnum ? Enum.GetValues(type).GetValue(1)
                    : type == typeof(SourcePosition) ? new SourcePosition("f", ++counter)
                    : type == typeof(MailAccess) ? new MailAccess { MailboxOwnerUpn = "ceo@contoso.com" }
                    : throw new InvalidOperationException($"no sample value for {owner.GetType().Name}.{p.Name} ({type.Name}): add one, and copy it in WithoutRaw");
                p.SetValue(owner, value);
            }
        }
        evt.Targets.Add(new Target { Kind = "User", Id = "u1" });

        var copy = evt.WithoutRaw();

        Assert.Equal("", copy.Raw);
        foreach (var (a, b) in new (object, object)[] { (evt, copy), (evt.Outcome, copy.Outcome), (evt.Actor, copy.Actor), (evt.Network, copy.Network), (evt.Auth, copy.Auth) })
        {
            foreach (var p in a.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != nameof(AuditEvent.Raw)))
                Assert.True(Equals(p.GetValue(a), p.GetValue(b)), $"{a.GetType().Name}.{p.Name} not copied");
        }
        Assert.Equal(evt.Targets, copy.Targets);
        Assert.Same(copy, copy.WithoutRaw());
    }
}
