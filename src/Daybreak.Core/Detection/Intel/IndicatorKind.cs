using System.Net;

namespace Daybreak.Detection.Intel;

/// <summary>What an imported indicator names; each kind is matched against one or more event fields.</summary>
public enum IndicatorKind
{
    /// <summary>An IPv4 or IPv6 address: matched against the client IP of every event.</summary>
    Ip,
    /// <summary>An application (client) id: matched against the actor's app id and the mail client app id.</summary>
    App,
    /// <summary>A user principal name: matched against the acting user.</summary>
    Upn,
    /// <summary>A domain: matched against the domain part of the acting user's UPN.</summary>
    Domain,
}

/// <summary>Names and value normalisation for <see cref="IndicatorKind"/>, shared by import, storage and matching.</summary>
public static class IndicatorKinds
{
    public static string Name(this IndicatorKind kind) => kind switch
    {
        IndicatorKind.Ip => "ip",
        IndicatorKind.App => "app",
        IndicatorKind.Upn => "upn",
        IndicatorKind.Domain => "domain",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Reads a kind as stored, or as a CSV "type" cell (ip, ipv4, ipv6, app, appid, upn, user, email, domain).</summary>
    public static bool TryParse(string? text, out IndicatorKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "ip" or "ipv4" or "ipv6" or "ipv4-addr" or "ipv6-addr" or "ip-address": kind = IndicatorKind.Ip; return true;
            case "app" or "appid" or "app-id" or "app_id" or "application" or "client-id": kind = IndicatorKind.App; return true;
            case "upn" or "user" or "email" or "email-addr" or "account": kind = IndicatorKind.Upn; return true;
            case "domain" or "domain-name": kind = IndicatorKind.Domain; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>
    /// The form matching compares: IPs in canonical text (so "::ffff:1.2.3.4" and zero-padded IPv6 spellings join),
    /// everything else trimmed and lower-cased. Null when the value is not valid for its kind.
    /// </summary>
    public static string? Normalise(IndicatorKind kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        switch (kind)
        {
            case IndicatorKind.Ip:
                if (!IPAddress.TryParse(v, out var ip)) return null;
                if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
                return ip.ToString().ToLowerInvariant();
            case IndicatorKind.App:
                return Guid.TryParse(v, out var g) ? g.ToString("D") : null;
            case IndicatorKind.Upn:
                return v.Contains('@') ? v.ToLowerInvariant() : null;
            case IndicatorKind.Domain:
                v = v.TrimEnd('.').ToLowerInvariant();
                return v.Length > 0 && v.Contains('.') && !v.Contains('@') && !v.Contains(' ') ? v : null;
            default:
                return null;
        }
    }
}
