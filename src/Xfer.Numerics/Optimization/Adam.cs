using System;

namespace Xfer.Numerics.Optimization;

/// <summary>
/// The Adam optimiser (Kingma &amp; Ba, ICLR 2015, Algorithm 1) over one flat parameter vector, in float64.
/// One instance per parameter group; each group may have its own learning rate.
/// </summary>
/// <remarks>
/// Update, with t the step count starting at 1: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// θ ← θ − lr·m̂/(√v̂ + ε̂) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). This is the form of the paper and of
/// PyTorch's <c>torch.optim.Adam</c> (ε added after the square root). Keras/TF put ε̂ inside the
/// bias correction (ε̂·√(1−β₂ᵗ)); the difference is below ε̂ and matters only when v̂ ≈ 0.
/// <see cref="AdamEpsilonPlacement.Keras"/> reproduces the Keras/TF update exactly:
/// θ ← θ − lr·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε) (TF <c>ApplyAdam</c> and Keras <c>Adam.update_step</c>).
/// </remarks>
public sealed class Adam
{
    private readonly double[] _m;
    private readonly double[] _v;
    private double _beta1Power = 1.0;
    private double _beta2Power = 1.0;

    /// <summary>Creates the optimiser state for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">Length of the parameter vector.</param>
    /// <param name="learningRate">Step size lr.</param>
    /// <param name="beta1">First-moment decay β₁ (paper default 0.9).</param>
    /// <param name="beta2">Second-moment decay β₂ (paper default 0.999).</param>
    /// <param name="epsilon">ε̂ (paper and PyTorch default 1e-8; Keras uses 1e-7).</param>
    /// <param name="placement">Where ε̂ enters the update (PyTorch/paper by default, or Keras/TF).</param>
    public Adam(int parameterCount, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, AdamEpsilonPlacement placement = AdamEpsilonPlacement.PyTorch)
    {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), "Adam needs lr > 0, 0 ≤ β₁, β₂ < 1 and ε > 0.");
        }

        _m = new double[parameterCount];
        _v = new double[parameterCount];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Placement = placement;
    }

    /// <summary>Where ε̂ enters the update.</summary>
    public AdamEpsilonPlacement Placement { get; }

    /// <summary>Step size.</summary>
    public double LearningRate { get; set; }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε̂.</summary>
    public double Epsilon { get; }

    /// <summary>Steps taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>Takes one step: updates <paramref name="parameters"/> in place from <paramref name="gradient"/>.</summary>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != _m.Length || gradient.Length != _m.Length)
        {
            throw new ArgumentException($"Adam was created for {_m.Length} parameters; got {parameters.Length} parameters and {gradient.Length} gradients.");
        }

        Steps++;
        _beta1Power *= Beta1;
        _beta2Power *= Beta2;
        double c1 = 1.0 / (1.0 - _beta1Power);
        double c2 = 1.0 / (1.0 - _beta2Power);
        if (Placement == AdamEpsilonPlacement.Keras)
        {
            double alpha = LearningRate * Math.Sqrt(1.0 - _beta2Power) * c1;
            for (int i = 0; i < parameters.Length; i++)
            {
                double g = gradient[i];
                _m[i] = (Beta1 * _m[i]) + ((1.0 - Beta1) * g);
                _v[i] = (Beta2 * _v[i]) + ((1.0 - Beta2) * g * g);
                parameters[i] -= alpha * _m[i] / (Math.Sqrt(_v[i]) + Epsilon);
            }

            return;
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradient[i];
            _m[i] = (Beta1 * _m[i]) + ((1.0 - Beta1) * g);
            _v[i] = (Beta2 * _v[i]) + ((1.0 - Beta2) * g * g);
            parameters[i] -= LearningRate * (_m[i] * c1) / (Math.Sqrt(_v[i] * c2) + Epsilon);
        }
    }
}

/// <summary>Where Adam's ε̂ is added.</summary>
public enum AdamEpsilonPlacement
{
    /// <summary>After bias correction: lr·m̂/(√v̂ + ε̂) (paper, PyTorch).</summary>
    PyTorch,

    /// <summary>Before bias correction: lr·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε̂) (Keras, TensorFlow).</summary>
    Keras,
}
