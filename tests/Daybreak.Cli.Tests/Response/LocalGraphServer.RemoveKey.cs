using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Daybreak.Tests.Response;

/// <summary>
/// <c>POST /applications/{id}/removeKey</c> and <c>/servicePrincipals/{id}/removeKey</c> with <c>{"keyId", "proof"}</c>,
/// as Graph documents them: the proof is a JWT signed (RS256) with the private key of one of the owner's existing
/// certificates, aud 00000002-0000-0000-c000-000000000000, iss the owner's object id, nbf and exp at most 10 minutes
/// apart. This server checks all of that against the public keys it holds for the owner (written by hand, not with
/// the library Daybreak signs with) and answers 204, or 400 with Graph's error object saying what is wrong.
/// </summary>
internal sealed partial class LocalGraphServer
{
    private const string ProofAudience = "00000002-0000-0000-c000-000000000000";

    /// <summary>Public certificates behind each owner's keyCredentials, by object id (Graph keeps them; its GET returns key null).</summary>
    public Dictionary<string, List<X509Certificate2>> Certificates { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every proof received, valid or not, for the tests to look into.</summary>
    public List<string> Proofs { get; } = [];

    private (int, JsonNode?) RemoveKey(JsonObject owner, string? body)
    {
        JsonNode? request;
        try { request = JsonNode.Parse(body ?? ""); }
        catch (JsonException) { return (400, Error("Request_BadRequest", "The request body is not valid JSON.")); }
        if (request?["keyId"] is not JsonValue k || !k.TryGetValue<string>(out var keyId) || !Guid.TryParse(keyId, out _))
            return (400, Error("Request_BadRequest", "keyId must be a GUID."));
        if (request["proof"] is not JsonValue p || !p.TryGetValue<string>(out var proof))
            return (400, Error("Request_BadRequest", "A proof of possession is required."));
        Proofs.Add(proof);
        var ownerId = owner["id"]!.GetValue<string>();
        if (ProofProblem(ownerId, proof) is { } problem)
            return (400, Error("Request_BadRequest", "Key credential proof of possession validation failed: " + problem));
        var keys = (JsonArray)owner["keyCredentials"]!;
        var key = keys.FirstOrDefault(c => string.Equals(c!["keyId"]!.GetValue<string>(), keyId, StringComparison.OrdinalIgnoreCase));
        if (key is null) return NotFound(keyId);
        keys.Remove(key);
        return (204, null);
    }

    private string? ProofProblem(string ownerId, string proof)
    {
        var parts = proof.Split('.');
        if (parts.Length != 3) return "not a signed JWT.";
        JsonNode? header, claims;
        try
        {
            header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]));
            claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception ex) when (ex is JsonException or FormatException) { return "the token header or claims cannot be read."; }
        if (Text(header?["alg"]) != "RS256") return "the token must be signed with RS256.";
        if (string.IsNullOrEmpty(Text(header?["x5t"]))) return "the token header has no x5t.";
        if (Text(claims?["aud"]) != ProofAudience) return $"aud must be {ProofAudience}.";
        if (!string.Equals(Text(claims?["iss"]), ownerId, StringComparison.OrdinalIgnoreCase)) return "iss must be the object id of the application or service principal.";
        if (Seconds(claims?["nbf"]) is not { } nbf || Seconds(claims?["exp"]) is not { } exp) return "nbf and exp are required.";
        if (exp <= nbf || exp - nbf > 600) return "nbf and exp must be at most 10 minutes apart.";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (now < nbf - 300 || now > exp) return "the token is not valid now.";
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var signature = Base64Url.DecodeFromChars(parts[2]);
        foreach (var certificate in Certificates.GetValueOrDefault(ownerId) ?? [])
        {
            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is not null && rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)) return null;
        }
        return "the token is not signed by any key of this object.";
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Seconds(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}
