namespace EqualFooting.Web.Mail;

public static class MailFeature
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpSettings>(configuration.GetSection("Smtp"));
        services.AddScoped<Mailer>();
        services.AddSingleton<SiteAddress>();
        services.AddScoped<IMailTransport, SmtpTransport>();
        services.AddSingleton<MailDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<MailDelivery>());
        return services;
    }
}
