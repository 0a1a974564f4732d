namespace SensorStream.Contracts.SchemaRegistry;

/// <summary>Confluent Schema Registry error codes (<c>error_code</c> in error bodies); the HTTP status is the first three digits.</summary>
public static class SchemaRegistryErrorCodes
{
    /// <summary>The request body is not valid JSON or lacks a required field (HTTP 400).</summary>
    public const int BadRequest = 400;

    /// <summary>The schema is incompatible with earlier versions under the subject's compatibility level (HTTP 409).</summary>
    public const int IncompatibleSchema = 409;

    /// <summary>Subject not found (HTTP 404).</summary>
    public const int SubjectNotFound = 40401;

    /// <summary>Version not found (HTTP 404).</summary>
    public const int VersionNotFound = 40402;

    /// <summary>Schema not found (HTTP 404).</summary>
    public const int SchemaNotFound = 40403;

    /// <summary>Subject was soft-deleted; a permanent delete was asked for one that was not (HTTP 404).</summary>
    public const int SubjectSoftDeleted = 40404;

    /// <summary>A permanent delete of a subject that was not soft-deleted first (HTTP 404).</summary>
    public const int SubjectNotSoftDeleted = 40405;

    /// <summary>A permanent delete of a version that was not soft-deleted first (HTTP 404).</summary>
    public const int SchemaVersionNotSoftDeleted = 40407;

    /// <summary>The subject has no subject-level compatibility set (HTTP 404).</summary>
    public const int SubjectLevelCompatibilityNotConfigured = 40408;

    /// <summary>The schema is invalid (HTTP 422).</summary>
    public const int InvalidSchema = 42201;

    /// <summary>The version is not a positive integer or <c>latest</c> (HTTP 422).</summary>
    public const int InvalidVersion = 42202;

    /// <summary>The compatibility level is not one of the known names (HTTP 422).</summary>
    public const int InvalidCompatibilityLevel = 42203;

    /// <summary>The registry failed to store the change (HTTP 500).</summary>
    public const int StoreError = 50001;
}
