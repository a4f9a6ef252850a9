using RobustLab.Engine.Layers.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace RobustLab.Torch.Modules;

/// <summary>
/// An engine <see cref="Activation"/> as libtorch operations: its forward f(z), whose autograd gives the engine's own
/// f′(z) (the true gradient), and f′(z) itself, for a slot whose backward is a surrogate (BPDA: <see cref="BpdaFunction"/>).
/// </summary>
/// <remarks>
/// NOTE: where f′ is undefined the convention is PyTorch's and the engine's alike: ReLU′(0) = 0, and a JumpReLU's
/// derivative H(z − κ) leaves out the Dirac mass of its jump (Erichson et al. eq. 3: the masking the paper studies).
/// A randomized JumpReLU draws its κ from the engine activation's own seeded stream (one draw per forward pass,
/// App. C), so both backends see the same κ in the same order.
/// </remarks>
public static class TorchActivation
{
    /// <summary>f(z), differentiable by libtorch's autograd. Call <see cref="Activation.BeginForward"/> first.</summary>
    public static Tensor Forward(Activation f, Tensor z) => f switch
    {
        ReLU => nn.functional.relu(z),
        JumpReLU j => Jump(z, j.Kappa),
        RandomizedJumpReLU r => Jump(z, r.Kappa),
        SlopedReLU s => nn.functional.relu(z) * s.Alpha, // Borji §1: α·max(0, z)
        Tanh => z.tanh(),
        Sigmoid => z.sigmoid(),
        Elu e => nn.functional.elu(z, e.Alpha),
        LeakyReLU l => nn.functional.leaky_relu(z, l.Slope),
        Softplus => nn.functional.softplus(z, beta: 1, threshold: 20),
        _ => throw new NotSupportedException($"The activation {f.Spec} has no libtorch form."),
    };

    /// <summary>f′(z), elementwise (the local derivative the engine's Backward multiplies dy by).</summary>
    public static Tensor Derivative(Activation f, Tensor z) => f switch
    {
        ReLU => Step(z, 0),
        JumpReLU j => Step(z, j.Kappa),
        RandomizedJumpReLU r => Step(z, r.Kappa),
        SlopedReLU s => Step(z, 0) * s.Alpha,
        Tanh => 1 - z.tanh().square(),
        Sigmoid => z.sigmoid() * (1 - z.sigmoid()),
        Elu e => where(z > 0, ones_like(z), z.exp() * e.Alpha),
        LeakyReLU l => where(z > 0, ones_like(z), full_like(z, l.Slope)),
        Softplus => where(z > 20, ones_like(z), z.sigmoid()),
        _ => throw new NotSupportedException($"The activation {f.Spec} has no libtorch form."),
    };

    // J(z) = z·H(z − κ): z where z > κ, else 0 (NaN gives 0, as in the engine). Its autograd derivative is H(z − κ).
    private static Tensor Jump(Tensor z, float kappa) => where(z > kappa, z, zeros_like(z));

    // H(z − κ) as 0/1 floats (0 at z = κ).
    private static Tensor Step(Tensor z, float kappa) => (z > kappa).to(z.dtype);
}
