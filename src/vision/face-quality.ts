// Owns the quality checks of a webcam frame before it is kept for enrolment: exactly one face,
// large enough, sharp enough (variance of the Laplacian of the aligned crop's grey levels) and
// bright enough. Pure: works on grey pixel arrays, so it runs in a worker and under Vitest.

export type QualityIssue = 'no-face' | 'several-faces' | 'too-small' | 'blurry' | 'too-dark';

export interface FrameQuality {
  issues: QualityIssue[];
  /** Variance of the 3×3 Laplacian over the crop (higher is sharper). */
  sharpness: number;
  /** Mean grey level of the crop, 0..255. */
  brightness: number;
  /** Eye distance in the camera's pixels. */
  eyeDistance: number;
}

/**
 * Limits for 128×128 crops. Measured (face-quality.test.ts): sharp LFW faces score 178–384, the
 * same faces after two 3×3 box blurs 28–42; their brightness is 111–159, at 30 % light 33–48.
 */
export const QUALITY_LIMITS = { minEyeDistance: 28, minSharpness: 60, minBrightness: 50 } as const;

export const QUALITY_MESSAGES: Record<QualityIssue, string> = {
  'no-face': 'No face found',
  'several-faces': 'More than one face',
  'too-small': 'Face too small: come closer',
  blurry: 'Blurry: hold still',
  'too-dark': 'Too dark: add light',
};

/** Grey levels (ITU-R BT.601) of RGBA pixels. */
export function greyFromRgba(rgba: ArrayLike<number>): Float32Array {
  const grey = new Float32Array(rgba.length / 4);
  for (let i = 0; i < grey.length; i++) {
    grey[i] =
      0.299 * (rgba[i * 4] as number) +
      0.587 * (rgba[i * 4 + 1] as number) +
      0.114 * (rgba[i * 4 + 2] as number);
  }
  return grey;
}

/** Variance of the 4-neighbour Laplacian over the interior of a width×height grey image. */
export function laplacianVariance(grey: ArrayLike<number>, width: number, height: number): number {
  let sum = 0;
  let sumSquares = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value =
        (grey[i - 1] as number) +
        (grey[i + 1] as number) +
        (grey[i - width] as number) +
        (grey[i + width] as number) -
        4 * (grey[i] as number);
      sum += value;
      sumSquares += value * value;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSquares / n - mean * mean;
}

export function meanLevel(grey: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < grey.length; i++) sum += grey[i] as number;
  return grey.length === 0 ? 0 : sum / grey.length;
}

/** Judges one frame from its face count, its largest face's eye distance and its crop's grey levels. */
export function assessFrame(
  faces: number,
  eyeDistance: number,
  grey: ArrayLike<number>,
  size: number,
): FrameQuality {
  const sharpness = faces > 0 ? laplacianVariance(grey, size, size) : 0;
  const brightness = faces > 0 ? meanLevel(grey) : 0;
  const issues: QualityIssue[] = [];
  if (faces === 0) issues.push('no-face');
  else {
    if (faces > 1) issues.push('several-faces');
    if (eyeDistance < QUALITY_LIMITS.minEyeDistance) issues.push('too-small');
    if (sharpness < QUALITY_LIMITS.minSharpness) issues.push('blurry');
    if (brightness < QUALITY_LIMITS.minBrightness) issues.push('too-dark');
  }
  return { issues, sharpness, brightness, eyeDistance };
}
