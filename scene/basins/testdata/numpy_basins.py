#!/usr/bin/env python3
"""The basins map as a NumPy user computes it: Adam with torch.optim's update,
vectorised over every start of an N x N grid on Himmelblau's function, each start
then labelled with the listed minimum it ends within 0.1 of (-1: none).

usage: numpy_basins.py [N=400] [STEPS=300] [LR=0.05] [OUT.csv]
Prints the time taken and the share of starts per label; OUT.csv gets
x,y,end_x,end_y,minimum per start."""
import sys
import time

import numpy as np

args = sys.argv[1:]
n = int(args[0]) if len(args) > 0 else 400
steps = int(args[1]) if len(args) > 1 else 300
lr = float(args[2]) if len(args) > 2 else 0.05
out = args[3] if len(args) > 3 else None
MINIMA = np.array([[3.0, 2.0], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]])
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8

start = time.perf_counter()
axis = np.linspace(-5.0, 5.0, n)
gx, gy = np.meshgrid(axis, axis)
p = np.stack([gx.ravel(), gy.ravel()])  # shape (2, n*n): the parameters of every start
p0 = p.copy()
m = np.zeros_like(p)
v = np.zeros_like(p)
for t in range(1, steps + 1):
    x, y = p
    u = x * x + y - 11.0
    w = x + y * y - 7.0
    grad = np.stack([4.0 * x * u + 2.0 * w, 2.0 * u + 4.0 * y * w])
    m = BETA1 * m + (1 - BETA1) * grad
    v = BETA2 * v + (1 - BETA2) * grad * grad
    step_size = lr / (1 - BETA1 ** t)
    denom = np.sqrt(v) / np.sqrt(1 - BETA2 ** t) + EPS
    p = p - step_size * m / denom
dist2 = ((p.T[:, None, :] - MINIMA[None, :, :]) ** 2).sum(axis=2)
label = dist2.argmin(axis=1)
label[dist2.min(axis=1) > 1e-2] = -1
elapsed = time.perf_counter() - start
shares = " ".join("%d:%.3f" % (k, np.mean(label == k)) for k in range(-1, len(MINIMA)))
print("numpy adam basins %dx%d starts x %d steps: %.2f s; shares %s" % (n, n, steps, elapsed, shares))
if out:
    table = np.column_stack([p0[0], p0[1], p[0], p[1], label])
    np.savetxt(out, table, delimiter=",", header="x,y,end_x,end_y,minimum", comments="", fmt=["%.17g"] * 4 + ["%d"])
