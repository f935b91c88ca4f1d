using System.Collections.Generic;
using Xfer.Numerics.Classification;

namespace Xfer.Evaluation.Probing;

/// <summary>Cross-validation outcome of one regularisation strength.</summary>
/// <param name="L2">The penalty l2 (see <see cref="SoftmaxRegression"/>).</param>
/// <param name="MeanAccuracy">Validation accuracy averaged over folds.</param>
/// <param name="MeanCrossEntropy">Validation cross-entropy (mean nats) averaged over folds.</param>
/// <param name="FoldAccuracy">Validation accuracy of each fold.</param>
/// <param name="FoldCrossEntropy">Validation cross-entropy of each fold.</param>
/// <param name="Iterations">L-BFGS iterations summed over folds.</param>
/// <param name="AllConverged">True when every fold's fit met the gradient tolerance.</param>
public sealed record ProbeCrossValidationPoint(double L2, double MeanAccuracy, double MeanCrossEntropy, double[] FoldAccuracy, double[] FoldCrossEntropy, int Iterations, bool AllConverged);

/// <summary>
/// The ground truth of one candidate: how well a head trained on its training features classifies its test features.
/// </summary>
/// <param name="Head">"linear" (multinomial logistic regression, <see cref="LinearProbe"/>) or "mlp" (<see cref="MlpProbe"/>).</param>
/// <param name="Accuracy">Test accuracy (fraction correct).</param>
/// <param name="CrossEntropy">Test cross-entropy, mean nats per sample.</param>
/// <param name="TrainAccuracy">Accuracy on the training rows.</param>
/// <param name="L2">The selected (or fixed) penalty l2 of the final fit; for the MLP head its weight decay.</param>
/// <param name="TrainSize">Training rows.</param>
/// <param name="TestSize">Test rows.</param>
/// <param name="Features">Feature dimension D.</param>
/// <param name="Classes">Classes C.</param>
/// <param name="Folds">Cross-validation folds (0 when l2 was fixed or the head does not cross-validate).</param>
/// <param name="CrossValidation">Per grid point CV scores, in grid order (empty without CV).</param>
/// <param name="Iterations">Optimiser iterations of the final fit (L-BFGS iterations, or MLP epochs).</param>
/// <param name="Converged">Whether the final fit met its convergence test.</param>
/// <param name="Seed">Seed of the folds (and of the MLP's initialisation and shuffling).</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Settings">One-line description of the protocol, for provenance.</param>
/// <param name="Details">Head-specific numbers (objective, gradient norm, scikit-learn C, hidden units, ...).</param>
/// <param name="Warnings">Conditions the user should know about.</param>
public sealed record ProbeResult(
    string Head,
    double Accuracy,
    double CrossEntropy,
    double TrainAccuracy,
    double L2,
    int TrainSize,
    int TestSize,
    int Features,
    int Classes,
    int Folds,
    IReadOnlyList<ProbeCrossValidationPoint> CrossValidation,
    int Iterations,
    bool Converged,
    int Seed,
    double Seconds,
    string Settings,
    IReadOnlyDictionary<string, double> Details,
    IReadOnlyList<string> Warnings);
