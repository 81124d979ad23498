"""Makes the EEG-EMG coherence reference fixture for Myotrace's tests.

Run from this folder with numpy and scipy installed:  python make_coherence_fixture.py
Writes eeg.f32 and emg.f32 (little-endian float32, 250 Hz, 30 s) and expected.csv (frequency_hz,
coherence) from scipy.signal.coherence with a Hann window, disjoint 256-sample segments and
mean removal: the settings CoherenceAnalyzer uses at 250 Hz. The EMG stand-in is positive, so
full-wave rectification leaves it unchanged, and shares a 12-30 Hz drive with the EEG.
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
