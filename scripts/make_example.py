#!/usr/bin/env python3
"""Writes the example program kept in the repository: a small LeNet-style
classifier saved by Paddle (legacy ProgramDesc format) with seeded weights,
into test/Inputs/lenet/ (lenet.pdmodel, lenet.pdiparams), and Paddle's
output for a fixed input (lenet.expected.npz) for later numeric checks.

Regenerate with the test environment: .venv/bin/python scripts/make_example.py
"""
import os

import numpy as np
import paddle

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "Inputs", "lenet")


class LeNet(paddle.nn.Layer):
    def __init__(self):
        super().__init__()
        self.conv1 = paddle.nn.Conv2D(1, 4, 5, padding=2)
        self.conv2 = paddle.nn.Conv2D(4, 8, 5)
        self.bn = paddle.nn.BatchNorm2D(8)
        self.fc1 = paddle.nn.Linear(8 * 5 * 5, 32)
        self.fc2 = paddle.nn.Linear(32, 10)
        self.pool = paddle.nn.MaxPool2D(2, 2)

    def forward(self, x):
        x = self.pool(paddle.nn.functional.relu(self.conv1(x)))
        x = self.pool(paddle.nn.functional.relu(self.bn(self.conv2(x))))
        x = paddle.flatten(x, 1)
        x = paddle.nn.functional.relu(self.fc1(x))
        x = paddle.nn.functional.dropout(x, 0.1, training=False)
        return paddle.nn.functional.softmax(self.fc2(x))


def main():
    paddle.seed(7)
    np.random.seed(7)
    paddle.enable_static()
    main_prog, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main_prog, startup):
        image = paddle.static.data("image", [None, 1, 28, 28], "float32")
        net = LeNet()
        net.eval()
        prob = net(image)
    exe = paddle.static.Executor(paddle.CPUPlace())
    exe.run(startup)
    os.makedirs(OUT, exist_ok=True)
    prefix = os.path.join(OUT, "lenet")
    paddle.static.save_inference_model(prefix, [image], [prob], exe,
                                       program=main_prog)
    x = np.random.RandomState(0).rand(2, 1, 28, 28).astype("float32")
    (y,) = exe.run(main_prog, feed={"image": x}, fetch_list=[prob])
    np.savez(prefix + ".expected.npz", image=x, prob=y)
    print("wrote", prefix + ".pdmodel", os.path.getsize(prefix + ".pdmodel"),
          "bytes,", os.path.getsize(prefix + ".pdiparams"), "bytes of params")


if __name__ == "__main__":
    main()
