# Face Studio's PyTorch trainer: the studio's from-scratch networks, heads, losses, schedule and
# augmentation, trained on a dataset zip exported by the studio and exported back as ONNX +
# metadata.json. The entry point is trainer/train.py.
