using Daybreak.Events;
using Daybreak.Storage;

namespace Daybreak.Tests;

/// <summary>A target's app id (directory audits' additionalDetails AppId) survives the case file, so a hunt over a
/// case joins a key-add to its app as a live run does.</summary>
public sealed class TargetAppIdTests
{
    [Fact]
    public void A_targets_app_id_comes_back_from_the_case_file()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        using (var writer = new EventWriter(store))
        {
            var add = new AuditEvent { RecordId = "audit:key", Format = "t", Raw = "{}", Time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Source = SourceKind.Audit, Operation = "Update application – Certificates and secrets management" };
            var target = new Target { Kind = "Application", Id = "app-object-1", Name = "Legacy" };
            target.ModifiedProperties.Add(new ModifiedProperty("KeyDescription", "[]", "[\"[KeyIdentifier=k9]\"]"));
            target.AppId = "6f1b4c2a-93d7-4e55-8a0c-2b7e9d1f3a44";
            add.Targets.Add(target);
            writer.Write(add);
            writer.Flush();
        }

        var back = Assert.Single(EventReader.ReadOrdered(store)).Targets.Single();
        Assert.Equal("6f1b4c2a-93d7-4e55-8a0c-2b7e9d1f3a44", back.AppId);
        Assert.Equal(["KeyDescription"], back.ModifiedProperties.Select(p => p.Name)); // the app id is no modified property
    }
}
