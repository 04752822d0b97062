// `npm run eval`'s command line: every flag it knows, read strictly (an unknown flag, a missing
// value or a flag given twice is refused, naming the valid flags), and the whole training
// configuration those flags describe, built from the app's own presets and checked by the app's
// own validateConfig (src/ml/config.ts, loaded through Vite) before anything slow starts.

/** Flags that take a value, and the training setting each sets (if any). */
const VALUE_FLAGS = {
  data: { arg: '<folder>' },
  task: { arg: 'train|cluster|suspects' },
  noise: { arg: '<share, e.g. 0.05>' },
  cap: { arg: '<n>' },
  unknown: { arg: '<folder of strangers>' },
  'unknown-below': { arg: '<n photos>' },
  far: { arg: '<target FAR, e.g. 0.01>' },
  shots: { arg: '<photos per person, e.g. 1,2,3,5,10>' },
  mode: { arg: 'pretrained-frozen|pretrained-finetune|from-scratch|encoder-only' },
  preset: { arg: 'pretrained|finetune|scratch|seed|quick' },
  backend: { arg: 'auto|wasm|webgl|webgpu|cpu' },
  split: { arg: '<split.json>' },
  model: { arg: '<file.onnx|model.json|tfjs.zip>' },
  'export-onnx': { arg: '<out.onnx>' },
  'export-dataset': { arg: '<out.zip>' },
  json: { arg: '<out.json>' },
  'live-verify': { arg: '<seconds>' },
  backbone: { arg: '<name>', field: 'backbone', kind: 'text' },
  size: { arg: '32|64|112|128', field: 'inputSize', kind: 'number' },
  width: { arg: '<x>', field: 'widthMultiplier', kind: 'number' },
  embedding: { arg: '<n>', field: 'embeddingDim', kind: 'number' },
  head: { arg: 'arcface|softmax', field: 'head', kind: 'text' },
  scale: { arg: '<s>', field: 'scale', kind: 'number' },
  margin: { arg: '<m>', field: 'margin', kind: 'number' },
  smoothing: { arg: '<x>', field: 'labelSmoothing', kind: 'number' },
  opt: { arg: 'adam|sgd', field: 'optimizer', kind: 'text' },
  lr: { arg: '<x>', field: 'learningRate', kind: 'number' },
  momentum: { arg: '<x>', field: 'momentum', kind: 'number' },
  'weight-decay': { arg: '<x>', field: 'weightDecay', kind: 'number' },
  batch: { arg: '<n>', field: 'batchSize', kind: 'number' },
  epochs: { arg: '<n>', field: 'epochs', kind: 'number' },
  warmup: { arg: '<n>', field: 'warmupEpochs', kind: 'number' },
  seed: { arg: '<n>', field: 'seed', kind: 'number' },
  flip: { arg: 'on|off', field: 'augment.flip', kind: 'switch' },
};
const BOOLEAN_FLAGS = ['no-build', 'profile', 'trace'];
const KNOWN = [...Object.keys(VALUE_FLAGS), ...BOOLEAN_FLAGS];

export const MODES = {
  'pretrained-frozen': 'pretrained',
  'pretrained-finetune': 'finetune',
  'from-scratch': 'scratch',
};
export const BACKENDS = ['auto', 'wasm', 'webgl', 'webgpu', 'cpu'];

/** Every flag with its argument, for messages. */
export function flagList() {
  return [
    ...Object.entries(VALUE_FLAGS).map(([name, { arg }]) => `--${name} ${arg}`),
    ...BOOLEAN_FLAGS.map((name) => `--${name}`),
  ].join(', ');
}

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * Reads `argv` (without node and the script) into a Map of flag → value (true for --no-build).
 * Throws an Error whose message says what is wrong and lists the valid flags.
 */
export function parseFlags(argv) {
  const flags = new Map();
  const refuse = (message) => {
    throw new Error(`${message}\nValid flags: ${flagList()}.`);
  };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--')) {
      refuse(`unexpected argument '${token}' (every option is a --flag, e.g. --data <folder>).`);
    }
    const eq = token.indexOf('=');
    const name = token.slice(2, eq >= 0 ? eq : undefined);
    if (!KNOWN.includes(name)) {
      const near = KNOWN.filter((known) => distance(name, known) <= 2);
      refuse(
        `unknown flag --${name}${near.length ? ` (did you mean ${near.map((n) => `--${n}`).join(' or ')}?)` : ''}; nothing was run.`,
      );
    }
    if (flags.has(name)) refuse(`--${name} is given twice.`);
    if (BOOLEAN_FLAGS.includes(name)) {
      if (eq >= 0) refuse(`--${name} takes no value.`);
      flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? token.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      refuse(`--${name} needs a value: --${name} ${VALUE_FLAGS[name].arg}.`);
    }
    flags.set(name, value);
  }
  return flags;
}

export const TASKS = ['train', 'cluster', 'suspects'];

/**
 * What is wrong with the flags for `--model`, which imports a model trained elsewhere and trains
 * nothing: a mode, preset or training setting would not change what is measured. Empty when
 * --model is absent or alone with data, strangers, split, backend and output flags.
 */
export function modelFlagErrors(flags) {
  if (!flags.has('model')) return [];
  const training = [...flags.keys()].filter(
    (name) => name === 'mode' || name === 'preset' || VALUE_FLAGS[name]?.field !== undefined,
  );
  const errors = [];
  if (training.length > 0)
    errors.push(
      `--model evaluates a model trained elsewhere; ${training.map((n) => `--${n}`).join(', ')} would train one. Give one or the other.`,
    );
  if ((flags.get('task') ?? 'train') !== 'train')
    errors.push('--model applies to the evaluation of a model (no --task).');
  if (flags.has('export-onnx'))
    errors.push('--export-onnx saves the network the run trains; --model trains none.');
  return errors;
}

/**
 * What is wrong with the flags for `--task cluster|suspects`, which train nothing: a training,
 * mode, backend or split flag would not change what they measure, and --noise belongs to
 * suspects alone. Empty for a valid combination (and for the train task).
 */
export function labellingTaskErrors(flags) {
  const task = flags.get('task') ?? 'train';
  if (!TASKS.includes(task)) return [`--task must be one of ${TASKS.join(', ')}.`];
  const errors = [];
  if (flags.has('noise') && task !== 'suspects')
    errors.push('--noise applies to --task suspects only (the share of labels flipped).');
  if (task === 'train') return errors;
  // --seed picks the flipped labels of the suspects task; otherwise it is a training setting.
  const training = Object.keys(VALUE_FLAGS).filter(
    (name) => VALUE_FLAGS[name].field && !(name === 'seed' && task === 'suspects'),
  );
  for (const name of [
    ...training,
    'mode',
    'preset',
    'backend',
    'split',
    'unknown',
    'unknown-below',
    'far',
    'shots',
  ]) {
    if (flags.has(name))
      errors.push(
        `--${name} does not apply to --task ${task}: it trains nothing (the pretrained encoder groups or ranks the stored crops).`,
      );
  }
  if (flags.has('noise')) {
    const noise = Number(flags.get('noise'));
    if (!(noise > 0 && noise < 1))
      errors.push(`--noise must be a share between 0 and 1 (got ${flags.get('noise')}).`);
  }
  return errors;
}

/**
 * The open-set flags (issue 17): `{ far, shots, errors }`, far and shots as the Evaluate screen
 * takes them (null: the screen's defaults); `targetFars` are the FARs the screen offers. --far and --shots need strangers to mean anything.
 */
export function openSetOptions(flags, targetFars) {
  const errors = [];
  const strangers = flags.has('unknown') || flags.has('unknown-below');
  let far = null;
  let shots = null;
  if (flags.has('far')) {
    far = Number(flags.get('far'));
    if (!targetFars.includes(far))
      errors.push(
        `--far must be one the Evaluate screen offers: ${targetFars.join(', ')} (got ${flags.get('far')}).`,
      );
  }
  if (flags.has('shots')) {
    const parts = String(flags.get('shots'))
      .split(',')
      .map((part) => part.trim());
    shots = parts.map(Number);
    if (parts.some((part, i) => part === '' || !Number.isInteger(shots[i]) || shots[i] < 1))
      errors.push(
        `--shots must be whole numbers of photos per person, e.g. 1,2,3,5,10 (got ${flags.get('shots')}).`,
      );
  }
  if (flags.has('unknown-below')) {
    const below = Number(flags.get('unknown-below'));
    if (!Number.isInteger(below) || below < 2)
      errors.push(
        `--unknown-below must be a whole number of photos, at least 2 (got ${flags.get('unknown-below')}).`,
      );
  }
  if (!strangers && flags.has('far'))
    errors.push(
      '--far needs strangers to choose the threshold on: give --unknown <folder> or --unknown-below <n>.',
    );
  return { far, shots, errors };
}

/** The app's src/ml/config.ts (presets, validateConfig), loaded as the app builds it. */
export async function loadConfigModule(root) {
  const { runnerImport } = await import('vite');
  return (await runnerImport(`${root}/src/ml/config.ts`)).module;
}

/**
 * The whole training configuration for `flags`: the mode's (or preset's) settings, each flag
 * on top. Returns `{ config, start, errors, notes }`: `errors` are flags that would change what
 * is measured or values the app refuses (the run must not start); `notes` are flags that have no
 * effect in the chosen setup and are left out (--size and --width with the pretrained encoder,
 * --momentum with Adam, --scale and --margin with the softmax head). `config` is null for
 * --mode encoder-only, which trains nothing.
 */
export function buildTrainConfig(flags, configModule) {
  const { PRESETS, PRETRAINED_INPUT_SIZE, usesPretrainedEncoder, validateConfig } = configModule;
  const errors = [];
  const notes = [];
  const mode = flags.get('mode');
  const training = Object.keys(VALUE_FLAGS).filter(
    (name) => VALUE_FLAGS[name].field && flags.has(name),
  );

  if (mode !== undefined && mode !== 'encoder-only' && !(mode in MODES)) {
    errors.push(`--mode must be one of ${[...Object.keys(MODES), 'encoder-only'].join(', ')}.`);
    return { config: null, start: '', errors, notes };
  }
  if (mode !== undefined && flags.has('preset')) {
    errors.push(
      `--mode and --preset both choose the starting settings (--mode ${mode} is --preset ${MODES[mode] ?? '(none)'}); give one.`,
    );
  }
  if (mode === 'encoder-only') {
    for (const name of training) {
      errors.push(
        `--${name} does not apply to --mode encoder-only: it trains nothing (the pretrained encoder alone embeds the stored crops).`,
      );
    }
    return { config: null, start: '--mode encoder-only', errors, notes };
  }
  const preset = mode !== undefined ? MODES[mode] : (flags.get('preset') ?? 'pretrained');
  if (!(preset in PRESETS)) {
    errors.push(`--preset must be one of ${Object.keys(PRESETS).join(', ')}.`);
    return { config: null, start: '', errors, notes };
  }
  const start =
    mode !== undefined
      ? `--mode ${mode}`
      : flags.has('preset')
        ? `--preset ${preset}`
        : 'the default --mode pretrained-frozen';
  const config = structuredClone(PRESETS[preset].config);

  if (mode !== undefined && flags.has('backbone')) {
    errors.push(
      `--backbone does not apply to --mode ${mode}: the mode is its backbone (${config.backbone}). ` +
        `To start from a preset's settings with another backbone, use --preset <name> --backbone <name>.`,
    );
  }
  for (const name of training) {
    const { field, kind } = VALUE_FLAGS[name];
    const raw = flags.get(name);
    let value = raw;
    if (kind === 'number') {
      value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) {
        errors.push(`--${name} expects a number (got '${raw}').`);
        continue;
      }
    } else if (kind === 'switch') {
      if (!['on', 'off', 'true', 'false'].includes(raw)) {
        errors.push(`--${name} expects on or off (got '${raw}').`);
        continue;
      }
      value = raw === 'on' || raw === 'true';
    }
    if (field === 'augment.flip') config.augment.flip = value;
    else config[field] = value;
  }

  // Flags the chosen setup does not use: left out, with the reason.
  const setup = flags.has('backbone') ? `${start} with --backbone ${config.backbone}` : start;
  const ignore = (name, reason, hint = '') => {
    notes.push(`--${name} does not apply to ${setup}: ${reason}; ignored${hint}.`);
    const { field } = VALUE_FLAGS[name];
    config[field] = PRESETS[preset].config[field];
  };
  if (usesPretrainedEncoder(config)) {
    if (flags.has('size')) {
      ignore(
        'size',
        `the pretrained encoder takes ${PRETRAINED_INPUT_SIZE}×${PRETRAINED_INPUT_SIZE} crops`,
      );
    }
    if (flags.has('width')) {
      ignore(
        'width',
        'the pretrained encoder has a fixed width (only the from-scratch CNNs scale)',
      );
    }
  }
  if (flags.has('momentum') && config.optimizer === 'adam') {
    ignore(
      'momentum',
      'the Adam optimiser uses its own fixed betas (0.9, 0.999)',
      ' (add --opt sgd to use it)',
    );
  }
  if (config.head === 'softmax') {
    for (const name of ['scale', 'margin']) {
      if (flags.has(name)) ignore(name, `the softmax head has no ArcFace ${name}`);
    }
  }

  const flagOf = Object.fromEntries(
    Object.entries(VALUE_FLAGS)
      .filter(([, { field }]) => field)
      .map(([name, { field }]) => [field, name]),
  );
  if (errors.length === 0) {
    for (const issue of validateConfig(config)) {
      const name = flagOf[issue.field];
      const source =
        name && flags.has(name)
          ? `--${name} (${issue.field})`
          : `${issue.field} (from ${start}${name ? `; set it with --${name}` : ''})`;
      errors.push(`${source} ${issue.reason}.`);
    }
  }
  return { config, start, errors, notes };
}
