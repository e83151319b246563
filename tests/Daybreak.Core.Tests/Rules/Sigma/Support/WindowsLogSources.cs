using Daybreak.Rules.Sigma;

namespace Daybreak.Tests.Rules.Sigma.Support;

/// <summary>Routing of Windows events to Sigma log sources by Channel and EventID (test support for the regression set).</summary>
internal static class WindowsLogSources
{
    private static readonly Dictionary<string, string> Services = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Security"] = "security",
        ["System"] = "system",
        ["Application"] = "application",
        ["Microsoft-Windows-Sysmon/Operational"] = "sysmon",
        ["Microsoft-Windows-PowerShell/Operational"] = "powershell",
        ["Windows PowerShell"] = "powershell-classic",
        ["Microsoft-Windows-Windows Defender/Operational"] = "windefend",
        ["Microsoft-Windows-TaskScheduler/Operational"] = "taskscheduler",
        ["Microsoft-Windows-WMI-Activity/Operational"] = "wmi",
        ["Microsoft-Windows-Bits-Client/Operational"] = "bits-client",
        ["Microsoft-Windows-DNS-Client/Operational"] = "dns-client",
    };

    private static readonly Dictionary<int, string[]> SysmonCategories = new()
    {
        [1] = ["process_creation"], [2] = ["file_change"], [3] = ["network_connection"], [5] = ["process_termination"],
        [6] = ["driver_load"], [7] = ["image_load"], [8] = ["create_remote_thread"], [9] = ["raw_access_thread"],
        [10] = ["process_access"], [11] = ["file_event"], [12] = ["registry_add", "registry_delete", "registry_event"],
        [13] = ["registry_set", "registry_event"], [14] = ["registry_rename", "registry_event"], [15] = ["create_stream_hash"],
        [17] = ["pipe_created"], [18] = ["pipe_created"], [19] = ["wmi_event"], [20] = ["wmi_event"], [21] = ["wmi_event"],
        [22] = ["dns_query"], [23] = ["file_delete"], [24] = ["clipboard_capture"], [25] = ["process_tampering"],
        [26] = ["file_delete_detected"], [27] = ["file_block_executable"], [28] = ["file_block_shredding"], [29] = ["file_executable_detected"],
    };

    public static IReadOnlyList<SigmaLogSource> For(ISigmaEvent evt)
    {
        var channel = evt.TryGetField("Channel", out var c) ? c.Text : null;
        var eventId = evt.TryGetField("EventID", out var e) && e.TryGetNumber(out var n) ? (int)n : -1;
        var service = channel is not null && Services.TryGetValue(channel, out var s) ? s : null;
        var categories = service switch
        {
            "sysmon" when SysmonCategories.TryGetValue(eventId, out var cats) => cats,
            "security" when eventId == 4688 => ["process_creation"],
            "powershell" when eventId == 4104 => ["ps_script"],
            "powershell" when eventId == 4103 => ["ps_module"],
            "powershell-classic" when eventId == 400 => ["ps_classic_start"],
            "powershell-classic" when eventId == 800 => ["ps_classic_provider_start"],
            _ => Array.Empty<string>(),
        };
        if (categories.Length == 0) return [new SigmaLogSource("windows", service, null)];
        return categories.Select(cat => new SigmaLogSource("windows", service, cat)).ToArray();
    }
}
