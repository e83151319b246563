using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Daybreak.Storage;
using static Daybreak.Tests.Response.MidnightCase;

namespace Daybreak.Tests.Response;

/// <summary>
/// <c>daybreak contain --proof-certificate</c>: certificates removed with removeKey and a proof of possession, checked
/// by the local Graph against the public key it holds for the owner; the proof never reaches the ledger in clear.
/// </summary>
public sealed class ContainProofTests
{
    private const string Password = "pfx-pass-7";

    [Fact]
    public void A_proof_the_owner_can_verify_removes_the_key_with_removeKey_and_a_rerun_sends_nothing()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var held = TestCertificates.Create("responder-held");
        var pfx = TestCertificates.WritePfx(dir, held, "held.pfx", Password);
        using var graph = new LocalGraphServer();
        ContainTests.Seed(graph);
        graph.Certificates[NewSp] = [TestCertificates.PublicPart(held)];

        // The dry run already shows removeKey for the certificate step.
        var plan = JsonNode.Parse(Cli.Run("contain", IncidentId, "--db", db, "--json", "--proof-certificate", pfx, "--proof-certificate-password", Password).Out)!;
        var planned = plan["steps"]!.AsArray().Single(s => s!["action"]!.GetValue<string>() == "remove-key")!;
        Assert.Equal(("POST", $"/servicePrincipals/{NewSp}/removeKey"), (planned["method"]!.GetValue<string>(), planned["path"]!.GetValue<string>()));
        Assert.Contains(held.Thumbprint, planned["body"]!.GetValue<string>(), StringComparison.Ordinal);

        var r = Cli.Run("contain", IncidentId, "--db", db, "--execute", "--graph-url", graph.BaseUrl, "--token", LocalGraphServer.Token, "--json",
            "--proof-certificate", pfx, "--proof-certificate-password", Password);
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        var got = graph.Snapshot();
        Assert.Single(got, q => q.Method == "POST" && q.Path == $"/servicePrincipals/{NewSp}/removeKey");
        Assert.DoesNotContain(got, q => q.Method == "PATCH" && q.Body!.Contains("keyCredentials", StringComparison.Ordinal));
        Assert.Equal(["c3c3c3c3-0000-4c1d-9a6b-00000000000b"], graph.ServicePrincipals[NewSp]["keyCredentials"]!.AsArray().Select(k => k!["keyId"]!.GetValue<string>()));

        // The proof as sent: the claims and header Graph documents (the server has already verified the signature).
        var proof = Assert.Single(graph.Proofs);
        var parts = proof.Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal(Base64Url.EncodeToString(SHA1.HashData(held.RawData)), header["x5t"]!.GetValue<string>());
        Assert.Equal("00000002-0000-0000-c000-000000000000", claims["aud"]!.GetValue<string>());
        Assert.Equal(NewSp, claims["iss"]!.GetValue<string>());
        Assert.InRange(claims["exp"]!.GetValue<long>() - claims["nbf"]!.GetValue<long>(), 1, 600);

        // The ledger keeps the request, with the proof redacted; neither the proof nor key material is anywhere in it.
        using (var store = CaseStore.OpenReadOnly(db))
        {
            var rows = new ActionLedger(store).Read(IncidentId);
            var removeKey = Assert.Single(rows, a => a.Kind == "request" && a.Url!.EndsWith("/removeKey", StringComparison.Ordinal));
            Assert.Equal((204, "ok"), (removeKey.Status!.Value, removeKey.Outcome));
            Assert.Contains("[redacted: proof of possession signed by certificate " + held.Thumbprint + "]", removeKey.RequestBody, StringComparison.Ordinal);
            var all = string.Join("\n", store.Query("SELECT * FROM actions").Rows.SelectMany(row => row.Select(v => v?.ToString())));
            Assert.DoesNotContain(parts[2], all, StringComparison.Ordinal);
            Assert.DoesNotContain(parts[1], all, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", all, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, all, StringComparison.Ordinal);
        }

        var before = graph.Snapshot().Count;
        var again = Cli.Run("contain", IncidentId, "--db", db, "--execute", "--graph-url", graph.BaseUrl, "--token", LocalGraphServer.Token,
            "--proof-certificate", pfx, "--proof-certificate-password", Password);
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Equal(before, graph.Snapshot().Count);
        Assert.Contains("9 already done", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proof_signed_by_a_key_the_owner_does_not_hold_fails_the_step_with_graphs_message()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var held = TestCertificates.Create("responder-held");
        using var other = TestCertificates.Create("someone-else");
        var pem = TestCertificates.WritePem(dir, other, "other.pem");
        using var graph = new LocalGraphServer();
        ContainTests.Seed(graph);
        graph.Certificates[NewSp] = [TestCertificates.PublicPart(held)];

        var r = Cli.Run("contain", IncidentId, "--db", db, "--execute", "--graph-url", graph.BaseUrl, "--token", LocalGraphServer.Token, "--json",
            "--proof-certificate", pem);
        Assert.Equal(4, r.ExitCode);
        var steps = JsonNode.Parse(r.Out)!["steps"]!.AsArray();
        var step = steps.Single(s => s!["action"]!.GetValue<string>() == "remove-key")!;
        Assert.Equal("FAILED", step["status"]!.GetValue<string>());
        Assert.Equal("HTTP 400 Request_BadRequest: Key credential proof of possession validation failed: the token is not signed by any key of this object.",
            step["note"]!.GetValue<string>());
        Assert.All(steps.Where(s => s != step), s => Assert.Equal("done", s!["status"]!.GetValue<string>()));
        Assert.Equal(2, graph.ServicePrincipals[NewSp]["keyCredentials"]!.AsArray().Count);

        // Without the proof, the rerun removes it the other way (keyCredentials) and touches nothing already done.
        var before = graph.Snapshot().Count;
        var again = Cli.Run("contain", IncidentId, "--db", db, "--execute", "--graph-url", graph.BaseUrl, "--token", LocalGraphServer.Token);
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Contains("8 already done", again.Out, StringComparison.Ordinal);
        Assert.Equal(2, graph.Snapshot().Count - before); // the GET and the PATCH
        Assert.Equal(["c3c3c3c3-0000-4c1d-9a6b-00000000000b"], graph.ServicePrincipals[NewSp]["keyCredentials"]!.AsArray().Select(k => k!["keyId"]!.GetValue<string>()));
    }

    [Fact]
    public void A_proof_certificate_without_its_private_key_is_a_usage_error()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var cert = TestCertificates.Create("public-only");
        var path = dir.Write("public.pem", cert.ExportCertificatePem());
        var r = Cli.Run("contain", IncidentId, "--db", db, "--proof-certificate", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("proof certificate", r.Error, StringComparison.Ordinal);
    }
}
