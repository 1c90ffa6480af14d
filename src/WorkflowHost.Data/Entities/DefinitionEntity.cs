namespace WorkflowHost.Data.Entities;

/// <summary>Lifecycle of one definition version.</summary>
public static class DefinitionStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
    /// <summary>Was published before a newer version replaced it; its running instances continue on it.</summary>
    public const string Retired = "retired";
}

/// <summary>One version of a procedure definition, with its BPMN XML stored verbatim.</summary>
public sealed class DefinitionEntity
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public required string Status { get; set; }
    public required string Xml { get; set; }
    /// <summary>SHA-256 of the XML, so re-deploying identical XML at start-up is a no-op.</summary>
    public required string XmlHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>Who made this version the published one (null for versions published before the designer existed or at start-up).</summary>
    public string? PublishedBy { get; set; }
    /// <summary>What changed in this version, in the publisher's words; shown in the designer's version history.</summary>
    public string? ChangeNote { get; set; }
}

/// <summary>
/// A process owner of one procedure (definition key): may deploy and publish its versions, name its owners, read and
/// cancel its instances and broadcast messages to them. The first deployer of a key becomes its owner; admins own every key.
/// </summary>
public sealed class DefinitionOwnerEntity
{
    public required string DefinitionKey { get; set; }
    public required string UserName { get; set; }
}

/// <summary>
/// A process owner's work in progress on one definition key, saved from the designer. Unlike a version it may be
/// incomplete or invalid (it is never run); publishing validates it, deploys it as the next version and removes it.
/// </summary>
public sealed class DefinitionDraftEntity
{
    public required string Key { get; set; }
    public required string Xml { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
