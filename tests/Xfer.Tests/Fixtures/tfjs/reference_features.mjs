// Reference outputs for xfer's TF.js Layers importer, computed by TensorFlow.js itself.
//
//   node reference_features.mjs --node-modules DIR [--out reference_features.json] [--resize-out resize.json]
//        [--tiny-dir tiny] [--full-dir DIR] [--models mobilenet-v2,inception-v3]
//        [--fashion /usr/share/datasets/fashion-mnist] [--sklearn ~/.cache/xfer/sklearn-data]
//
// DIR is a node_modules folder holding @tensorflow/tfjs 4.22.0 and nsfwjs 4.4.0 (`npm install` of package.json here,
// in a scratch copy of this folder). tfjs runs on its pure-JavaScript "cpu" backend, so results do not depend on
// native code. What it writes:
//
// * reference_features.json: for 4 Fashion-MNIST test images (indices 0-3) and 2 scikit-learn digits (rows 0-1), the
//   raw pixels, then for each nsfwjs model (MobileNetV2 224 px, InceptionV3 299 px) the images preprocessed exactly as
//   nsfwjs's NSFWJS.infer does (x / max → grey replicated to RGB → tf.image.resizeBilinear(x, [S, S], alignCorners =
//   true)), and the outputs of selected layers: the pooled features (flatten_1), dense_1 and the class probabilities
//   (dense_3) in full; for intermediate layers 256 values at evenly spread positions floor(i·size/256), plus the
//   layer's max |value| and L2 norm over the whole layer.
// * tiny/model.json + tiny/weights.bin: a small synthetic functional model built here (Conv2D 'same' stride 2 on odd
//   and even sizes, dilation, DepthwiseConv2D with depth multiplier 2, BatchNormalization without scale/centre,
//   ReLU(max 6), Add, Max/AveragePooling2D 'same' stride 2, Concatenate, activations, ZeroPadding2D, Flatten,
//   GlobalAveragePooling2D, Dense, Dropout) with seeded weights stored as float32, uint8, uint16 and float16
//   (quantised here; tfjs dequantises them when it loads the file), and its full outputs for 3 seeded inputs.
// * resize.json: tf.image.resizeBilinear and tf.image.resizeNearestNeighbor on small seeded inputs, for several sizes
//   and the align_corners / half_pixel_centers modes.
// * with --full-dir: every recorded layer in full, as raw little-endian float32 files plus index.json (used by the
//   test that regenerates the references when Node is present).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
if (!args['node-modules']) {
  console.error('usage: node reference_features.mjs --node-modules DIR [--out FILE] [--full-dir DIR] ...');
  process.exit(2);
}

const require = createRequire(path.join(path.resolve(args['node-modules']), 'noop.js'));
const tf = require('@tensorflow/tfjs');
const nsfwjs = require('nsfwjs');
await tf.setBackend('cpu');

const SAMPLES = 256;
const cache = process.env.XFER_CACHE || path.join(os.homedir(), '.cache', 'xfer');
const fashionDir = args.fashion || '/usr/share/datasets/fashion-mnist';
const sklearnDir = args.sklearn || path.join(cache, 'sklearn-data');
const fullDir = args['full-dir'];
const fullIndex = { tensors: [] };
if (fullDir) fs.mkdirSync(fullDir, { recursive: true });

const MODELS = {
  'mobilenet-v2': {
    nsfwjsName: 'MobileNetV2', size: 224,
    sampled: ['Conv1_pad', 'Conv1', 'bn_Conv1', 'Conv1_relu', 'expanded_conv_depthwise', 'block_1_pad', 'block_1_depthwise',
      'block_2_add', 'block_6_depthwise', 'block_13_depthwise', 'block_16_project_BN', 'out_relu', 'average_pooling2d_1'],
    full: ['flatten_1', 'dense_1', 'dense_3'],
  },
  'inception-v3': {
    nsfwjsName: 'InceptionV3', size: 299,
    sampled: ['conv2d_1', 'activation_1', 'max_pooling2d_1', 'average_pooling2d_1', 'mixed0', 'mixed2', 'conv2d_33', 'mixed4',
      'mixed7', 'mixed8', 'mixed9', 'mixed10', 'average_pooling2d_10'],
    full: ['flatten_1', 'dense_1', 'dense_3'],
  },
};

// ---- images ---------------------------------------------------------------------------------------------------
function readIdx(file) {
  const b = zlib.gunzipSync(fs.readFileSync(file));
  const rank = b[3];
  const dims = [];
  for (let i = 0; i < rank; i++) dims.push(b.readUInt32BE(4 + 4 * i));
  return { dims, data: b.subarray(4 + 4 * rank) };
}

const images = [];
{
  const x = readIdx(path.join(fashionDir, 't10k-images-idx3-ubyte.gz'));
  const y = readIdx(path.join(fashionDir, 't10k-labels-idx1-ubyte.gz'));
  const [, h, w] = x.dims;
  for (const index of [0, 1, 2, 3]) {
    images.push({ dataset: 'fashion-mnist', split: 'test', index, label: y.data[index], height: h, width: w, max: 255,
      pixels: Array.from(x.data.subarray(index * h * w, (index + 1) * h * w)) });
  }
  const rows = zlib.gunzipSync(fs.readFileSync(path.join(sklearnDir, 'digits.csv.gz'))).toString('utf8').trim().split('\n');
  for (const index of [0, 1]) {
    const v = rows[index].split(',').map(Number);
    images.push({ dataset: 'digits', split: 'all', index, label: v[64], height: 8, width: 8, max: 16, pixels: v.slice(0, 64) });
  }
}

// nsfwjs's NSFWJS.infer: img.toFloat().div(255) then tf.image.resizeBilinear(normalized, [size, size], alignCorners = true)
// when the size differs. Our datasets are grey, so the channel is replicated to RGB (as a browser does for a grey
// image), and the divisor is the dataset's white value (255, or 16 for digits).
function preprocess(image, size) {
  return tf.tidy(() => {
    const grey = tf.tensor4d(image.pixels, [1, image.height, image.width, 1], 'float32');
    const rgb = tf.tile(grey.div(tf.scalar(image.max)), [1, 1, 1, 3]);
    return (image.height !== size || image.width !== size) ? tf.image.resizeBilinear(rgb, [size, size], true) : rgb;
  });
}

// ---- recording --------------------------------------------------------------------------------------------------
function positions(size) {
  if (size <= SAMPLES) return Array.from({ length: size }, (_, i) => i);
  return Array.from({ length: SAMPLES }, (_, i) => Math.floor((i * size) / SAMPLES));
}

const f9 = (v) => Number(Math.fround(v).toPrecision(9)); // 9 significant digits round-trip float32

function summarise(values) {
  let maxAbs = 0, sumSq = 0;
  for (const v of values) { maxAbs = Math.max(maxAbs, Math.abs(v)); sumSq += v * v; }
  return { max_abs: f9(maxAbs), l2: Number(Math.sqrt(sumSq).toPrecision(12)) };
}

function writeFull(key, shape, values) {
  if (!fullDir) return;
  const file = key.replace(/[^A-Za-z0-9_.-]/g, '_') + '.f32';
  fs.writeFileSync(path.join(fullDir, file), Buffer.from(new Float32Array(values).buffer));
  fullIndex.tensors.push({ key, file, shape });
}

// Records tensor t ([N, ...]) per image: full values, or samples + max |value| + L2 norm.
function record(t, full, key) {
  const shape = t.shape.slice(1);
  const size = shape.reduce((a, b) => a * b, 1);
  const data = t.dataSync();
  writeFull(key, t.shape, data);
  const perImage = [];
  for (let n = 0; n < t.shape[0]; n++) {
    const v = data.subarray(n * size, (n + 1) * size);
    const s = summarise(v);
    if (full) perImage.push({ ...s, values: Array.from(v, f9) });
    else perImage.push({ ...s, samples: positions(size).map((p) => f9(v[p])) });
  }
  return { shape, sampled: !full, images: perImage };
}

// ---- nsfwjs models ------------------------------------------------------------------------------------------------
const result = {
  generator: 'tests/Xfer.Tests/Fixtures/tfjs/reference_features.mjs',
  tfjs: tf.version.tfjs, backend: tf.getBackend(), nsfwjs: JSON.parse(fs.readFileSync(path.join(path.resolve(args['node-modules']), 'nsfwjs', 'package.json'), 'utf8')).version,
  samples_per_layer: SAMPLES, sample_positions: 'floor(i * size / samples_per_layer), i = 0..samples_per_layer-1, in NHWC order',
  preprocessing: 'x / max; grey replicated to RGB; tf.image.resizeBilinear(x, [S, S], alignCorners=true) (nsfwjs NSFWJS.infer)',
  images, models: {},
};

const selected = (args.models || Object.keys(MODELS).join(',')).split(',').filter((m) => m in MODELS);
for (const id of selected) {
  const spec = MODELS[id];
  const started = Date.now();
  const net = await nsfwjs.load(spec.nsfwjsName, spec.size === 224 ? undefined : { size: spec.size });
  const model = net.model;
  const names = [...spec.sampled, ...spec.full];
  const probe = tf.model({ inputs: model.inputs, outputs: names.map((n) => model.getLayer(n).output) });
  const x = tf.concat(images.map((im) => preprocess(im, spec.size)));
  const entry = { size: spec.size, input: record(x, false, `${id}/input`), layers: {} };
  const outs = probe.predict(x);
  names.forEach((n, i) => { entry.layers[n] = { class_name: model.getLayer(n).getClassName(), ...record(outs[i], spec.full.includes(n), `${id}/${n}`) }; });
  tf.dispose([x, ...outs]);
  result.models[id] = entry;
  console.error(`${id}: ${names.length} layers for ${images.length} images in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (args.out !== 'none') fs.writeFileSync(args.out || path.join(here, 'reference_features.json'), JSON.stringify(result) + '\n');

// ---- tiny synthetic model ----------------------------------------------------------------------------------------
let seed;
function rand() { // Park–Miller minimal standard generator: deterministic and easy to re-implement
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
}
const uniform = (n, lo, hi) => Float32Array.from({ length: n }, () => lo + (hi - lo) * rand());

function buildTiny() {
  const L = tf.layers;
  const inp = tf.input({ shape: [17, 18, 3], name: 'image' });
  const c1 = L.conv2d({ name: 'conv_same_s2', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }).apply(inp); // 9×9
  const bn1 = L.batchNormalization({ name: 'bn_noscale', scale: false, epsilon: 0.001 }).apply(c1);
  const d1 = L.depthwiseConv2d({ name: 'dw_same_s2', kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, useBias: true }).apply(bn1); // 5×5×16
  const r1 = L.reLU({ name: 'relu6', maxValue: 6 }).apply(d1);
  const c2 = L.conv2d({ name: 'conv_dilated', filters: 16, kernelSize: [2, 4], dilationRate: 2, padding: 'same', useBias: false }).apply(r1);
  const bn2 = L.batchNormalization({ name: 'bn_nocenter', center: false, epsilon: 0.01 }).apply(c2);
  const a1 = L.add({ name: 'add' }).apply([r1, bn2]);
  const p1 = L.maxPooling2d({ name: 'maxpool_same_s2', poolSize: 3, strides: 2, padding: 'same' }).apply(a1); // 3×3
  const p2 = L.averagePooling2d({ name: 'avgpool_same_s2', poolSize: 2, strides: 2, padding: 'same' }).apply(a1); // 3×3
  const cat = L.concatenate({ name: 'concat' }).apply([p1, p2]); // 3×3×32
  const act = L.activation({ name: 'tanh', activation: 'tanh' }).apply(cat);
  const zp = L.zeroPadding2d({ name: 'zeropad', padding: [[1, 0], [2, 1]] }).apply(act); // 4×6
  const c3 = L.conv2d({ name: 'conv_valid_s2_sigmoid', filters: 4, kernelSize: 2, strides: 2, padding: 'valid', activation: 'sigmoid' }).apply(zp); // 2×3×4
  const c4 = L.conv2d({ name: 'conv_even_same', filters: 4, kernelSize: 4, strides: 3, padding: 'same', activation: 'relu6' }).apply(zp); // 2×2×4
  const f = L.flatten({ name: 'flatten' }).apply(c3); // 24
  const f4 = L.flatten({ name: 'flatten_even' }).apply(c4); // 16
  const fc = L.concatenate({ name: 'concat_vec' }).apply([f, f4]); // 40
  const gap = L.globalAveragePooling2d({ name: 'gap' }).apply(act); // 32
  const d = L.dense({ name: 'dense_relu', units: 10, activation: 'relu' }).apply(fc);
  const drop = L.dropout({ name: 'dropout', rate: 0.5 }).apply(d);
  const bn3 = L.batchNormalization({ name: 'bn_vector' }).apply(drop);
  const lin = L.dense({ name: 'dense_linear', units: 6, activation: 'linear', useBias: false }).apply(bn3);
  const out = L.dense({ name: 'probs', units: 3, activation: 'softmax' }).apply(L.activation({ name: 'sigmoid', activation: 'sigmoid' }).apply(lin));
  return tf.model({ inputs: inp, outputs: [out, gap], name: 'tiny' });
}

// Quantises weights in rotation (float32, uint8, uint16, float16), tfjs-converter style: scale = (max − min)/(2^bits − 1),
// q = round((v − min)/scale). tfjs then dequantises them on load as value = q·scale + min.
function encodeWeights(model) {
  const specs = [], chunks = [];
  const modes = ['float32', 'uint8', 'uint16', 'float16'];
  model.weights.forEach((w, i) => {
    const v = w.read().dataSync();
    const mode = modes[i % modes.length];
    const spec = { name: w.originalName, shape: w.shape, dtype: 'float32' };
    if (mode === 'float32') {
      chunks.push(Buffer.from(new Float32Array(v).buffer));
    } else if (mode === 'float16') {
      spec.quantization = { dtype: 'float16' };
      const b = Buffer.alloc(v.length * 2);
      v.forEach((x, j) => b.writeUInt16LE(toHalf(x), 2 * j));
      chunks.push(b);
    } else {
      const levels = mode === 'uint8' ? 255 : 65535;
      let min = Infinity, max = -Infinity;
      for (const x of v) { min = Math.min(min, x); max = Math.max(max, x); }
      const scale = max > min ? (max - min) / levels : 1;
      spec.quantization = { dtype: mode, min, scale };
      const b = Buffer.alloc(v.length * (mode === 'uint8' ? 1 : 2));
      v.forEach((x, j) => {
        const q = Math.round((x - min) / scale);
        if (mode === 'uint8') b.writeUInt8(q, j); else b.writeUInt16LE(q, 2 * j);
      });
      chunks.push(b);
    }
    specs.push(spec);
  });
  return { specs, data: Buffer.concat(chunks) };
}

function toHalf(x) { // float32 → IEEE half, round to nearest even (values here are normal halves)
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer)[0];
  const sign = (u >>> 16) & 0x8000;
  let exp = ((u >>> 23) & 0xff) - 127 + 15;
  let mant = u & 0x7fffff;
  if (exp <= 0) return sign; // flush tiny values to zero
  let h = sign | (exp << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1))) h++;
  return h;
}

if (args['tiny-dir'] !== 'none') {
  const tinyDir = args['tiny-dir'] || path.join(here, 'tiny');
  fs.mkdirSync(tinyDir, { recursive: true });
  seed = 20240531; // each section seeds itself, so any subset of sections gives the same files
  const built = buildTiny();
  for (const w of built.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const isVariance = w.originalName.endsWith('moving_variance');
    w.write(tf.tensor(uniform(n, isVariance ? 0.5 : -1, isVariance ? 2 : 1), w.shape));
  }
  let topology;
  await built.save(tf.io.withSaveHandler(async (a) => { topology = a.modelTopology; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
  const { specs, data } = encodeWeights(built);
  const modelJson = { format: 'layers-model', generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`, convertedBy: 'xfer reference_features.mjs',
    modelTopology: topology, weightsManifest: [{ paths: ['weights.bin'], weights: specs }] };
  fs.writeFileSync(path.join(tinyDir, 'model.json'), JSON.stringify(modelJson, null, 1) + '\n');
  fs.writeFileSync(path.join(tinyDir, 'weights.bin'), data);

  // Reload from the files' content so the reference uses tfjs's own dequantisation of the stored weights.
  const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: topology, weightSpecs: specs, weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.length) }));
  const names = loaded.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => l.name);
  const probe = tf.model({ inputs: loaded.inputs, outputs: names.map((n) => loaded.getLayer(n).output) });
  const x = tf.tensor4d(uniform(3 * 17 * 18 * 3, 0, 1), [3, 17, 18, 3]);
  const outs = probe.predict(x);
  const tiny = { input: { shape: x.shape, values: Array.from(x.dataSync(), f9) }, layers: {} };
  names.forEach((n, i) => { tiny.layers[n] = { class_name: loaded.getLayer(n).getClassName(), ...record(outs[i], true, `tiny/${n}`) }; });
  tiny.generator = result.generator;
  tiny.tfjs = tf.version.tfjs;
  fs.writeFileSync(path.join(tinyDir, 'reference_outputs.json'), JSON.stringify(tiny) + '\n');
  console.error(`tiny: ${names.length} layers`);
}

// ---- resizeBilinear / resizeNearestNeighbor ---------------------------------------------------------------------------
if (args['resize-out'] !== 'none') {
  seed = 20240601;
  const cases = [];
  for (const [method, h, w, oh, ow, alignCorners, halfPixelCenters] of [
    ['bilinear', 5, 7, 11, 13, true, false], ['bilinear', 5, 7, 11, 13, false, true], ['bilinear', 5, 7, 11, 13, false, false],
    ['bilinear', 28, 28, 9, 10, true, false], ['bilinear', 28, 28, 9, 10, false, true], ['bilinear', 8, 8, 30, 30, true, false],
    ['bilinear', 4, 6, 1, 5, true, false], ['bilinear', 1, 1, 3, 2, true, false], ['bilinear', 6, 4, 6, 4, true, false],
    ['nearest', 5, 7, 11, 13, false, true], ['nearest', 5, 7, 11, 13, true, false], ['nearest', 5, 7, 11, 13, false, false],
    ['nearest', 28, 28, 9, 10, false, true], ['nearest', 3, 3, 5, 5, true, false], ['nearest', 4, 6, 1, 5, true, false],
  ]) {
    const input = uniform(h * w * 2, 0, 1);
    const resize = method === 'bilinear' ? tf.image.resizeBilinear : tf.image.resizeNearestNeighbor;
    const out = tf.tidy(() => resize(tf.tensor4d(input, [1, h, w, 2]), [oh, ow], alignCorners, halfPixelCenters));
    cases.push({ method, in_shape: [h, w, 2], out_shape: [oh, ow, 2], align_corners: alignCorners, half_pixel_centers: halfPixelCenters,
      input: Array.from(input, f9), output: Array.from(out.dataSync(), f9) });
    out.dispose();
  }
  fs.writeFileSync(args['resize-out'] || path.join(here, 'resize.json'),
    JSON.stringify({ generator: result.generator, tfjs: tf.version.tfjs, cases }) + '\n');
}

if (fullDir) fs.writeFileSync(path.join(fullDir, 'index.json'), JSON.stringify(fullIndex) + '\n');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
  }
  return out;
}
