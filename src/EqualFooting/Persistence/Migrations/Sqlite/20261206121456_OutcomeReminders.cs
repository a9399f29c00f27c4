using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutcomeReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AdviceReminderDays",
                table: "OutcomeSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 90); // existing processes keep the default wait (OutcomeSettings.DefaultAdviceReminderDays)

            migrationBuilder.AddColumn<int>(
                name: "ItemId",
                table: "Notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OutcomeReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessId = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeReminders_Processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "Processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentMilestones_CompletedOn_DueOn",
                table: "CommitmentMilestones",
                columns: new[] { "CompletedOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeReminders_Kind_ItemId",
                table: "OutcomeReminders",
                columns: new[] { "Kind", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeReminders_ProcessId",
                table: "OutcomeReminders",
                column: "ProcessId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomeReminders");

            migrationBuilder.DropIndex(
                name: "IX_CommitmentMilestones_CompletedOn_DueOn",
                table: "CommitmentMilestones");

            migrationBuilder.DropColumn(
                name: "AdviceReminderDays",
                table: "OutcomeSettings");

            migrationBuilder.DropColumn(
                name: "ItemId",
                table: "Notifications");
        }
    }
}
