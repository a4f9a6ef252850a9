namespace RobustLab.Web.Services.Registry;

/// <summary>Why the registry refused an operation (an HTTP endpoint maps it to a status code).</summary>
public enum RegistryRefusal
{
    /// <summary>The request is invalid: a bad name, a file that is not a model (400).</summary>
    Invalid,

    /// <summary>The name is taken by a built-in or a registered model (409).</summary>
    NameTaken,

    /// <summary>The file is larger than RobustLab:MaxModelFileBytes (413).</summary>
    TooLarge,

    /// <summary>There is no such model (404).</summary>
    NotFound,

    /// <summary>The model's database row or file is damaged (its message says what; other models are not affected).</summary>
    Damaged,

    /// <summary>The server does not accept this kind of model: a TorchScript upload while RobustLab:Registry:AllowTorchScript is off (403).</summary>
    Disabled,
}
