"""The Dask transport: the batch function mapped over partitions on a Dask
cluster (``dask.distributed``), which also runs on Kubernetes and, through
dask-jobqueue, on SLURM, PBS and SGE clusters.

Like the other runners it has one method, ``map(batch_fn, partitions)``. Each
partition is one task, retried ``retries`` times when it raises; a worker
that dies is replaced and its task rerun by Dask itself. A worker process
loads the pipeline once (``code_batch`` keeps it per process), so start
workers with one thread each and as many processes as cores.

>>> runner = DaskRunner("tcp://scheduler:8786")                     # doctest: +SKIP
>>> for results in runner.map(partial(code_batch, settings=None), chunks):
...     store.write(results)                                         # doctest: +SKIP
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from eventcoder.errors import ConfigError
from eventcoder.runner.transports import default_workers

P = TypeVar("P")
R = TypeVar("R")

INSTALL_HINT = "the dask engine needs dask.distributed: pip install 'dask[distributed]'"


@dataclass(frozen=True)
class PartitionFailed:
    """A partition whose task failed after every retry (or whose workers kept dying)."""

    partition: Any
    error: str


class DaskRunner:
    """Partitions as tasks on a Dask cluster.

    ``scheduler`` is a scheduler address (``tcp://host:8786``), a
    ``distributed.Client`` (left open), or None for a cluster of ``workers``
    local processes on 127.0.0.1, started and stopped by ``map``. At most
    ``2 x threads`` partitions are in flight, so a huge corpus is never all
    submitted at once. With ``report_failures`` a partition that fails for good
    yields a ``PartitionFailed`` and the others go on; otherwise its error is
    raised, as the other runners do.
    """

    def __init__(self, scheduler: str | Any | None = None, *, workers: int | None = None,
                 retries: int = 2, report_failures: bool = False) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self.retries = retries
        self.report_failures = report_failures

    def map(self, batch_fn: Callable[[P], R], partitions: Iterable[P]) -> Iterator[R | Any]:
        distributed = _distributed()
        with self._client(distributed) as client:
            client.wait_for_workers(1)  # a batch-queue cluster may still be starting
            source = iter(partitions)
            pending = distributed.as_completed()
            owners: dict[str, P] = {}
            self._top_up(client, pending, owners, batch_fn, source)
            for future in pending:
                partition = owners.pop(future.key)
                yield self._outcome(future, partition)
                future.release()
                self._top_up(client, pending, owners, batch_fn, source)

    def _top_up(self, client: Any, pending: Any, owners: dict[str, Any],
                batch_fn: Callable[[Any], Any], source: Iterator[Any]) -> None:
        """Two partitions in flight per worker thread, counted again each time:
        workers may join (or leave) while the run goes on."""
        room = 2 * max(1, sum(client.nthreads().values())) - len(owners)
        for partition in islice(source, max(room, 0)):
            future = client.submit(batch_fn, partition, retries=self.retries, pure=False)
            owners[future.key] = partition
            pending.add(future)

    def _outcome(self, future: Any, partition: Any) -> Any:
        if future.status != "error" or not self.report_failures:
            return future.result()  # raises the task's error when not reporting
        return PartitionFailed(partition, failure_text(future.exception(), future.traceback()))

    @contextmanager
    def _client(self, distributed: Any) -> Iterator[Any]:
        if isinstance(self.scheduler, distributed.Client):
            yield self.scheduler
            return
        if self.scheduler:
            with distributed.Client(self.scheduler) as client:
                yield client
            return
        with local_cluster(self.workers) as cluster, distributed.Client(cluster) as client:
            yield client


@contextmanager
def local_cluster(workers: int | None = None) -> Iterator[Any]:
    """A Dask cluster of worker processes on this machine, on loopback only, one
    thread each (spaCy and the coder hold the GIL), without a dashboard."""
    distributed = _distributed()
    cluster = distributed.LocalCluster(
        n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
        host="127.0.0.1", dashboard_address=None)
    try:
        yield cluster
    finally:
        cluster.close()


def failure_text(exc: BaseException | None, tb: Any = None) -> str:
    """The error and the last frames of where it happened, for a failure report."""
    if exc is None:
        return "unknown error"
    lines = traceback.format_exception(type(exc), exc, tb or exc.__traceback__)
    return "".join(lines[-4:]).strip()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(INSTALL_HINT) from exc
    return distributed
