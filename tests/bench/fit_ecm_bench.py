#!/usr/bin/python3
"""fit-ecm benchmark: packgrade-cli (whole process) against scipy.optimize.least_squares.

Both fit the same 2RC Thevenin model (E0, R0, R1, tau1, R2, tau2; OCV change from the NMC table
and the charge drawn; RC branches discretised exactly under a zero-order hold) to the same
100,000-sample synthetic HPPC record with known parameters and 1 mV noise. scipy's model is
vectorised (scipy.signal.lfilter for the RC branches) and uses the default 'trf' solver with
finite-difference Jacobian from a sensible start. Prints wall and CPU times (min and median of
N runs) and RMSEs. CPU time is the fairer figure on a shared, loaded machine.

usage: tests/bench/fit_ecm_bench.py [path/to/packgrade-cli] [--runs N]
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.interpolate import PchipInterpolator
from scipy.optimize import least_squares
from scipy.signal import lfilter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TRUTH = dict(e0=None, r0=0.012, r1=0.010, tau1=2.0, r2=0.015, tau2=60.0)
CAPACITY_AH = 5.0
SOC0 = 0.95
DT = 0.1
SAMPLES = 100_000


def ocv_table():
    rows = [l for l in open(os.path.join(ROOT, "resources/ocv/nmc_lgm50_25c.csv")) if not l.startswith("#")]
    data = np.array([[float(x) for x in l.split(",")[:2]] for l in rows[1:]])
    return PchipInterpolator(data[:, 0], data[:, 1])


def hppc_current(t):
    """USABC-style HPPC at 15 SoC levels: 1C 10 s discharge, 40 s rest, 0.75C 10 s charge,
    then 5 % SoC at 1C and 300 s rest."""
    u = np.mod(t, 640.0)
    i = np.zeros_like(t)
    i[(u > 60) & (u <= 70)] = 5.0
    i[(u > 110) & (u <= 120)] = -3.75
    i[(u > 160) & (u <= 340)] = 5.0
    return i


def rc(i, tau):
    a = np.exp(-DT / tau)
    return lfilter([1 - a], [1, -a], i)  # x[n] = a x[n-1] + (1-a) i[n]


def model(p, i, docv):
    e0, r0, r1, tau1, r2, tau2 = p
    return e0 + docv - r0 * i - r1 * rc(i, tau1) - r2 * rc(i, tau2)


def make_record(path):
    t = np.arange(SAMPLES) * DT
    i = hppc_current(t + 1e-9)
    ocv = ocv_table()
    q = np.concatenate([[0.0], np.cumsum(0.5 * (i[1:] + i[:-1]) * DT)]) / 3600.0
    docv = ocv(SOC0 - q / CAPACITY_AH) - ocv(SOC0)
    p = [float(ocv(SOC0)), TRUTH["r0"], TRUTH["r1"], TRUTH["tau1"], TRUTH["r2"], TRUTH["tau2"]]
    v = model(p, i, docv) + np.random.default_rng(1).normal(0.0, 1e-3, SAMPLES)
    np.savetxt(path, np.column_stack([t, i, v]), delimiter=",", header="time_s,current_a,voltage_v",
               comments="", fmt=["%.1f", "%.4f", "%.6f"])
    return t, i, v, docv


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(cli, path, runs):
    """Whole process: start, read the 100,000-line CSV, load the OCV table, fit, print JSON."""
    cmd = [cli, "fit-ecm", path, "--model", "2rc", "--chemistry", "nmc", "--capacity-ah", str(CAPACITY_AH), "--json"]
    walls, cpus, out = [], [], None
    for _ in range(runs):
        c0, t0 = children_cpu(), time.perf_counter()
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
        walls.append(time.perf_counter() - t0)
        cpus.append(children_cpu() - c0)
        out = json.loads(res.stdout)
    return walls, cpus, out


def shared_docv(i, v, ocv):
    """The OCV change both fitters use: start SoC from the mean rested voltage before the first
    load (as packgrade does), then OCV(soc0 - Ah/C) - OCV(soc0)."""
    rested = np.argmax(np.abs(i) > 0.02 * np.abs(i).max())
    grid = np.linspace(0.0, 1.0, 200001)
    soc0 = float(np.interp(v[:rested].mean(), ocv(grid), grid))
    q = np.concatenate([[0.0], np.cumsum(0.5 * (i[1:] + i[:-1]) * DT)]) / 3600.0
    return ocv(soc0 - q / CAPACITY_AH) - ocv(soc0)


def run_scipy(i, v, runs):
    """Fit only (the record is already in memory): vectorised model, bounded, from round
    numbers a user would guess. Its OCV preparation is not timed."""
    docv = shared_docv(i, v, ocv_table())
    x0 = [v[0], 0.02, 0.02, 1.0, 0.02, 30.0]
    lb = [0, 0, 0, 0.02, 0, 1.0]
    ub = [10, 1, 1, 100.0, 1, 5000.0]
    walls, cpus, fit = [], [], None
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        fit = least_squares(lambda p: model(p, i, docv) - v, x0, bounds=(lb, ub))
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return walls, cpus, fit


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    if "--runs" in sys.argv:
        args = [a for a in args if a != str(runs)]
    cli = args[0] if args else os.path.join(ROOT, "build/app/cli/packgrade-cli")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "hppc_100k.csv")
        t, i, v, _ = make_record(path)
        cli_wall, cli_cpu, out = run_cli(cli, path, runs)
        sp_wall, sp_cpu, fit = run_scipy(i, v, runs)
    sp_rmse = float(np.sqrt(np.mean(fit.fun ** 2)))
    e0, r0, r1, tau1, r2, tau2 = fit.x
    print(f"record: {SAMPLES} samples, 2RC truth R0 {TRUTH['r0']*1e3:.1f} mOhm, R1 {TRUTH['r1']*1e3:.1f} mOhm, "
          f"tau1 {TRUTH['tau1']} s, R2 {TRUTH['r2']*1e3:.1f} mOhm, tau2 {TRUTH['tau2']} s, noise 1.0 mV; {runs} runs each")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'fitter':<33}{'wall min':>9}{'wall med':>9}{'cpu min':>9}{'cpu med':>9}{'RMSE mV':>9}  R0/R1/R2 mOhm, tau1/tau2 s")
    for name, w, c, rmse, p in (
            ("packgrade-cli fit-ecm (process)", cli_wall, cli_cpu, out["rmse_v"],
             (out["r0_ohm"], out["r1_ohm"], out["r2_ohm"], out["tau1_s"], out["tau2_s"])),
            ("scipy least_squares (fit only)", sp_wall, sp_cpu, sp_rmse, (r0, r1, r2, tau1, tau2))):
        print(f"{name:<33}{min(w):>9.4f}{np.median(w):>9.4f}{min(c):>9.4f}{np.median(c):>9.4f}{rmse*1e3:>9.4f}  "
              f"{p[0]*1e3:.3f}/{p[1]*1e3:.3f}/{p[2]*1e3:.3f}, {p[3]:.3f}/{p[4]:.2f}")
    print(f"speed-up: wall {min(sp_wall) / min(cli_wall):.1f}x, cpu {min(sp_cpu) / min(cli_cpu):.1f}x (min/min); "
          f"RMSE packgrade - scipy: {(out['rmse_v'] - sp_rmse) * 1e6:+.3f} uV (scipy nfev {fit.nfev})")

if __name__ == "__main__":
    main()
