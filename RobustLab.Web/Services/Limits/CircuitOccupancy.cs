namespace RobustLab.Web.Services.Limits;

/// <summary>How many circuits are live, in total and from one client, against their limits.</summary>
/// <param name="Client">The client's key: its remote IP address (see <see cref="CircuitClient"/>).</param>
public sealed record CircuitOccupancy(int Total, int TotalLimit, string Client, int ClientCircuits, int ClientLimit)
{
    /// <summary>True when every place in the lab is taken.</summary>
    public bool LabIsFull => Total >= TotalLimit;

    /// <summary>True when this client has all the tabs it may have.</summary>
    public bool ClientIsFull => ClientCircuits >= ClientLimit;

    /// <summary>True when a new circuit from this client would be refused.</summary>
    public bool IsFull => LabIsFull || ClientIsFull;

    /// <summary>Why a new circuit is refused, in words a student can act on (one or two sentences).</summary>
    public string Reason => LabIsFull
        ? $"All {TotalLimit} places in the lab are taken: {Total} sessions are in use."
        : $"This computer already has {ClientCircuits} lab tabs open, the most one computer may have ({Total} of {TotalLimit} places in the lab are in use). Closing a tab you no longer need frees a place.";
}
