"""Qt-free speech recognition: model store and the faster-whisper engine."""
