namespace EqualFooting.Web.Accounts;

/// <summary>Accounts: registration, sign-in and the first administrator.</summary>
public static class AccountFeature
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<AdministratorSetup>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<EqualFooting.Accounts.Account>, AccountClaims>();
        services.AddRecordActions(AccountRecord.All);
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        app.MapAccountAdministrationEndpoints();
        return app;
    }
}
