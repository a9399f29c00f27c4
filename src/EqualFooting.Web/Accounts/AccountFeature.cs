using EqualFooting.Accounts;

namespace EqualFooting.Web.Accounts;

/// <summary>Accounts: registration, sign-in and the first administrator.</summary>
public static class AccountFeature
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var d = SignInDelays.Default;
        services.AddSingleton(new SignInDelays(
            configuration.GetValue("SignIn:FreeFailuresPerAddress", d.FreeFailuresPerAddress),
            configuration.GetValue("SignIn:AddressWaitCap", d.AddressCap),
            configuration.GetValue("SignIn:FreeFailuresPerSource", d.FreeFailuresPerSource),
            configuration.GetValue("SignIn:SourceWaitCap", d.SourceCap)));
        services.AddScoped<SignInGuard>();
        services.AddSingleton(RegistrationSettings.From(configuration));
        services.AddScoped<RegistrationByEmail>();
        services.AddScoped<Microsoft.AspNetCore.Identity.IUserConfirmation<Account>, AccountConfirmation>();
        services.AddSingleton<AdministratorSetup>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<EqualFooting.Accounts.Account>, AccountClaims>();
        services.AddRecordActions(AccountRecord.All);
        services.AddSingleton<UnconfirmedAccounts>();
        services.AddHostedService(sp => sp.GetRequiredService<UnconfirmedAccounts>());
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        app.MapAccountAdministrationEndpoints();
        return app;
    }
}
