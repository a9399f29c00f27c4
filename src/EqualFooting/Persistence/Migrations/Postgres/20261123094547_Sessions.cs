using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Sessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Sessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProcessId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Room = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RemoteParticipation = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PolicyKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PolicySettings = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    QueueOpen = table.Column<bool>(type: "boolean", nullable: false),
                    CurrentAgendaItemId = table.Column<int>(type: "integer", nullable: true),
                    AllottedSeconds = table.Column<int>(type: "integer", nullable: true),
                    LastEntryId = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Sessions_Processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "Processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgendaItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PlannedMinutes = table.Column<int>(type: "integer", nullable: false),
                    AllottedSeconds = table.Column<int>(type: "integer", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgendaItems_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FloorOverrides",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    InterventionNumber = table.Column<long>(type: "bigint", nullable: false),
                    SuggestedKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SuggestedId = table.Column<int>(type: "integer", nullable: true),
                    SuggestedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GivenKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GivenId = table.Column<int>(type: "integer", nullable: true),
                    GivenName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FloorOverrides", x => new { x.SessionId, x.InterventionNumber });
                    table.ForeignKey(
                        name: "FK_FloorOverrides_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Interventions",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    SpeakerKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SpeakerId = table.Column<int>(type: "integer", nullable: true),
                    SpeakerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StakeholderGroupId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Gender = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Remote = table.Column<bool>(type: "boolean", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AgendaItemId = table.Column<int>(type: "integer", nullable: true),
                    AllottedSeconds = table.Column<int>(type: "integer", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interventions", x => new { x.SessionId, x.Number });
                    table.ForeignKey(
                        name: "FK_Interventions_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueueEvents",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SpeakerKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SpeakerId = table.Column<int>(type: "integer", nullable: true),
                    SpeakerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EntryId = table.Column<long>(type: "bigint", nullable: true),
                    InterventionNumber = table.Column<long>(type: "bigint", nullable: true),
                    AgendaItemId = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueEvents", x => new { x.SessionId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_QueueEvents_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WaitingHands",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    SpeakerKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SpeakerId = table.Column<int>(type: "integer", nullable: true),
                    SpeakerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StakeholderGroupId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Gender = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Remote = table.Column<bool>(type: "boolean", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaitingHands", x => new { x.SessionId, x.EntryId });
                    table.ForeignKey(
                        name: "FK_WaitingHands_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_SessionId_Position",
                table: "AgendaItems",
                columns: new[] { "SessionId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_SessionId_StakeholderGroupId",
                table: "Interventions",
                columns: new[] { "SessionId", "StakeholderGroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_SpeakerKind_SpeakerId",
                table: "Interventions",
                columns: new[] { "SpeakerKind", "SpeakerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_ProcessId_StartsAt",
                table: "Sessions",
                columns: new[] { "ProcessId", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgendaItems");

            migrationBuilder.DropTable(
                name: "FloorOverrides");

            migrationBuilder.DropTable(
                name: "Interventions");

            migrationBuilder.DropTable(
                name: "QueueEvents");

            migrationBuilder.DropTable(
                name: "WaitingHands");

            migrationBuilder.DropTable(
                name: "Sessions");
        }
    }
}
