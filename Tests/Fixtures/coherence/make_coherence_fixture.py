"""Makes the EEG-EMG coherence reference fixture for Myotrace's tests.

Run from this folder with numpy and scipy installed:  python make_coherence_fixture.py
Writes eeg.f32 and emg.f32 (little-endian float32, 250 Hz, 30 s) and expected.csv (frequency_hz,
coherence) from scipy.signal.coherence with a Hann window, disjoint 256-sample segments and
mean removal: the settings CoherenceAnalyzer uses at 250 Hz. The EMG stand-in is positive, so
full-wave rectification leaves it unchanged, and shares a 12-30 Hz drive with the EEG.

Also writes eeg_1k.f32 and emg_1k.f32 (the same kind of signals at 1 kHz, 60 s) and
expected_1k.csv (frequency_hz,coherence,coherence_1k): coherence after the decimation
CoherenceAnalyzer applies at 1 kHz (two halvings, each a 19-tap Blackman half-band FIR run
causally from zeros, keeping samples 0, 2, 4...), then Welch as above at 250 Hz; and, for
comparison, scipy's coherence of the undecimated signals with 1024-sample segments.
"""
import numpy as np
from scipy import signal

rate = 250.0
n = int(30 * rate)
rng = np.random.default_rng(4)
b, a = signal.butter(4, [12, 30], btype="bandpass", fs=rate)
drive = signal.lfilter(b, a, rng.standard_normal(n))
drive /= drive.std()
eeg = 10 * drive + 15 * rng.standard_normal(n)
emg = 60 + 8 * drive + 8 * rng.standard_normal(n)
assert emg.min() > 0
eeg = eeg.astype("<f4")
emg = emg.astype("<f4")
eeg.tofile("eeg.f32")
emg.tofile("emg.f32")
f, c = signal.coherence(eeg.astype(float), emg.astype(float), fs=rate, window="hann", nperseg=256,
                        noverlap=0, detrend="constant")
with open("expected.csv", "w") as out:
    out.write("frequency_hz,coherence\n")
    for fi, ci in zip(f, c):
        out.write(f"{fi:.6f},{ci:.9f}\n")

rate_1k = 1000.0
n_1k = int(60 * rate_1k)
rng_1k = np.random.default_rng(5)
b, a = signal.butter(4, [12, 30], btype="bandpass", fs=rate_1k)
drive = signal.lfilter(b, a, rng_1k.standard_normal(n_1k))
drive /= drive.std()
eeg_1k = (10 * drive + 15 * rng_1k.standard_normal(n_1k)).astype("<f4")
emg_1k = (60 + 8 * drive + 8 * rng_1k.standard_normal(n_1k)).astype("<f4")
assert emg_1k.min() > 0
eeg_1k.tofile("eeg_1k.f32")
emg_1k.tofile("emg_1k.f32")
half_band = signal.firwin(19, 0.5, window="blackman")


def decimate(x):
    for _ in range(2):
        x = signal.lfilter(half_band, 1.0, x)[::2]
    return x


f, c = signal.coherence(decimate(eeg_1k.astype(float)), decimate(emg_1k.astype(float)), fs=rate_1k / 4,
                        window="hann", nperseg=256, noverlap=0, detrend="constant")
f_full, c_full = signal.coherence(eeg_1k.astype(float), emg_1k.astype(float), fs=rate_1k, window="hann",
                                  nperseg=1024, noverlap=0, detrend="constant")
assert np.allclose(f, f_full[: len(f)])
with open("expected_1k.csv", "w") as out:
    out.write("frequency_hz,coherence,coherence_1k\n")
    for fi, ci, cf in zip(f, c, c_full):
        out.write(f"{fi:.6f},{ci:.9f},{cf:.9f}\n")
