using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommitmentOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerAccountId",
                table: "Commitments",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerAccountId",
                table: "CommitmentMilestones",
                type: "TEXT",
                maxLength: 450,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OwnerAccountId",
                table: "Commitments");

            migrationBuilder.DropColumn(
                name: "OwnerAccountId",
                table: "CommitmentMilestones");
        }
    }
}
