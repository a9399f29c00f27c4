using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProcessId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HistoryAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    HistoryLast = table.Column<long>(type: "INTEGER", nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true)
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
