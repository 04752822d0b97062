import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, PRESETS, RECOMMENDED_CONFIG } from '../../ml/config';
import { formatConfigJson, parseConfigJson } from './config-json';
import { ConfigJsonPanel } from './config-json-panel';

const edited = (change: (config: Record<string, unknown>) => void) => {
  const config = JSON.parse(formatConfigJson(RECOMMENDED_CONFIG)) as Record<string, unknown>;
  change(config);
  return JSON.stringify(config);
};

describe('parseConfigJson', () => {
  it('reads back every preset exactly as written', () => {
    for (const preset of Object.values(PRESETS)) {
      expect(parseConfigJson(formatConfigJson(preset.config))).toEqual({
        ok: true,
        config: preset.config,
      });
    }
  });

  it('refuses text that is not JSON, or not one object', () => {
    const broken = parseConfigJson('{ "epochs": 3,');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.reason).toMatch(/^Not valid JSON: /);
    for (const text of ['[]', 'null', '3']) {
      expect(parseConfigJson(text)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^Expected one JSON object/),
      });
    }
  });

  it('reads the imported model a run trains over, with its backbone', () => {
    const overImported = {
      ...DEFAULT_CONFIG,
      backbone: 'imported-frozen' as const,
      encoderRunId: 'run_imported',
    };
    expect(parseConfigJson(JSON.stringify(overImported))).toEqual({
      ok: true,
      config: overImported,
    });
    const parsed = parseConfigJson(JSON.stringify({ ...DEFAULT_CONFIG, encoderRunId: 'run_x' }));
    expect(parsed.ok ? '' : parsed.reason).toMatch(/encoderRunId applies to the imported-frozen/);
  });

  it('names a misspelt or missing setting instead of ignoring it', () => {
    const text = edited((c) => {
      c.epoch = c.epochs;
      delete c.epochs;
      (c.augment as Record<string, unknown>).flipp = true;
    });
    const parsed = parseConfigJson(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain('Unknown settings: epoch, augment.flipp');
    expect(!parsed.ok && parsed.reason).toContain('Missing setting: epochs.');
  });

  it('gives validateConfig’s reasons for values the learning code refuses', () => {
    const parsed = parseConfigJson(
      edited((c) => {
        c.epochs = 2;
        c.warmupEpochs = 2;
        c.inputSize = 96;
      }),
    );
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain('inputSize must be one of 32, 64, 112, 128');
    expect(!parsed.ok && parsed.reason).toContain('warmupEpochs must be fewer than the 2 epochs');
  });
});

describe('ConfigJsonPanel', () => {
  it('shows the current settings as JSON behind a labelled disclosure, with no alert', () => {
    const html = renderToStaticMarkup(
      createElement(ConfigJsonPanel, {
        config: PRESETS.scratch.config,
        onApply: () => {},
        disabled: false,
      }),
    );
    expect(html).toContain('<summary>Settings as JSON</summary>');
    expect(html).toContain('Training settings (JSON)</label>');
    expect(html).toContain('&quot;backbone&quot;: &quot;resnet18&quot;');
    expect(html).toContain('Apply settings');
    expect(html).not.toContain('role="alert"');
  });
});
