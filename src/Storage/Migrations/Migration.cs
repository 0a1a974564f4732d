using System.Security.Cryptography;
using System.Text;

namespace SensorStream.Storage.Migrations;

/// <summary>One versioned schema change, applied once in its own transaction.</summary>
/// <param name="Version">Order of application; never reused.</param>
/// <param name="Name">What it does; recorded in <c>schema_migrations</c> (the time-series migration names its storage path).</param>
/// <param name="Sql">The script.</param>
internal sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script (line endings normalised), so an edited script that was already applied is noticed.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}
