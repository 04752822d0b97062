#!/usr/bin/env bash
# Issue #4's yardstick, side by side in one run on this machine: training images/s of ResNet-18
# at 64×64, batch 32, in PyTorch's CPU build (../shared/reference/seed_reference.py, 1 and 2
# threads, one short run each, before and after) and in TF.js's WebAssembly backend with this
# project's training kernels: in Node (one thread, SIMD: the opt-in wasm-training bench), and in
# the built app's bench page in Chromium, cross-origin isolated, on one thread and on threads.
#   bash scripts/bench-vs-pytorch.sh [epochs]     (needs python3-torch; see ../shared/reference)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${FACE_STUDIO_SHARED:-../shared}
EPOCHS=${1:-2}
torch_run() {
  /usr/bin/python3 "$SHARED/reference/seed_reference.py" --data "$SHARED/datasets/dev-lfw10to19/images" \
    --cap 20 --size 64 --batch 32 --epochs "$EPOCHS" --opt adam --lr 0.001 --scale 32 --margin 0.3 \
    --threads "$1" 2>/dev/null | grep -o '"train_img_per_s": *[0-9.]*' | sed "s/^/pytorch threads=$1 /"
}
npx vite build --logLevel warn >/dev/null
torch_run 1
torch_run 2
FACE_STUDIO_BENCH=1 npx vitest run src/ml/wasm-training/wasm-training.bench.test.ts \
  -t 'forward and train step with the replacements' 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(resnet18|mobilefacenet) @|^  ' | head -40
node scripts/bench.mjs --no-build --backends wasm-1thread,wasm --backbones resnet18 --sizes 64 \
  --width 1 --batch 32 --steps 3 2>/dev/null | grep '"train"' |
  sed -E 's/.*"backend":"([^"]*)".*"backend_detail":"[^"]*(WebAssembly: [^"]*)".*"train_img_per_s":([0-9.]*).*/browser \1 (\2) train_img_per_s \3/'
torch_run 1
torch_run 2
