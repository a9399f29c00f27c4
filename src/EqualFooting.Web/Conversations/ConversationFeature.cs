namespace EqualFooting.Web.Conversations;

/// <summary>Conversations in a process: statements, votes, moderation, and the opinion map computed from the votes.</summary>
public static class ConversationFeature
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddScoped<ConversationCommands>();
        services.AddScoped<ConversationQueries>();
        services.AddSingleton<ConversationAnalyses>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationAnalyses>());
        services.AddRecordActions(ConversationRecord.All);
        services.AddProcessSection<ConversationsSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        app.MapConversationEndpoints();
        app.MapHub<ConversationHub>(ConversationHub.Path);
        return app;
    }
}
