using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Daybreak.Tests.Response;

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1 that keeps what it receives; it can refuse every message after the first N.</summary>
internal sealed class LocalSmtpServer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly Store _store;

    public LocalSmtpServer(int? acceptOnly = null)
    {
        Port = FreePort();
        _store = new Store(acceptOnly);
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)).Build();
        var services = new ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages { get { lock (_store.Messages) return _store.Messages.ToList(); } }

    private sealed class Store(int? acceptOnly) : MessageStore
    {
        public List<MimeMessage> Messages { get; } = [];

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            lock (Messages)
            {
                if (acceptOnly is { } n && Messages.Count >= n)
                    return Task.FromResult(new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.3.4 test server refuses more messages"));
                using var stream = new MemoryStream(buffer.ToArray());
                Messages.Add(MimeMessage.Load(stream));
            }
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _server.Shutdown();
        try { _running.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
