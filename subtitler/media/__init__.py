"""Qt-free media access: probing, audio decoding, waveform peaks, shot changes."""
