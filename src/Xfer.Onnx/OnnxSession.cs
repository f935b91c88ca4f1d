using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using Xfer.Core;
using Xfer.Core.Errors;
using Xfer.Onnx.Handles;
using Xfer.Onnx.Interop;
using Xfer.Onnx.Proto;

namespace Xfer.Onnx;

/// <summary>Receives one output of <see cref="OnnxSession.Run(IReadOnlyList{KeyValuePair{string, FloatTensor}}, IReadOnlyList{string}, TensorVisitor)"/>.</summary>
/// <param name="outputIndex">Position of the output in the requested list.</param>
/// <param name="data">Its values, row-major; valid only during the call (ONNX Runtime's memory).</param>
/// <param name="shape">Its shape; valid only during the call.</param>
public delegate void TensorVisitor(int outputIndex, ReadOnlySpan<float> data, ReadOnlySpan<long> shape);

/// <summary>
/// A loaded ONNX model in ONNX Runtime: its inputs and outputs (names, element types, shapes) and float32 inference.
/// </summary>
/// <remarks>
/// <para>Dispose it to release the native session (and its thread pools). <see cref="Run(IReadOnlyList{KeyValuePair{string, FloatTensor}}, IReadOnlyList{string}, TensorVisitor)"/>
/// may be called from several threads at once (ONNX Runtime's <c>Run</c> is thread-safe), but not concurrently with
/// <see cref="Dispose"/>.</para>
/// <para>Inputs are handed to ONNX Runtime without a copy (the managed buffer is pinned for the call); outputs are
/// read in place by the visitor overload, so a batch loop allocates only a few small arrays per call.</para>
/// </remarks>
public sealed unsafe class OnnxSession : IDisposable
{
    private readonly OrtSessionHandle _session;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;

    // UTF-8, NUL-terminated names on the pinned object heap: stable addresses for every Run, freed by the GC.
    private readonly byte[][] _inputNameBytes;
    private readonly byte[][] _outputNameBytes;

    private OnnxSession(OrtSessionHandle session, string source)
    {
        _session = session;
        Source = source;
        var api = OnnxRuntime.Api;
        Inputs = ReadInfos(api, isInput: true);
        Outputs = ReadInfos(api, isInput: false);
        _inputIndex = Inputs.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _outputIndex = Outputs.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _inputNameBytes = Inputs.Select(t => PinnedUtf8(t.Name)).ToArray();
        _outputNameBytes = Outputs.Select(t => PinnedUtf8(t.Name)).ToArray();
    }

    /// <summary>Where the model came from (file path, or a description), for messages.</summary>
    public string Source { get; }

    /// <summary>The graph inputs (initialisers excluded), in graph order.</summary>
    public IReadOnlyList<TensorInfo> Inputs { get; }

    /// <summary>The graph outputs, in graph order.</summary>
    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>Loads an ONNX file. A missing or unloadable file gives an <see cref="InputFileException"/> naming it.</summary>
    public static OnnxSession FromFile(string path, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputFileException(path, "file not found.");
        }

        var api = OnnxRuntime.Api;
        byte[] pathBytes = Utf8(Path.GetFullPath(path));
        try
        {
            return Create(options, (env, opts) =>
            {
                nint session;
                fixed (byte* p = pathBytes)
                {
                    OrtStatus.ThrowIfError(api, api.CreateSession(env, p, opts, &session), "load the model");
                }

                return session;
            }, path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InputFileException(path, $"ONNX Runtime cannot load this model ({e.ErrorCode}): {OnnxRuntimeException.OneLine(e.NativeMessage)}", e);
        }
    }

    /// <summary>Loads a serialized model held in memory. <paramref name="source"/> names it in messages.</summary>
    public static OnnxSession FromBytes(ReadOnlySpan<byte> model, string source, OnnxSessionOptions? options = null)
    {
        var api = OnnxRuntime.Api;
        fixed (byte* data = model)
        {
            nint dataPointer = (nint)data;
            nuint length = (nuint)model.Length;
            return Create(options, (env, opts) =>
            {
                nint session;
                OrtStatus.ThrowIfError(api, api.CreateSessionFromArray(env, (void*)dataPointer, length, opts, &session), "load the model " + source);
                return session;
            }, source);
        }
    }

    /// <summary>Loads a model held as protobuf classes (serialized once, not kept).</summary>
    public static OnnxSession FromModel(ModelProto model, string source, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return FromBytes(model.ToByteArray(), source, options);
    }

    /// <summary>Runs the model and returns the requested outputs (all outputs when <paramref name="outputNames"/> is null) as new arrays.</summary>
    public IReadOnlyDictionary<string, FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var names = outputNames ?? Outputs.Select(o => o.Name).ToArray();
        var results = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        Run(inputs.ToList(), names, (i, data, shape) => results[names[i]] = new FloatTensor(data.ToArray(), shape.ToArray()));
        return results;
    }

    /// <summary>Runs a single-input model and returns the requested outputs (all when null).</summary>
    public IReadOnlyDictionary<string, FloatTensor> Run(FloatTensor input, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Inputs.Count != 1)
        {
            throw new XferException($"{Source} has {Inputs.Count} inputs ({string.Join(", ", Inputs.Select(i => i.Name))}); name each one.");
        }

        return Run(new Dictionary<string, FloatTensor>(StringComparer.Ordinal) { [Inputs[0].Name] = input }, outputNames);
    }

    /// <summary>
    /// Runs the model and hands each requested output to <paramref name="visit"/> in ONNX Runtime's memory, without
    /// copying it (copy what you keep). Inputs are checked against the model first: every input given once, float32,
    /// the declared rank and every fixed dimension.
    /// </summary>
    public void Run(IReadOnlyList<KeyValuePair<string, FloatTensor>> inputs, IReadOnlyList<string> outputNames, TensorVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        ArgumentNullException.ThrowIfNull(visit);
        ObjectDisposedException.ThrowIf(_session.IsClosed, this);
        var inputSlots = ValidateInputs(inputs);
        var outputSlots = new int[outputNames.Count];
        for (int i = 0; i < outputSlots.Length; i++)
        {
            if (!_outputIndex.TryGetValue(outputNames[i], out outputSlots[i]))
            {
                throw new XferException($"{Source} has no output '{outputNames[i]}'; its outputs are {string.Join(", ", Outputs.Select(o => o.Name))}.");
            }
        }

        var api = OnnxRuntime.Api;
        int n = inputs.Count, m = outputSlots.Length;
        var pins = new MemoryHandle[n];
        var values = new OrtValueHandle?[n];
        var outputs = new OrtValueHandle?[m];
        var inputNamePointers = new nint[n];
        var inputValuePointers = new nint[n];
        var outputNamePointers = new nint[m];
        var outputValuePointers = new nint[m];
        try
        {
            for (int i = 0; i < n; i++)
            {
                var tensor = inputs[i].Value;
                pins[i] = tensor.Data.Pin();
                nint value;
                fixed (long* shape = tensor.ShapeSpan)
                {
                    OrtStatus.ThrowIfError(api, api.CreateTensorWithDataAsOrtValue(
                        OnnxRuntime.CpuMemory.Pointer, pins[i].Pointer, (nuint)tensor.Data.Length * sizeof(float),
                        shape, (nuint)tensor.Rank, (int)TensorElementType.Float, &value), "wrap input '" + inputs[i].Key + "'");
                }

                values[i] = new OrtValueHandle(value);
                inputValuePointers[i] = value;
                inputNamePointers[i] = Address(_inputNameBytes[inputSlots[i]]);
            }

            for (int j = 0; j < m; j++)
            {
                outputNamePointers[j] = Address(_outputNameBytes[outputSlots[j]]);
            }

            nint status;
            fixed (nint* inNames = inputNamePointers, inValues = inputValuePointers, outNames = outputNamePointers, outValues = outputValuePointers)
            {
                status = api.Run(_session.Pointer, 0, inNames, inValues, (nuint)n, outNames, (nuint)m, outValues);
            }

            // Take ownership of whatever ONNX Runtime produced before looking at the status, so nothing leaks on failure.
            for (int j = 0; j < m; j++)
            {
                if (outputValuePointers[j] != 0)
                {
                    outputs[j] = new OrtValueHandle(outputValuePointers[j]);
                }
            }

            OrtStatus.ThrowIfError(api, status, "run the model " + Source);
            for (int j = 0; j < m; j++)
            {
                VisitOutput(api, outputs[j]!, outputNames[j], j, visit);
            }
        }
        finally
        {
            foreach (var o in outputs)
            {
                o?.Dispose();
            }

            foreach (var v in values)
            {
                v?.Dispose();
            }

            foreach (var p in pins)
            {
                p.Dispose();
            }
        }
    }

    /// <summary>Releases the native session.</summary>
    public void Dispose() => _session.Dispose();

    private static OnnxSession Create(OnnxSessionOptions? options, Func<nint, nint, nint> createSession, string source)
    {
        var api = OnnxRuntime.Api;
        var o = options ?? OnnxSessionOptions.Default;
        nint rawOptions;
        OrtStatus.ThrowIfError(api, api.CreateSessionOptions(&rawOptions), "create session options");
        using var sessionOptions = new OrtSessionOptionsHandle(rawOptions);
        nint opts = sessionOptions.Pointer;
        int intra = o.IntraOpThreads ?? Parallelism.Threads;
        if (intra < 0 || o.InterOpThreads < 0)
        {
            throw new ArgumentException("thread counts must be non-negative.", nameof(options));
        }

        OrtStatus.ThrowIfError(api, api.SetIntraOpNumThreads(opts, intra), "set the intra-op threads");
        OrtStatus.ThrowIfError(api, api.SetInterOpNumThreads(opts, o.InterOpThreads), "set the inter-op threads");
        OrtStatus.ThrowIfError(api, api.SetSessionExecutionMode(opts, o.ParallelExecution ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL), "set the execution mode");
        OrtStatus.ThrowIfError(api, api.SetSessionGraphOptimizationLevel(opts, (int)o.Optimization), "set the optimisation level");
        if (!o.AllowSpinning)
        {
            // Keys from onnxruntime_session_options_config_keys.h (kOrtSessionOptionsConfigAllowIntraOpSpinning / ...InterOp...).
            SetConfig(api, opts, "session.intra_op.allow_spinning"u8, "0"u8);
            SetConfig(api, opts, "session.inter_op.allow_spinning"u8, "0"u8);
        }

        nint raw = createSession(OnnxRuntime.Env.Pointer, opts);
        var handle = new OrtSessionHandle(raw);
        try
        {
            return new OnnxSession(handle, source);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void SetConfig(OrtApi api, nint options, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        // The u8 literals are NUL-terminated in memory but the span excludes the terminator; copy with one.
        Span<byte> k = stackalloc byte[key.Length + 1];
        Span<byte> v = stackalloc byte[value.Length + 1];
        key.CopyTo(k);
        value.CopyTo(v);
        fixed (byte* kp = k, vp = v)
        {
            OrtStatus.ThrowIfError(api, api.AddSessionConfigEntry(options, kp, vp), "set a session option");
        }
    }

    private List<TensorInfo> ReadInfos(OrtApi api, bool isInput)
    {
        nint session = _session.Pointer;
        nuint count;
        OrtStatus.ThrowIfError(api, isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count), "count the model's values");
        var infos = new List<TensorInfo>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            nint rawName, rawType;
            OrtStatus.ThrowIfError(api, isInput
                ? api.SessionGetInputName(session, i, OnnxRuntime.DefaultAllocator, &rawName)
                : api.SessionGetOutputName(session, i, OnnxRuntime.DefaultAllocator, &rawName), "read a value name");
            using var name = new OrtAllocatedStringHandle(rawName);
            OrtStatus.ThrowIfError(api, isInput
                ? api.SessionGetInputTypeInfo(session, i, &rawType)
                : api.SessionGetOutputTypeInfo(session, i, &rawType), "read a value type");
            using var type = new OrtTypeInfoHandle(rawType);
            infos.Add(ReadInfo(api, name.Value, type.Pointer));
        }

        return infos;
    }

    private static TensorInfo ReadInfo(OrtApi api, string name, nint typeInfo)
    {
        ONNXType kind;
        OrtStatus.ThrowIfError(api, api.GetOnnxTypeFromTypeInfo(typeInfo, &kind), "read a value type");
        if (kind != ONNXType.ONNX_TYPE_TENSOR)
        {
            return new TensorInfo(name, TensorElementType.Undefined, [], []);
        }

        nint tensorInfo; // owned by the type info
        OrtStatus.ThrowIfError(api, api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), "read a tensor type");
        return ReadTensorInfo(api, name, tensorInfo, withNames: true);
    }

    private static TensorInfo ReadTensorInfo(OrtApi api, string name, nint tensorInfo, bool withNames)
    {
        int elementType;
        nuint rank;
        OrtStatus.ThrowIfError(api, api.GetTensorElementType(tensorInfo, &elementType), "read a tensor type");
        OrtStatus.ThrowIfError(api, api.GetDimensionsCount(tensorInfo, &rank), "read a tensor rank");
        var shape = new long[(int)rank];
        var names = new string[(int)rank];
        Array.Fill(names, string.Empty);
        if (rank > 0)
        {
            fixed (long* dims = shape)
            {
                OrtStatus.ThrowIfError(api, api.GetDimensions(tensorInfo, dims, rank), "read a tensor shape");
            }

            if (withNames)
            {
                var symbolic = new nint[(int)rank];
                fixed (nint* p = symbolic)
                {
                    OrtStatus.ThrowIfError(api, api.GetSymbolicDimensions(tensorInfo, (byte**)p, rank), "read a tensor shape");
                }

                for (int d = 0; d < names.Length; d++)
                {
                    names[d] = symbolic[d] == 0 ? string.Empty : Marshal.PtrToStringUTF8(symbolic[d]) ?? string.Empty;
                }
            }
        }

        return new TensorInfo(name, (TensorElementType)elementType, shape, names);
    }

    private int[] ValidateInputs(IReadOnlyList<KeyValuePair<string, FloatTensor>> inputs)
    {
        var slots = new int[inputs.Count];
        var seen = new bool[Inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            var (name, tensor) = (inputs[i].Key, inputs[i].Value);
            ArgumentNullException.ThrowIfNull(tensor);
            if (!_inputIndex.TryGetValue(name, out int slot))
            {
                throw new XferException($"{Source} has no input '{name}'; its inputs are {string.Join(", ", Inputs.Select(t => t.Name))}.");
            }

            if (seen[slot])
            {
                throw new XferException($"input '{name}' of {Source} was given twice.");
            }

            seen[slot] = true;
            slots[i] = slot;
            var info = Inputs[slot];
            if (info.ElementType != TensorElementType.Float)
            {
                throw new XferException($"input '{name}' of {Source} is {info.ElementType}; xfer feeds float32 tensors only.");
            }

            CheckShape(info, tensor);
        }

        for (int s = 0; s < seen.Length; s++)
        {
            if (!seen[s])
            {
                throw new XferException($"input '{Inputs[s].Name}' of {Source} ({Inputs[s].ElementType} {Inputs[s].ShapeText}) was not given.");
            }
        }

        return slots;
    }

    private void CheckShape(TensorInfo info, FloatTensor tensor)
    {
        var shape = tensor.ShapeSpan;
        bool ok = shape.Length == info.Shape.Length;
        int badAxis = -1;
        for (int d = 0; ok && d < shape.Length; d++)
        {
            if (info.Shape[d] >= 0 && info.Shape[d] != shape[d])
            {
                ok = false;
                badAxis = d;
            }
        }

        if (!ok)
        {
            string detail = badAxis >= 0
                ? string.Format(CultureInfo.InvariantCulture, "dimension {0} is {1} but must be {2}", badAxis, shape[badAxis], info.Shape[badAxis])
                : string.Format(CultureInfo.InvariantCulture, "it has {0} dimensions but the model expects {1}", shape.Length, info.Shape.Length);
            throw new XferException($"input '{info.Name}' of {Source} has shape {tensor.ShapeText} but the model expects {info.ShapeText}: {detail}.");
        }
    }

    private static void VisitOutput(OrtApi api, OrtValueHandle value, string name, int index, TensorVisitor visit)
    {
        nint rawInfo;
        OrtStatus.ThrowIfError(api, api.GetTensorTypeAndShape(value.Pointer, &rawInfo), "read output '" + name + "'");
        using var info = new OrtTensorTypeAndShapeInfoHandle(rawInfo);
        var tensor = ReadTensorInfo(api, name, info.Pointer, withNames: false);
        if (tensor.ElementType != TensorElementType.Float)
        {
            throw new XferException($"output '{name}' is {tensor.ElementType}; xfer reads float32 outputs only.");
        }

        long count = 1;
        foreach (long d in tensor.Shape)
        {
            count *= d;
        }

        void* data;
        OrtStatus.ThrowIfError(api, api.GetTensorMutableData(value.Pointer, &data), "read output '" + name + "'");
        visit(index, new ReadOnlySpan<float>(data, checked((int)count)), tensor.Shape);
    }

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    private static byte[] PinnedUtf8(string s)
    {
        var bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(s) + 1, pinned: true);
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    private static nint Address(byte[] pinned) => Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0);
}
