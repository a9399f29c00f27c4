using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionUi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportedInterventions",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SpeakerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SpeakerKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Words = table.Column<int>(type: "INTEGER", nullable: false),
                    EstimatedSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportedInterventions", x => new { x.SessionId, x.Number });
                    table.ForeignKey(
                        name: "FK_ImportedInterventions_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RemoteHubs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StakeholderGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    StakeholderMix = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OperatorAccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemoteHubs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RemoteHubs_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpeakerNames",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: true),
                    StakeholderGroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: true),
                    MappedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpeakerNames", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpeakerNames_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpeakerNames_Processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "Processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportedInterventions_SpeakerKey",
                table: "ImportedInterventions",
                column: "SpeakerKey");

            migrationBuilder.CreateIndex(
                name: "IX_RemoteHubs_OperatorAccountId",
                table: "RemoteHubs",
                column: "OperatorAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_RemoteHubs_SessionId",
                table: "RemoteHubs",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SpeakerNames_ParticipantId",
                table: "SpeakerNames",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_SpeakerNames_ProcessId_Key",
                table: "SpeakerNames",
                columns: new[] { "ProcessId", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportedInterventions");

            migrationBuilder.DropTable(
                name: "RemoteHubs");

            migrationBuilder.DropTable(
                name: "SpeakerNames");
        }
    }
}
