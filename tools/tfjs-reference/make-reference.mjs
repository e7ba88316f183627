// Reference outputs for the importer's faithfulness test: runs the original TF.js graph model with
// TF.js itself (pure-JS cpu backend, no native tfjs-node) on a fixed 416x416 BGR image and writes
// the six NanoDet outputs as gzipped float32 little-endian, in the order Identity, Identity_1, ... Identity_5.
//
// Usage (from this directory, after `npm install`):
//   node make-reference.mjs <nanodet.json> <input.bgr.gz> <out.f32.gz>
// The input is raw 416x416x3 uint8 BGR (gzip); normalisation matches the Java test exactly
// (float32 (v - mean) / std per channel, NCHW).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs';

const [jsonPath, inputPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: node make-reference.mjs <model.json> <input.bgr.gz> <out.f32.gz>');
  process.exit(2);
}
const SIZE = 416;
const MEAN = [103.53, 116.28, 123.675];
const STD = [57.375, 57.12, 58.395];
const OUTPUTS = ['Identity', 'Identity_1', 'Identity_2', 'Identity_3', 'Identity_4', 'Identity_5'];

function loadArtifacts(file) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dir = path.dirname(file);
  const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const all = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    signature: json.signature,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
  };
}

function inputTensor(file) {
  const bgr = zlib.gunzipSync(fs.readFileSync(file));
  if (bgr.length !== SIZE * SIZE * 3) throw new Error(`expected ${SIZE * SIZE * 3} bytes, got ${bgr.length}`);
  const nchw = new Float32Array(3 * SIZE * SIZE);
  for (let c = 0; c < 3; c++) {
    const m = Math.fround(MEAN[c]);
    const s = Math.fround(STD[c]);
    for (let i = 0; i < SIZE * SIZE; i++) {
      nchw[c * SIZE * SIZE + i] = Math.fround(Math.fround(bgr[i * 3 + c] - m) / s);
    }
  }
  return tf.tensor4d(nchw, [1, 3, SIZE, SIZE]);
}

await tf.setBackend('cpu');
const model = await tf.loadGraphModel(tf.io.fromMemory(loadArtifacts(jsonPath)));
const x = inputTensor(inputPath);
const outs = model.execute({ input_1: x }, OUTPUTS);
const parts = [];
for (let i = 0; i < outs.length; i++) {
  const data = await outs[i].data();
  console.log(`${OUTPUTS[i]} shape=${JSON.stringify(outs[i].shape)} max=${data.reduce((a, b) => Math.max(a, b), -Infinity).toFixed(4)}`);
  parts.push(Buffer.from(new Float32Array(data).buffer));
}
fs.writeFileSync(outPath, zlib.gzipSync(Buffer.concat(parts), { level: 9 }));
console.log(`wrote ${outPath} with tfjs ${tf.version.tfjs} backend ${tf.getBackend()}`);
