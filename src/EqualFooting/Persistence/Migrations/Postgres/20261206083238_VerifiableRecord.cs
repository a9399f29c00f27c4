using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VerifiableRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "LeafHash",
                table: "Record",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LogIndex",
                table: "Record",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RecordLog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Frontier = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecordLogNodes",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordLogNodes", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "RecordReceipts",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    LogIndex = table.Column<long>(type: "bigint", nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordReceipts", x => new { x.AccountId, x.LogIndex });
                });

            migrationBuilder.CreateTable(
                name: "RecordTreeHeads",
                columns: table => new
                {
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    RootHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Timestamp = table.Column<long>(type: "bigint", nullable: false),
                    KeyId = table.Column<byte[]>(type: "bytea", nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordTreeHeads", x => x.Size);
                });

            migrationBuilder.InsertData(
                table: "RecordLog",
                columns: new[] { "Id", "Frontier", "Size" },
                values: new object[] { 1, new byte[0], 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Record_LogIndex",
                table: "Record",
                column: "LogIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordReceipts_LogIndex",
                table: "RecordReceipts",
                column: "LogIndex");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecordLog");

            migrationBuilder.DropTable(
                name: "RecordLogNodes");

            migrationBuilder.DropTable(
                name: "RecordReceipts");

            migrationBuilder.DropTable(
                name: "RecordTreeHeads");

            migrationBuilder.DropIndex(
                name: "IX_Record_LogIndex",
                table: "Record");

            migrationBuilder.DropColumn(
                name: "LeafHash",
                table: "Record");

            migrationBuilder.DropColumn(
                name: "LogIndex",
                table: "Record");
        }
    }
}
