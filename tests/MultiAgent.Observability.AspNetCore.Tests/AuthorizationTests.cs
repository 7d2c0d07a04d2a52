using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.AspNetCore.Tests;

public sealed class AuthorizationTests
{
    private const string TestScheme = "Test";
    private const string UserHeader = "X-Test-User";

    private static readonly string[] Paths = ["metrics", "healthz", "readyz", "api/fleet", "api/alerts", "api/traces", "dashboard"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequireAuthorization_AppliesToEveryMappedEndpoint()
    {
        await using var host = await FleetScenario.StartAsync(
            monitoring =>
            {
                monitoring.Services.AddAuthentication(TestScheme).AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(TestScheme, null);
                monitoring.Services.AddAuthorizationBuilder().AddPolicy("monitoring", policy => policy.RequireAuthenticatedUser());
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapMultiAgentMonitoring().RequireAuthorization("monitoring");
            });

        foreach (var path in Paths)
        {
            using var anonymous = await host.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {anonymous.StatusCode}");

            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(UserHeader, "operator");
            using var authorized = await host.Client.SendAsync(request, Ct);
            Assert.True(authorized.StatusCode == HttpStatusCode.OK, $"{path}: {authorized.StatusCode}");
        }
    }

    /// <summary>Authenticates a request that names a user in <see cref="UserHeader"/>.</summary>
    private sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.ToString())], TestScheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), TestScheme)));
        }
    }
}
