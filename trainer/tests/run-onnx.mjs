// Runs an ONNX file in onnxruntime-web (WebAssembly, as the studio will import it) for the
// trainer's tests, which have no Python onnxruntime: reads a float32 input, writes the first
// output as float32, and reports the names, shapes and metadata_props the file declares (read
// with the studio's own protobuf reader).
//
//   node run-onnx.mjs <model.onnx> <input.f32> <dims, e.g. 3,3,32,32> <output.f32>
import { readFileSync, writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { studioModule } from './studio-modules.mjs';

const [modelPath, inputPath, dimsText, outputPath] = process.argv.slice(2);
if (!modelPath || !inputPath || !dimsText || !outputPath) {
  console.error('usage: node run-onnx.mjs <model.onnx> <input.f32> <dims> <output.f32>');
  process.exit(2);
}
// One thread: the test machine is shared, and the models are tiny.
ort.env.wasm.numThreads = 1;
const bytes = new Uint8Array(readFileSync(modelPath));
const session = await ort.InferenceSession.create(bytes);
// Copied into a fresh buffer: a small file's Buffer may sit at an offset no Float32Array can start at.
const raw = new Uint8Array(readFileSync(inputPath));
const values = new Float32Array(raw.buffer);
const dims = dimsText.split(',').map(Number);
const inputName = session.inputNames[0];
const outputName = session.outputNames[0];
const result = await session.run({ [inputName]: new ort.Tensor('float32', values, dims) });
const output = result[outputName];
writeFileSync(
  outputPath,
  Buffer.from(output.data.buffer, output.data.byteOffset, output.data.byteLength),
);

// ModelProto field 14: metadata_props, each a StringStringEntryProto (key 1, value 2).
const { decodeProto, protoMessage, protoString } = await studioModule(
  'ml/export/protobuf-reader.ts',
);
const metadataProps = Object.fromEntries(
  (decodeProto(bytes).get(14) ?? []).map((entry) => {
    const fields = protoMessage(entry);
    return [protoString(fields.get(1)?.[0]), protoString(fields.get(2)?.[0])];
  }),
);
const shapeOf = (metadata) => (metadata?.isTensor ? metadata.shape : null);
console.log(
  JSON.stringify({
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    inputShape: shapeOf(session.inputMetadata[0]),
    outputShape: shapeOf(session.outputMetadata[0]),
    dims: output.dims,
    metadataProps,
  }),
);
await session.release();
