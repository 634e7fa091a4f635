"""Transcribing a library: many files, one Dask task each, on this machine or on a cluster.

``inputs`` finds the media in files and folders and names each one's outputs; ``settings``
holds what every file is transcribed with (and its fingerprint, which makes a rerun skip what
is done); ``work`` transcribes one file on a worker, start to end, and writes its outputs
atomically; ``cluster`` runs the files on an embedded local Dask cluster or an existing one;
``report`` prints the summary table and writes the JSON report. No Qt here.
"""
