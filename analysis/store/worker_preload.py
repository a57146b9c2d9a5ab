"""Imported once by the server process that a local dask cluster's workers fork from
(store.distributed.FORKSERVER_PRELOAD): this package and natasha's models, loaded there,
reach every worker by the fork, as the process pool's workers get them from the main
process, without the main process's threads."""
from analysis.store.pipeline import load_models

load_models()
