using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Xfer.Core;

namespace Xfer.Tests.Evaluation;

/// <summary>One scikit-learn reference fit written by Fixtures/Evaluation/make_logistic_fixtures.py.</summary>
internal sealed class LogisticFixture
{
    public double L2 { get; private set; }
    public bool Standardize { get; private set; }
    public int Classes { get; private set; }
    public Matrix TrainX { get; private set; } = new(0, 0);
    public int[] TrainY { get; private set; } = [];
    public Matrix TestX { get; private set; } = new(0, 0);
    public int[] TestY { get; private set; } = [];
    public double Objective { get; private set; }
    public double TrainAccuracy { get; private set; }
    public double TestAccuracy { get; private set; }
    public double TestCrossEntropy { get; private set; }
    public Matrix TestProbabilities { get; private set; } = new(0, 0);

    public static IEnumerable<string> Names => ["overlap3", "scaled4", "binary", "wide", "standardized5", "separable"];

    public static LogisticFixture Load(string name)
    {
        var lines = File.ReadAllLines(CorrelationFixtureTests.FixturePath($"logistic_{name}.txt")).Where(l => !l.StartsWith('#')).ToArray();
        var f = new LogisticFixture();
        int at = 0;
        string[] Next() => lines[at++].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
        f.L2 = D(Next()[1]);
        f.Standardize = Next()[1] == "1";
        f.Classes = I(Next()[1]);
        var head = Next();
        int n = I(head[1]), d = I(head[2]);
        (f.TrainX, f.TrainY) = Rows(n, d);
        int m = I(Next()[1]);
        (f.TestX, f.TestY) = Rows(m, d);
        f.Objective = D(Next()[1]);
        f.TrainAccuracy = D(Next()[1]);
        f.TestAccuracy = D(Next()[1]);
        f.TestCrossEntropy = D(Next()[1]);
        Next();
        f.TestProbabilities = new Matrix(m, f.Classes);
        for (int i = 0; i < m; i++)
        {
            var v = Next();
            for (int k = 0; k < f.Classes; k++)
            {
                f.TestProbabilities[i, k] = D(v[k]);
            }
        }

        return f;

        (Matrix, int[]) Rows(int count, int dims)
        {
            var x = new Matrix(count, dims);
            var y = new int[count];
            for (int i = 0; i < count; i++)
            {
                var v = Next();
                y[i] = I(v[0]);
                for (int j = 0; j < dims; j++)
                {
                    x[i, j] = D(v[j + 1]);
                }
            }

            return (x, y);
        }
    }
}
