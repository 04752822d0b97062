// The Train screen's backbone choice: the networks every studio has, and each imported model as
// a frozen encoder under a trained projection and ArcFace head (backbone 'imported-frozen').

import {
  BACKBONES,
  usesImportedEncoder,
  type BackboneName,
  type TrainConfig,
} from '../../ml/config';
import { useAppStore } from '../../store';
import { isImportedRun } from '../../storage/run-records';

const BACKBONE_LABELS: Record<Exclude<BackboneName, 'imported-frozen'>, string> = {
  resnet18: 'ResNet-18 (from scratch)',
  mobilefacenet: 'MobileFaceNet (from scratch)',
  'face-api-frozen': 'Pretrained face encoder (frozen) + ArcFace head',
  'face-api-finetune': 'Pretrained face encoder, fine-tuned whole + ArcFace head',
};

const IMPORTED = 'imported:';

export function BackboneField({
  id,
  config,
  onChange,
}: {
  id: string;
  config: TrainConfig;
  onChange(config: TrainConfig): void;
}) {
  const runs = useAppStore((s) => s.runs);
  const imported = runs.filter(isImportedRun);
  const value = usesImportedEncoder(config)
    ? `${IMPORTED}${config.encoderRunId ?? ''}`
    : config.backbone;
  const choose = (chosen: string) => {
    const rest = { ...config };
    delete rest.encoderRunId;
    if (chosen.startsWith(IMPORTED)) {
      onChange({
        ...rest,
        backbone: 'imported-frozen',
        encoderRunId: chosen.slice(IMPORTED.length),
      });
    } else {
      onChange({ ...rest, backbone: chosen as BackboneName });
    }
  };
  return (
    <div className="field backbone-field">
      <label htmlFor={id}>Backbone</label>
      <select id={id} value={value} onChange={(e) => choose(e.target.value)}>
        {BACKBONES.map((b) => (
          <option key={b} value={b}>
            {BACKBONE_LABELS[b as Exclude<BackboneName, 'imported-frozen'>]}
          </option>
        ))}
        {imported.map((run) => (
          <option key={run.id} value={`${IMPORTED}${run.id}`}>
            Imported model {run.name} (frozen) + ArcFace head
          </option>
        ))}
        {usesImportedEncoder(config) && !imported.some((r) => r.id === config.encoderRunId) && (
          <option value={value}>An imported model no longer in the studio</option>
        )}
      </select>
    </div>
  );
}
