using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssessmentGridsAndConferenceLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConferenceUrl",
                table: "Sessions",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssessmentGrids",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Questions = table.Column<string>(type: "TEXT", nullable: false),
                    ScaleMin = table.Column<int>(type: "INTEGER", nullable: false),
                    DividedAt = table.Column<double>(type: "REAL", nullable: false),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    BreakoutId = table.Column<int>(type: "INTEGER", nullable: true),
                    PreviousId = table.Column<int>(type: "INTEGER", nullable: true),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentGrids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentGrids_AssessmentGrids_PreviousId",
                        column: x => x.PreviousId,
                        principalTable: "AssessmentGrids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssessmentGrids_Breakouts_BreakoutId",
                        column: x => x.BreakoutId,
                        principalTable: "Breakouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AssessmentGrids_Processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "Processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GridAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GridId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    Question = table.Column<int>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    StakeholderGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GridAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GridAnswers_AssessmentGrids_GridId",
                        column: x => x.GridId,
                        principalTable: "AssessmentGrids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GridAnswers_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GridAnswers_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GridAnswers_StakeholderGroups_StakeholderGroupId",
                        column: x => x.StakeholderGroupId,
                        principalTable: "StakeholderGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GridConsensus",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GridId = table.Column<int>(type: "INTEGER", nullable: false),
                    BreakoutId = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Question = table.Column<int>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EnteredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GridConsensus", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GridConsensus_AssessmentGrids_GridId",
                        column: x => x.GridId,
                        principalTable: "AssessmentGrids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GridConsensus_Breakouts_BreakoutId",
                        column: x => x.BreakoutId,
                        principalTable: "Breakouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GridConsensus_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentGrids_BreakoutId",
                table: "AssessmentGrids",
                column: "BreakoutId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentGrids_PreviousId",
                table: "AssessmentGrids",
                column: "PreviousId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentGrids_ProcessId_Id",
                table: "AssessmentGrids",
                columns: new[] { "ProcessId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_GridAnswers_GridId_ParticipantId_Question",
                table: "GridAnswers",
                columns: new[] { "GridId", "ParticipantId", "Question" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GridAnswers_ParticipantId",
                table: "GridAnswers",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_GridAnswers_RegionId",
                table: "GridAnswers",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_GridAnswers_StakeholderGroupId",
                table: "GridAnswers",
                column: "StakeholderGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_GridConsensus_BreakoutId",
                table: "GridConsensus",
                column: "BreakoutId");

            migrationBuilder.CreateIndex(
                name: "IX_GridConsensus_GridId_BreakoutId_GroupNumber_Question",
                table: "GridConsensus",
                columns: new[] { "GridId", "BreakoutId", "GroupNumber", "Question" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GridConsensus_RegionId",
                table: "GridConsensus",
                column: "RegionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GridAnswers");

            migrationBuilder.DropTable(
                name: "GridConsensus");

            migrationBuilder.DropTable(
                name: "AssessmentGrids");

            migrationBuilder.DropColumn(
                name: "ConferenceUrl",
                table: "Sessions");
        }
    }
}
