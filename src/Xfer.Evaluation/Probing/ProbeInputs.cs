using System;
using System.Globalization;
using Xfer.Core;
using Xfer.Core.Errors;

namespace Xfer.Evaluation.Probing;

/// <summary>Validation shared by the probes: each problem is one line naming what is wrong and the fix.</summary>
internal static class ProbeInputs
{
    public static void Check(Matrix trainFeatures, ClassLabels trainLabels, Matrix testFeatures, ReadOnlySpan<int> testLabels)
    {
        Require.SameSampleCount(trainFeatures.Rows, "training features", trainLabels.Count, "training labels");
        Require.SameSampleCount(testFeatures.Rows, "test features", testLabels.Length, "test labels");
        Require.AtLeastTwoClasses(trainLabels, "training labels");
        if (trainFeatures.Columns != testFeatures.Columns)
        {
            throw new XferException(string.Format(CultureInfo.InvariantCulture,
                "training features have {0} columns but test features have {1}; both must come from the same extractor and layer.",
                trainFeatures.Columns, testFeatures.Columns));
        }

        if (trainFeatures.Columns == 0)
        {
            throw new XferException("the features have 0 columns.");
        }

        if (testLabels.Length == 0)
        {
            throw new XferException("the test set is empty; give test files or a test fraction that leaves at least one test sample.");
        }

        foreach (int k in testLabels)
        {
            if ((uint)k >= (uint)trainLabels.ClassCount)
            {
                throw new XferException(string.Format(CultureInfo.InvariantCulture,
                    "a test label has class index {0}, but the training labels have {1} classes; every test class must occur in training.", k, trainLabels.ClassCount));
            }
        }

        Require.Finite(trainFeatures, "training features");
        Require.Finite(testFeatures, "test features");
    }
}
