using Microsoft.Extensions.Options;

namespace RobustLab.Web.Services.Sharing;

/// <summary>Checks "RobustLab:Sharing" at startup, with a message that names the setting.</summary>
public sealed class SharingOptionsValidator : IValidateOptions<SharingOptions>
{
    public ValidateOptionsResult Validate(string? name, SharingOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
