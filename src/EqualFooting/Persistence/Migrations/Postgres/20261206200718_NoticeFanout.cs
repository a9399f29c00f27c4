using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NoticeFanout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NoticeFanouts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ProcessId = table.Column<int>(type: "integer", nullable: false),
                    ConsultationId = table.Column<int>(type: "integer", nullable: false),
                    CampaignId = table.Column<long>(type: "bigint", nullable: false),
                    Detail = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HistoryAfter = table.Column<long>(type: "bigint", nullable: false),
                    HistoryLast = table.Column<long>(type: "bigint", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeFanouts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Fanout",
                table: "Notifications",
                columns: new[] { "ItemId", "CommentId" },
                unique: true,
                filter: "\"Kind\" = 'CampaignDisposed'");

            migrationBuilder.CreateIndex(
                name: "IX_NoticeFanouts_DoneAt_Id",
                table: "NoticeFanouts",
                columns: new[] { "DoneAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NoticeFanouts");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Fanout",
                table: "Notifications");
        }
    }
}
