using System;
using Xfer.Core;
using Xfer.Numerics.LinearAlgebra;
using Xfer.Tests.Support;
using Xunit;

namespace Xfer.Tests.Numerics;

/// <summary>The facade's validation (shapes, aliasing, finiteness) and its whole-matrix conveniences.</summary>
public sealed class LinalgFacadeTests
{
    [Fact]
    public void Multiply_names_both_shapes_when_inner_dimensions_differ()
    {
        var a = new Matrix(2, 3);
        var b = new Matrix(2, 3);
        var ex = Assert.Throws<ArgumentException>(() => Linalg.Multiply(a, b));
        Assert.Equal("Cannot multiply 2×3 by 2×3: inner dimensions 3 and 2 differ.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Linalg.Multiply(a, new Matrix(3, 4), transposeA: true, transposeB: true));
        Assert.Equal("Cannot multiply Aᵀ 3×2 by Bᵀ 4×3: inner dimensions 2 and 4 differ.", ex.Message);
    }

    [Fact]
    public void MultiplyInto_rejects_a_wrong_output_shape_and_an_output_that_aliases_an_input()
    {
        var a = TestData.Gaussian(2, 2, 1);
        var b = TestData.Gaussian(2, 2, 2);
        var ex = Assert.Throws<ArgumentException>(() => Linalg.MultiplyInto(a, b, new Matrix(2, 3)));
        Assert.Equal("Shapes do not match for C ← op(A)·op(B): op(A) is 2×2, op(B) is 2×2, C is 2×3.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Linalg.MultiplyInto(a, b, a));
        Assert.StartsWith("C ← op(A)·op(B) cannot write into A or B; pass a separate output matrix.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiply_computes_hand_checked_products_and_handles_empty_inner_dimension()
    {
        var a = Matrix.FromRows([[1, 2, 3], [4, 5, 6]]);
        var b = Matrix.FromRows([[7, 8], [9, 10], [11, 12]]);
        NumericAssert.Close(Matrix.FromRows([[58, 64], [139, 154]]), Linalg.Multiply(a, b));
        NumericAssert.Close(Matrix.FromRows([[17, 22, 27], [22, 29, 36], [27, 36, 45]]), Linalg.Multiply(a, a, transposeA: true));
        NumericAssert.Close(Matrix.FromRows([[14, 32], [32, 77]]), Linalg.Multiply(a, a, transposeB: true));

        var c = Matrix.FromRows([[1, 1], [1, 1]]);
        Linalg.MultiplyInto(new Matrix(2, 0), new Matrix(0, 2), c, beta: 5);
        Assert.Equal(new double[4], c.Data);
        Assert.Equal(0, Linalg.Multiply(new Matrix(0, 3), new Matrix(3, 4)).Rows);
    }

    [Fact]
    public void Gram_and_GramAccumulate_give_XtX_and_check_sizes()
    {
        var x = Matrix.FromRows([[1, 2], [3, 4], [5, 6]]);
        var expected = Matrix.FromRows([[35, 44], [44, 56]]);
        NumericAssert.Close(expected, Linalg.Gram(x));

        // Accumulating the rows in two blocks gives the same matrix.
        var g = new Matrix(2, 2);
        Linalg.GramAccumulate(x.Data.AsSpan(0, 2), 1, 2, g);
        Linalg.GramAccumulate(x.Data.AsSpan(2, 4), 2, 2, g);
        NumericAssert.Close(expected, g);

        var ex = Assert.Throws<ArgumentException>(() => Linalg.GramAccumulate(x.Data, 3, 2, new Matrix(3, 3)));
        Assert.Equal("Gram accumulation needs a 2×2 target and 3·2 values; got 3×3 and 6.", ex.Message);
    }

    [Fact]
    public void Decompositions_name_the_operation_and_shape_for_non_square_input()
    {
        var ex = Assert.Throws<ArgumentException>(() => Linalg.SymmetricEigen(new Matrix(2, 3)));
        Assert.Equal("symmetric eigendecomposition needs a square matrix; got 2×3.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Linalg.Cholesky(new Matrix(3, 1)));
        Assert.Equal("Cholesky factorisation needs a square matrix; got 3×1.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Linalg.Solve(new Matrix(2, 2), new Matrix(3, 1)));
        Assert.Equal("Cannot solve a 2×2 system with a right-hand side of 3 rows.", ex.Message);
    }

    [Fact]
    public void Decompositions_reject_nan_and_infinity_with_their_position()
    {
        var m = Matrix.FromRows([[1, 0], [0, double.NaN]]);
        var ex = Assert.Throws<ArgumentException>(() => Linalg.SymmetricEigen(m));
        Assert.Equal("symmetric eigendecomposition needs finite values; the 2×2 input holds NaN at (1, 1).", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Linalg.Svd(Matrix.FromRows([[1, double.PositiveInfinity, 3]])));
        Assert.Equal("SVD needs finite values; the 1×3 input holds Infinity at (0, 1).", ex.Message);
        Assert.Throws<ArgumentException>(() => Linalg.Cholesky(m));
        Assert.Throws<ArgumentException>(() => Linalg.Solve(Matrix.Identity(2), Matrix.FromRows([[1], [double.NegativeInfinity]])));
        var f = Linalg.Cholesky(Matrix.Identity(2))!;
        ex = Assert.Throws<ArgumentException>(() => f.Solve([1.0, double.NaN]));
        Assert.Equal("Cholesky solve (right-hand side) needs finite values; the 2×1 input holds NaN at (1, 0).", ex.Message);
    }

    [Fact]
    public void Cholesky_factor_gives_log_determinant_and_solves()
    {
        // det([4 2; 2 5]) = 16, L = [2 0; 1 2].
        var a = Matrix.FromRows([[4, 2], [2, 5]]);
        var f = Linalg.Cholesky(a)!;
        NumericAssert.Close(Math.Log(16), f.LogDeterminant, 1e-15);
        NumericAssert.Close(Math.Log(16), Linalg.LogDeterminantSpd(a), 1e-15);
        NumericAssert.Close(Matrix.FromRows([[2, 0], [1, 2]]), f.Lower);

        // [4 2; 2 5]·[1; −1] = [2; −3].
        NumericAssert.Close(new[] { 1.0, -1.0 }, f.Solve([2.0, -3.0]), 1e-15);
        NumericAssert.Close(Matrix.FromRows([[1], [-1]]), f.Solve(Matrix.FromRows([[2], [-3]])), 1e-15);
        var ex = Assert.Throws<ArgumentException>(() => f.Solve(new Matrix(3, 1)));
        Assert.Equal("Right-hand side has 3 rows; the factor is 2×2.", ex.Message);

        Assert.Null(Linalg.Cholesky(Matrix.FromRows([[1, 2], [2, 1]])));
        var notPd = Assert.Throws<ArithmeticException>(() => Linalg.LogDeterminantSpd(Matrix.FromRows([[1, 2], [2, 1]])));
        Assert.Equal("The 2×2 matrix is not positive definite, so its Cholesky log-determinant is undefined.", notPd.Message);
    }

    [Fact]
    public void Solve_returns_null_for_a_singular_matrix_and_leaves_inputs_untouched()
    {
        var a = Matrix.FromRows([[1, 2], [2, 4]]);
        var b = Matrix.FromRows([[1], [2]]);
        Assert.Null(Linalg.Solve(a, b));
        Assert.Equal(new double[] { 1, 2, 2, 4 }, a.Data);

        var x = Linalg.Solve(Matrix.FromRows([[2, 1], [1, 3]]), Matrix.FromRows([[3], [5]]))!;
        NumericAssert.Close(Matrix.FromRows([[0.8], [1.4]]), x, 1e-15);
    }

    [Fact]
    public void Eigen_and_svd_leave_the_input_untouched_and_return_the_requested_parts()
    {
        var s = Matrix.FromRows([[2, 1], [1, 2]]);
        var e = Linalg.SymmetricEigen(s, computeVectors: false);
        Assert.Null(e.Vectors);
        NumericAssert.Close(new[] { 1.0, 3.0 }, e.Values, 1e-15);
        Assert.Equal(new double[] { 2, 1, 1, 2 }, s.Data);

        var svd = Linalg.Svd(Matrix.FromRows([[3, 0], [4, 5]]));
        Assert.Equal((2, 2), (svd.U!.Rows, svd.U.Columns));
        NumericAssert.Close(new[] { 3 * Math.Sqrt(5), Math.Sqrt(5) }, svd.Values, 1e-15);
        Assert.Empty(Linalg.Svd(new Matrix(0, 4)).Values);
    }
}
