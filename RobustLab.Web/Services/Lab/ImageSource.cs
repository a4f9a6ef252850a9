namespace RobustLab.Web.Services.Lab;

/// <summary>Where the Lab's image came from.</summary>
public enum ImageSource
{
    Mnist,
    Drawing,
    Upload,
}
